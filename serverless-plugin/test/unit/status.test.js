'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { runStatus, statusArguments } = require('../../lib/status');
const { SecretBakerError } = require('../../lib/errors');

const FAKE_JAVA = { command: path.join(__dirname, 'fake-jdk', 'bin', 'java'), source: 'the test' };

function fakeCli(env) {
  return { javaCommand: FAKE_JAVA, jar: 'secret-baker.jar', file: '/svc/.serverless/app.zip', config: ['MY_SECRET'],
    env: { ...process.env, FAKE_CLI_MODE: 'exit', ...env } };
}

test('status: arguments carry the artifact, the configuration on stdin, and only what is known', () => {
  assert.deepEqual(statusArguments({ jar: 'x.jar', file: 'app.zip', region: 'eu-west-1', stage: 'prod', json: true }),
    ['-jar', 'x.jar', 'status', '--config-json', '-', '--file', 'app.zip', '--json', '--region', 'eu-west-1', '--stage', 'prod']);
  assert.deepEqual(statusArguments({ jar: 'x.jar', file: 'app.zip', profile: 'ops' }),
    ['-jar', 'x.jar', 'status', '--config-json', '-', '--file', 'app.zip', '--profile', 'ops']);
});

test('status: exit code 3 with a table is a result to show, not an error', async () => {
  const result = await runStatus(fakeCli({ FAKE_CLI_EXIT: '3', FAKE_CLI_SUMMARY: 'app.zip: 1 secret, 1 stale\n  NAME  STATE' }));
  assert.equal(result.code, 3);
  assert.deepEqual(result.lines, ['app.zip: 1 secret, 1 stale', '  NAME  STATE']);
});

test('status: exit code 1 without a report rejects with the CLI\'s own words', async () => {
  await assert.rejects(runStatus(fakeCli({ FAKE_CLI_EXIT: '1', FAKE_CLI_STDERR: 'secret-baker: No file at /svc/app.zip.\n' })),
    (error) => error instanceof SecretBakerError
      && /could not tell the status/.test(error.message) && /No file at \/svc\/app\.zip\./.test(error.message));
});

test('status: a usage error says the jar does not match the plugin', async () => {
  await assert.rejects(runStatus(fakeCli({ FAKE_CLI_EXIT: '2', FAKE_CLI_STDERR: 'Unknown option\n' })),
    /does not know 'status'/);
});
