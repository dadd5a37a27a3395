'use strict';

// serverless-offline 13 (the last line for Framework v3) with this plugin: `sls offline start` and `sls offline`
// bake before the server starts and clean up when it is stopped with Ctrl-C, and both accept
// --no-secret-baker-cleanup. Also checks, with the Framework's own command schema, that every command the
// plugin hooks into accepts the option.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const ServerlessSecretBaker = require('../..');
const e2e = require('./support');

const FILE = 'secret-baker-secrets.json';
const TEST_TIMEOUT_MS = 4 * 60 * 1000;

let sls;
let emulator;

test.before(async () => {
  sls = e2e.ensureFramework();
  e2e.ensureBundledJar();
  emulator = await e2e.startEmulator(e2e.emulatorJar());
}, { timeout: 12 * 60 * 1000 });

test.after(async () => {
  if (emulator) await emulator.stop();
});

function offlineService(t) {
  return e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-offline
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs18.x
plugins:
  - serverless-secret-baker-jvm
  - serverless-offline
custom:
  secretBaker:
    - MY_SECRET
functions:
  hello:
    handler: handler.hello
    events:
      - httpApi: GET /hello
`,
    'handler.js': "exports.hello = async () => ({ statusCode: 200, body: 'ok' });\n",
  }, { links: { 'serverless-offline': path.join(e2e.CACHE_DIR, 'node_modules', 'serverless-offline') } });
}

async function offline(t, args, { keeps }) {
  const dir = offlineService(t);
  const server = await e2e.startServerlessOnFreePorts(sls, dir, args, ['--httpPort', '--lambdaPort'],
    { emulator, ready: /Server ready/ });
  const expected = await e2e.expectedFileBytes(emulator, [{ name: 'MY_SECRET', path: 'MY_SECRET' }]);
  try {
    assert.ok(fs.readFileSync(path.join(dir, FILE)).equals(expected), 'baked into the service folder before the server starts');
  } finally {
    const code = await server.stop();
    assert.equal(code, 0, server.output());
  }
  assert.equal(fs.existsSync(path.join(dir, FILE)), keeps, server.output());
  assert.equal(server.output().match(/Secret Baker: baked 1 secret/g).length, 1, 'baked once');
}

test('sls offline start: bakes before start, removes the file on Ctrl-C', { timeout: TEST_TIMEOUT_MS }, (t) => offline(t, ['offline', 'start'], { keeps: false }));

test('sls offline: bakes before start, removes the file on Ctrl-C', { timeout: TEST_TIMEOUT_MS }, (t) => offline(t, ['offline'], { keeps: false }));

test('sls offline start --no-secret-baker-cleanup keeps the file', { timeout: TEST_TIMEOUT_MS }, (t) => offline(t, ['offline', 'start', '--no-secret-baker-cleanup'], { keeps: true }));

test('the Framework\'s command schema accepts --no-secret-baker-cleanup wherever the plugin bakes', () => {
  const frameworkLib = path.join(e2e.CACHE_DIR, 'node_modules', 'serverless', 'lib', 'cli');
  const resolveFinal = require(path.join(frameworkLib, 'commands-schema', 'resolve-final'));
  const parseArgs = require(path.join(frameworkLib, 'parse-args'));
  const serverless = { service: { plugins: ['serverless-secret-baker-jvm', 'serverless-offline'], custom: {} }, cli: { log() {} } };
  const plugin = new ServerlessSecretBaker(serverless, {});
  const commands = resolveFinal([plugin], { providerName: 'aws', configuration: {} });
  for (const name of ['package', 'deploy', 'deploy function', 'invoke local', 'offline', 'offline start']) {
    const schema = commands.get(name);
    assert.ok(schema, `${name} is a command`);
    assert.equal(schema.options['secret-baker-cleanup'].type, 'boolean', name);
    const boolean = new Set(Object.entries(schema.options).filter(([, o]) => o.type === 'boolean').map(([n]) => n));
    const parsed = parseArgs(['--no-secret-baker-cleanup'], { boolean, string: new Set(), alias: new Map(), multiple: new Set() });
    assert.equal(parsed['secret-baker-cleanup'], false, name);
  }
  // The core commands keep their own lifecycle and help text.
  assert.ok(commands.get('deploy').lifecycleEvents.length > 0);
  assert.match(commands.get('package').usage, /\w/);
});
