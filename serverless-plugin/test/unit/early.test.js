'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const ServerlessSecretBaker = require('../..');
const { FrameworkError, tempDir, fakeServerless, useFakeCli, withEnv } = require('./helpers');

/** The plugin as the Framework loads it for `commands`, with every call of the fake CLI logged. */
function plugin(t, { commands = ['package'], options = {}, custom = { secretBaker: ['A'] }, fake = {} } = {}) {
  const dir = tempDir(t);
  useFakeCli(t, dir, fake);
  const log = path.join(dir, 'calls.jsonl');
  withEnv(t, { FAKE_CLI_LOG: log, FAKE_CLI_DELAY_MS: fake.delayMs === undefined ? undefined : String(fake.delayMs), SECRET_BAKER_EARLY: undefined });
  const serviceDir = path.join(dir, 'service');
  fs.mkdirSync(serviceDir);
  const { serverless, utils, logs } = fakeServerless({ serviceDir, custom, functions: { hello: { handler: 'h.hello' } } });
  serverless.processedInput = { commands, options };
  const instance = new ServerlessSecretBaker(serverless, options, utils);
  t.after(() => instance.earlyBake && instance.earlyBake.cancel());
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : []);
  return { instance, serverless, serviceDir, logs, calls };
}

/** Files the bake may leave in the service folder, temporary ones included. */
function bakeFiles(serviceDir) {
  return fs.readdirSync(serviceDir).filter((name) => name.includes('secret-baker-secrets.json'));
}

async function until(condition, what) {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('early start: `package` starts the bake when the plugin is loaded, into a temporary file in the service folder', async (t) => {
  const { calls, serviceDir } = plugin(t);
  await until(() => calls().length === 1, 'the early bake');
  const output = calls()[0].args[calls()[0].args.indexOf('--output') + 1];
  assert.equal(path.dirname(output), serviceDir);
  assert.match(path.basename(output), /^\.secret-baker-secrets\.json\.\d+\.[0-9a-f]+\.tmp$/);
});

test('early start: the bake hook takes the early result, renames it into place and runs no second bake', async (t) => {
  const { instance, calls, serviceDir, logs } = plugin(t, { fake: { file: '{"A":{}}' } });
  await instance.hooks['before:package:createDeploymentArtifacts']();
  assert.equal(calls().length, 1);
  assert.deepEqual(bakeFiles(serviceDir), ['secret-baker-secrets.json']);
  assert.equal(fs.readFileSync(path.join(serviceDir, 'secret-baker-secrets.json'), 'utf8'), '{"A":{}}');
  assert.ok(logs.some(([level, m]) => level === 'notice' && m.includes('baked 0 secrets')));
});

test('early start: a configuration changed after the plugin was loaded is baked again as it is at the hook', async (t) => {
  const { instance, serverless, calls, serviceDir } = plugin(t, { fake: { delayMs: 300 } });
  serverless.service.custom.secretBaker = ['B'];
  await instance.hooks['before:package:createDeploymentArtifacts']();
  const last = calls()[calls().length - 1];
  assert.equal(last.stdin, '["B"]');
  assert.equal(last.args[last.args.indexOf('--output') + 1], path.join(serviceDir, 'secret-baker-secrets.json'));
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(bakeFiles(serviceDir), ['secret-baker-secrets.json']);
});

test('early start: a failed early bake is run again at the hook, which reports the failure as without it', async (t) => {
  const { instance, calls, serviceDir } = plugin(t, {
    fake: { mode: 'exit', exit: 1, stderr: 'secret-baker: A (parameter A): not found\n  Fix: create it\n' },
  });
  await assert.rejects(instance.hooks['before:package:createDeploymentArtifacts'](), (error) => {
    assert.ok(error instanceof FrameworkError);
    assert.match(error.message, /could not bake secret-baker-secrets\.json; nothing was written\.\nA \(parameter A\): not found/);
    assert.doesNotMatch(error.message, /\.tmp/);
    return true;
  });
  assert.equal(calls().length, 2);
  assert.deepEqual(bakeFiles(serviceDir), []);
});

test('early start: cancelling stops a running early bake and nothing is left in the service folder', async (t) => {
  const { instance, calls, serviceDir } = plugin(t, { fake: { delayMs: 400 } });
  await until(() => calls().length === 1, 'the early bake');
  instance.earlyBake.cancel();
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.deepEqual(bakeFiles(serviceDir), []);
});

test('early start: commands that do not bake, and `deploy --package`, start nothing', async (t) => {
  for (const [commands, options] of [[['info'], {}], [['remove'], {}], [['secret-baker', 'status'], {}], [['deploy'], { package: 'out' }]]) {
    const { instance, calls } = plugin(t, { commands, options });
    assert.equal(instance.earlyBake, null, commands.join(' '));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(calls(), [], commands.join(' '));
  }
});

test('early start: deploy, deploy function and invoke local start early', (t) => {
  for (const commands of [['deploy'], ['deploy', 'function'], ['invoke', 'local']]) {
    assert.notEqual(plugin(t, { commands }).instance.earlyBake, null, commands.join(' '));
  }
});

test('early start: a configuration with a variable the Framework resolves later, or SECRET_BAKER_EARLY=off, waits for the hook', (t) => {
  assert.equal(plugin(t, { custom: { secretBaker: { A: '${ssm:/path/to/prefix}/a' } } }).instance.earlyBake, null);
  const dir = tempDir(t);
  useFakeCli(t, dir);
  withEnv(t, { SECRET_BAKER_EARLY: 'off' });
  const { serverless, utils } = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  serverless.processedInput = { commands: ['package'], options: {} };
  assert.equal(new ServerlessSecretBaker(serverless, {}, utils).earlyBake, null);
});

test('early start: Ctrl-C stops the early bake, removes its file and still ends the process by SIGINT', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, {});
  withEnv(t, { FAKE_CLI_DELAY_MS: '1500', SECRET_BAKER_EARLY: undefined });
  const serviceDir = path.join(dir, 'service');
  fs.mkdirSync(serviceDir);
  // A process of its own that loads the plugin for `package` and is interrupted while the early bake runs.
  const script = `
    const ServerlessSecretBaker = require(${JSON.stringify(path.resolve(__dirname, '..', '..'))});
    const { fakeServerless } = require(${JSON.stringify(path.join(__dirname, 'helpers.js'))});
    const { serverless, utils } = fakeServerless({ serviceDir: ${JSON.stringify(serviceDir)}, custom: { secretBaker: ['A'] } });
    serverless.processedInput = { commands: ['package'], options: {} };
    new ServerlessSecretBaker(serverless, {}, utils);
    setTimeout(() => process.kill(process.pid, 'SIGINT'), 500);
    setTimeout(() => {}, 10000);
  `;
  const { spawnSync } = require('child_process');
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
  assert.equal(result.signal, 'SIGINT', result.stderr);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.deepEqual(bakeFiles(serviceDir), []);
});
