'use strict';

// End to end: `serverless secret-baker status` with the real Framework 3.40.0, after `serverless package`, and
// after a rotation and a deletion made with the AWS CLI against the emulator.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { spawnSync } = require('child_process');
const { readEntry } = require('../../lib/artifact');
const e2e = require('./support');

const TEST_TIMEOUT_MS = 6 * 60 * 1000;

let sls;
let emulator;

e2e.useFrameworkAndEmulator(test, (ready) => ({ sls, emulator } = ready));

function run(dir, args) {
  const result = e2e.runServerless(sls, dir, args, { emulator });
  assert.equal(result.error, undefined, `serverless ${args.join(' ')} did not finish: ${result.error}`);
  return result;
}

/** The AWS CLI as the seed's operator; null when it is not installed. */
function awsCli(args) {
  const operator = emulator.principals.operator;
  const result = spawnSync('aws', [...args, '--endpoint-url', emulator.endpoint, '--output', 'json'], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: operator.accessKeyId,
      AWS_SECRET_ACCESS_KEY: operator.secretAccessKey,
      AWS_DEFAULT_REGION: e2e.REGION,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    },
  });
  if (result.error && result.error.code === 'ENOENT') return null;
  assert.equal(result.status, 0, `aws ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

test('sls secret-baker status: current and pinned after package (exit 0), stale and gone after the AWS CLI rotates and deletes (exit 3)', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-status
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs18.x
plugins:
  - serverless-secret-baker-jvm
package:
  patterns:
    - '!node_modules/**'
    - '!.home/**'
custom:
  secretBaker:
    CURRENT: MY_SECRET
    PINNED: /e2e/pinned:2
    ROTATED: /e2e/status/rotated
    DELETED: /e2e/status/deleted
functions:
  hello:
    handler: handler.hello
`,
    'handler.js': 'exports.hello = async () => ({});\n',
  });
  const packaged = run(dir, ['package']);
  assert.equal(packaged.status, 0, packaged.output);

  const before = run(dir, ['secret-baker', 'status']);
  if (awsCli(['ssm', 'put-parameter', '--name', '/e2e/status/rotated', '--type', 'SecureString', '--key-id', 'alias/e2e-app',
    '--value', 'e2e-plaintext-status-rotated-v2', '--overwrite']) === null) {
    t.skip('the AWS CLI is not installed (.ci/install-prerequisites installs Debian\'s awscli)');
    return;
  }
  awsCli(['ssm', 'delete-parameter', '--name', '/e2e/status/deleted']);
  const after = run(dir, ['secret-baker', 'status']);
  const json = run(dir, ['secret-baker', 'status', '--json']);

  assert.equal(before.status, 0, before.output);
  assert.match(before.stdout, /sb-e2e-status\.zip!\/secret-baker-secrets\.json: 4 secrets, 3 current, 1 pinned/);
  assert.match(before.stdout, /PINNED +pinned +v2 +v3 .*e2e\/pinned:2 +a newer version exists \(v3\)/);
  assert.equal(after.status, 3, after.output);
  assert.match(after.stdout, /4 secrets, 1 current, 1 stale, 1 pinned, 1 gone/);
  assert.match(after.stdout, /ROTATED +stale +v1 +v2 .*bake and deploy again/);
  assert.match(after.stdout, /DELETED +gone .*the parameter was deleted/);
  assert.equal(json.status, 3, json.output);
  const report = JSON.parse(json.stdout.slice(json.stdout.indexOf('{'), json.stdout.lastIndexOf('}') + 1));
  assert.equal(report.outcome, 'redeploy');
  assert.deepEqual(report.secrets.map((s) => [s.name, s.state]),
    [['CURRENT', 'current'], ['PINNED', 'pinned'], ['ROTATED', 'stale'], ['DELETED', 'gone']]);
  assert.equal(report.secrets[2].arn, `arn:aws:ssm:${e2e.REGION}:111122223333:parameter/e2e/status/rotated`);
  const baked = JSON.parse(await readEntry(path.join(dir, '.serverless', 'sb-e2e-status.zip'), 'secret-baker-secrets.json'));
  for (const result of [before, after, json]) {
    assert.doesNotMatch(result.output, e2e.PLAINTEXT_CANARY, 'no plaintext in the output');
    for (const { ciphertext } of Object.values(baked)) {
      assert.ok(!result.output.includes(ciphertext.slice(0, 24)), 'no ciphertext in the output');
    }
  }
});

test('sls secret-baker status before any package: says to package first or to give --artifact', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-status-none
frameworkVersion: '3'
provider:
  name: aws
plugins:
  - serverless-secret-baker-jvm
custom:
  secretBaker:
    - MY_SECRET
`,
  });
  const result = run(dir, ['secret-baker', 'status']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /No packaged artifact to check/);
  assert.match(result.output, /--artifact/);
  assert.ok(result.output.includes(path.join('.serverless', 'sb-e2e-status-none.zip')));
});
