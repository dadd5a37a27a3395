'use strict';

// End to end: per-function secrets (functions.NAME.secretBaker) with the real Serverless Framework 3.40.0, the
// real CLI and the emulator: what each package holds, with and without package.individually, and the IAM
// statement the functions' role gets.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { readEntry } = require('../../lib/artifact');
const e2e = require('./support');

const FILE = 'secret-baker-secrets.json';
const TEST_TIMEOUT_MS = 4 * 60 * 1000;
const ARN = (name) => `arn:aws:ssm:us-east-1:111122223333:parameter/${name.replace(/^\//, '')}`;

let sls;
let emulator;

e2e.useFrameworkAndEmulator(test, (ready) => ({ sls, emulator } = ready));

function service(t, { packageSection = '', functions }) {
  return e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-functions
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
${packageSection}
custom:
  secretBaker:
    - MY_SECRET
functions:
${functions}`,
    'handler.js': "exports.handle = async () => 'ok';\n",
    // The names in the file beside it, as the function would find them at run time.
    'names.js': "exports.handle = async () => Object.keys(JSON.parse(require('fs').readFileSync(require('path').join(__dirname, 'secret-baker-secrets.json'), 'utf8')));\n",
  });
}

function run(dir, args) {
  const result = e2e.runServerless(sls, dir, args, { emulator });
  assert.equal(result.error, undefined, `serverless ${args.join(' ')} did not finish: ${result.error}`);
  return result;
}

function decryptStatements(dir) {
  const template = JSON.parse(fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
  return template.Resources.IamRoleLambdaExecution.Properties.Policies[0].PolicyDocument.Statement.filter((s) => s.Action === 'kms:Decrypt');
}

/** The JSON array that starts at `start` in `text` (the statements the plugin prints). */
function jsonArrayAt(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[') depth++;
    if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`No JSON array at ${start} in:\n${text}`);
}

const TWO_FUNCTIONS = `  api:
    handler: handler.handle
    secretBaker:
      API_KEY: MY_OTHER_SECRET
      PINNED: /e2e/pinned:2
  worker:
    handler: handler.handle
    secretBaker:
      - name: CUSTOM
        path: /e2e/\${sls:stage}/custom
      - name: MY_SECRET            # replaces the service's MY_SECRET in this function's package
        path: /e2e/advanced
  plain:
    handler: handler.handle
`;

test('sls package with package.individually: each zip holds the service\'s secrets plus its function\'s own and nothing else; the role covers them all', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { packageSection: '  individually: true', functions: TWO_FUNCTIONS });
  const result = run(dir, ['package']);
  assert.equal(result.status, 0, result.output);

  const expected = {
    api: [{ name: 'MY_SECRET', path: 'MY_SECRET' }, { name: 'API_KEY', path: 'MY_OTHER_SECRET' }, { name: 'PINNED', path: '/e2e/pinned:2' }],
    worker: [{ name: 'MY_SECRET', path: '/e2e/advanced' }, { name: 'CUSTOM', path: '/e2e/dev/custom' }],
    plain: [{ name: 'MY_SECRET', path: 'MY_SECRET' }],
  };
  for (const [name, entries] of Object.entries(expected)) {
    const packaged = await readEntry(path.join(dir, '.serverless', `${name}.zip`), FILE);
    assert.ok(packaged, `${name}.zip holds ${FILE}`);
    assert.equal(packaged.toString('utf8'), (await e2e.expectedFileBytes(emulator, entries)).toString('utf8'), `${name}.zip`);
    assert.equal((await readEntry(path.join(dir, '.serverless', `${name}.zip`), 'handler.js')).toString(), "exports.handle = async () => 'ok';\n");
  }

  // One role serves every function, so it may decrypt what any package holds, and nothing more.
  const arns = decryptStatements(dir).flatMap((s) => s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN']);
  assert.deepEqual(arns.sort(), ['MY_SECRET', 'MY_OTHER_SECRET', '/e2e/pinned', '/e2e/advanced', '/e2e/dev/custom'].map(ARN).sort());
  assert.match(result.output, /baked 5 secrets from Parameter Store \(us-east-1\) into secret-baker-secrets\.json of 4 packages \(the service's: 1 secret; api: 3 secrets; worker: 2 secrets; plain: 1 secret\)/);
  assert.doesNotMatch(result.output, /unrecognized property 'secretBaker'/, 'functions.NAME.secretBaker is declared in the schema');
  assert.doesNotMatch(result.output, e2e.PLAINTEXT_CANARY);
  await e2e.assertNoPlaintextIn(path.join(dir, '.serverless'));
  assert.equal(fs.existsSync(path.join(dir, FILE)), false, 'removed from the service folder');
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'secret-baker')), false, 'the functions\' files are removed');

  // Packaged again with nothing changed: every package's file comes from the last bake, with no JVM.
  const again = run(dir, ['package']);
  assert.equal(again.status, 0, again.output);
  assert.match(again.output, /still holds the 5 secrets of the last bake \(same versions and ciphertexts, checked with 1 GetParameters call\), so secret-baker-secrets\.json of 4 packages \(the service's: 1 secret; api: 3 secrets; worker: 2 secrets; plain: 1 secret\) was written from it/);
  for (const [name, entries] of Object.entries(expected)) {
    const packaged = await readEntry(path.join(dir, '.serverless', `${name}.zip`), FILE);
    assert.equal(packaged.toString('utf8'), (await e2e.expectedFileBytes(emulator, entries)).toString('utf8'), `${name}.zip, packaged again`);
  }
  assert.deepEqual(decryptStatements(dir).flatMap((s) => s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN']).sort(), arns.sort());
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'secret-baker')), false, 'the functions\' files are removed');
});

test('sls package without package.individually: the one package holds the union, with a warning naming whose secrets every function can read', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { functions: `  hello:
    handler: handler.handle
  admin:
    handler: handler.handle
    secretBaker:
      - MY_OTHER_SECRET
` });
  const result = run(dir, ['package']);
  assert.equal(result.status, 0, result.output);
  const packaged = await readEntry(path.join(dir, '.serverless', 'sb-e2e-functions.zip'), FILE);
  const expected = await e2e.expectedFileBytes(emulator, [{ name: 'MY_SECRET', path: 'MY_SECRET' }, { name: 'MY_OTHER_SECRET', path: 'MY_OTHER_SECRET' }]);
  assert.ok(packaged.equals(expected), packaged.toString());
  assert.match(result.output, /functions hello, admin share one deployment package \(package\.individually is not set\), so each of them can read the secrets of functions\.admin\.secretBaker/);
  assert.deepEqual(decryptStatements(dir).flatMap((s) => s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN']), [ARN('MY_SECRET'), ARN('MY_OTHER_SECRET')]);
});

test('sls package: a function with its own role is told the statement for its own package only, and its secrets stay off the managed role', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { packageSection: '  individually: true', functions: `  hello:
    handler: handler.handle
  own:
    handler: handler.handle
    role: arn:aws:iam::111122223333:role/own
    secretBaker:
      OWN_KEY: MY_OTHER_SECRET
` });
  const result = run(dir, ['package']);
  assert.equal(result.status, 0, result.output);
  const warning = result.output.slice(result.output.indexOf('functions.own uses a role'));
  assert.ok(warning.length > 0, result.output);
  const printed = JSON.parse(jsonArrayAt(warning, warning.indexOf('[')));
  assert.deepEqual(printed.flatMap((s) => s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN']), [ARN('MY_SECRET'), ARN('MY_OTHER_SECRET')]);
  assert.doesNotMatch(result.output, /functions\.hello uses a role/);
  // The managed role serves hello only, so it may decrypt what hello's package holds and not own's secret.
  assert.deepEqual(decryptStatements(dir).flatMap((s) => s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN']), [ARN('MY_SECRET')]);
});

test('failure: one name for two parameters in a shared package names both entries and the fix; nothing is packaged', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { functions: `  hello:
    handler: handler.handle
  admin:
    handler: handler.handle
    secretBaker:
      MY_SECRET: MY_OTHER_SECRET
` });
  const result = run(dir, ['package']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /functions\.admin\.secretBaker\.MY_SECRET: functions hello and admin share one deployment package, so one secret-baker-secrets\.json, but MY_SECRET is the parameter MY_OTHER_SECRET for admin and MY_SECRET for hello \(custom\.secretBaker\[0\]\)/);
  assert.match(result.output, /set package\.individually: true/);
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'sb-e2e-functions.zip')), false);
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);
});

test('failure: a wrong shape is not warned about by the Framework, whose validator would coerce it, and is refused by the bake, naming the function', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { packageSection: '  individually: true', functions: `  hello:
    handler: handler.handle
    secretBaker: 42
` });
  const result = run(dir, ['package']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /functions\.hello\.secretBaker: expected a list of secrets .* but found a number \(42\)/);
  assert.doesNotMatch(result.output, /unrecognized property/);
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'hello.zip')), false);
});

test('sls secret-baker status after packaging individually: each function\'s zip against its own secrets; --function checks one', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { packageSection: '  individually: true', functions: `  api:
    handler: handler.handle
    secretBaker:
      PINNED: /e2e/pinned:2
  plain:
    handler: handler.handle
` });
  const packaged = run(dir, ['package']);
  assert.equal(packaged.status, 0, packaged.output);

  const all = run(dir, ['secret-baker', 'status']);
  assert.equal(all.status, 0, all.output);
  assert.match(all.stdout, /functions api: .*api\.zip!\/secret-baker-secrets\.json: 2 secrets, 1 current, 1 pinned/);
  assert.match(all.stdout, /functions plain: .*plain\.zip!\/secret-baker-secrets\.json: 1 secret, 1 current/);

  const one = run(dir, ['secret-baker', 'status', '--function', 'plain', '--json']);
  assert.equal(one.status, 0, one.output);
  const report = JSON.parse(one.stdout.slice(one.stdout.indexOf('{'), one.stdout.lastIndexOf('}') + 1));
  assert.deepEqual(report.packages.map((p) => p.functions), [['plain']]);
  assert.deepEqual(report.packages[0].report.secrets.map((s) => [s.name, s.state]), [['MY_SECRET', 'current']]);
});

test('sls invoke local -f NAME: the function finds what its package would hold', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = service(t, { packageSection: '  individually: true', functions: `  api:
    handler: names.handle
    secretBaker:
      API_KEY: MY_OTHER_SECRET
  plain:
    handler: names.handle
` });
  for (const [name, expected] of [['api', ['MY_SECRET', 'API_KEY']], ['plain', ['MY_SECRET']]]) {
    const result = run(dir, ['invoke', 'local', '--function', name]);
    assert.equal(result.status, 0, result.output);
    assert.deepEqual(JSON.parse(result.stdout.slice(result.stdout.indexOf('['), result.stdout.lastIndexOf(']') + 1)), expected, name);
  }
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);
});
