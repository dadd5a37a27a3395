'use strict';

// The record of a bake and the check that it still holds (lib/reuse.js). The GetParameters answers here are
// written by hand, in the shape AWS gives; the end-to-end tests make the same check against the emulator.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const reuse = require('../../lib/reuse');
const { tempDir } = require('./helpers');

const ARN = (name) => `arn:aws:ssm:us-east-1:111122223333:parameter/${name}`;

/** A service folder, a cache folder, and a request whose bake wrote `secrets` ({name: {ciphertext, arn, version, parameter}}). */
function baked(t, secrets, extra = {}) {
  const dir = tempDir(t);
  const env = { SECRET_BAKER_CACHE_DIR: path.join(dir, 'cache'), AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_REGION: 'us-east-1' };
  const jar = path.join(dir, 'secret-baker.jar');
  fs.writeFileSync(jar, 'jar');
  const output = path.join(dir, 'secret-baker-secrets.json');
  const request = { javaCommand: { command: 'java' }, jar, config: Object.keys(secrets), output, region: 'us-east-1', stage: 'dev', profile: null, env, userOptions: [], ...extra };
  const file = Object.fromEntries(Object.entries(secrets).map(([name, s]) => [name, { ciphertext: s.ciphertext, arn: s.arn }]));
  fs.writeFileSync(output, JSON.stringify(file));
  const summary = {
    ok: true,
    output,
    secrets: Object.entries(secrets).map(([name, s]) => ({ name, parameter: s.parameter, arn: s.arn, version: s.version })),
    policyStatements: [],
  };
  return { dir, env, request, output, summary, file: JSON.stringify(file) };
}

function answer(parameters, invalid = []) {
  return { Parameters: parameters.map(([name, version, value]) => ({ Name: name, Type: 'SecureString', Version: version, Value: value, ARN: ARN(name) })), InvalidParameters: invalid };
}

const TWO = {
  A: { parameter: 'A', arn: ARN('A'), version: 3, ciphertext: 'AQICAHh-a3' },
  B: { parameter: 'B:1', arn: ARN('B'), version: 1, ciphertext: 'AQICAHh-b1' },
};

test('reuse: a record of the bake is found for the same request, and writes the same file again', async (t) => {
  const { env, request, output, summary, file } = baked(t, TWO);
  reuse.remember(request, { summary, notes: ['a note'] }, env);
  fs.rmSync(output);

  const record = reuse.lastBake(request, env);
  assert.ok(record);
  const asked = [];
  const check = await reuse.stillCurrent(record, async (names) => {
    asked.push(names);
    return answer([['A', 3, 'AQICAHh-a3'], ['B', 1, 'AQICAHh-b1']]);
  });
  assert.deepEqual(check, { current: true, calls: 1 });
  assert.deepEqual(asked, [['A', 'B:1']], 'the references as configured, selectors included');
  assert.deepEqual(reuse.restore(record), { summary, notes: ['a note'] });
  assert.equal(fs.readFileSync(output, 'utf8'), file);
});

test('reuse: a new version, another ciphertext at the same version, another account, a missing parameter or an error is not current', async (t) => {
  const { env, request, summary } = baked(t, TWO);
  reuse.remember(request, { summary, notes: [] }, env);
  const record = reuse.lastBake(request, env);
  const cases = {
    'a new version': answer([['A', 4, 'AQICAHh-a4'], ['B', 1, 'AQICAHh-b1']]),
    'deleted and created again (same version, another ciphertext)': answer([['A', 3, 'AQICAHh-other'], ['B', 1, 'AQICAHh-b1']]),
    'another account': { Parameters: answer([['A', 3, 'AQICAHh-a3'], ['B', 1, 'AQICAHh-b1']]).Parameters.map((p) => ({ ...p, ARN: p.ARN.replace('111122223333', '444455556666') })), InvalidParameters: [] },
    'a missing parameter': answer([['A', 3, 'AQICAHh-a3']], ['B:1']),
    'a String parameter now': { Parameters: answer([['A', 3, 'AQICAHh-a3'], ['B', 1, 'AQICAHh-b1']]).Parameters.map((p) => ({ ...p, Type: 'String' })), InvalidParameters: [] },
  };
  for (const [what, given] of Object.entries(cases)) {
    assert.equal((await reuse.stillCurrent(record, async () => given)).current, false, what);
  }
  assert.equal((await reuse.stillCurrent(record, async () => { throw new Error('AccessDeniedException'); })).current, false, 'an error');
  assert.equal((await reuse.stillCurrent(record, () => { throw new Error('no region'); })).current, false, 'a client that throws at once');
});

test('reuse: 25 parameters are checked with 3 GetParameters calls of at most 10 names, in parallel', async (t) => {
  const secrets = {};
  for (let i = 0; i < 25; i++) secrets[`S${i}`] = { parameter: `S${i}`, arn: ARN(`S${i}`), version: 1, ciphertext: `c${i}` };
  const { env, request, summary } = baked(t, secrets);
  reuse.remember(request, { summary, notes: [] }, env);
  const record = reuse.lastBake(request, env);
  let inFlight = 0;
  let most = 0;
  const sizes = [];
  const check = await reuse.stillCurrent(record, async (names) => {
    sizes.push(names.length);
    most = Math.max(most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight--;
    return answer(names.map((name) => [name, 1, `c${name.slice(1)}`]));
  });
  assert.deepEqual(check, { current: true, calls: 3 });
  assert.deepEqual(sizes, [10, 10, 5]);
  assert.equal(most, 3);
});

test('reuse: another configuration, region, jar or endpoint is another request; new credentials are not', (t) => {
  const { env, request, summary } = baked(t, TWO);
  reuse.remember(request, { summary, notes: [] }, env);
  assert.ok(reuse.lastBake({ ...request, env: { ...request.env, AWS_ACCESS_KEY_ID: 'AKIDOTHER', AWS_SESSION_TOKEN: 'token' } }, env), 'new credentials');
  assert.equal(reuse.lastBake({ ...request, config: ['A'] }, env), null, 'another configuration');
  assert.equal(reuse.lastBake({ ...request, region: 'eu-west-1' }, env), null, 'another region');
  assert.equal(reuse.lastBake({ ...request, env: { ...request.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } }, env), null, 'another endpoint');
  fs.writeFileSync(request.jar, 'another jar');
  assert.equal(reuse.lastBake(request, env), null, 'another jar');
});

test('reuse: no record when a name and ARN have two ciphertexts (two pinned versions), or an entry no baked secret explains', (t) => {
  const { env, request, summary, output } = baked(t, TWO);
  const twoVersions = { ...summary, secrets: [...summary.secrets, { name: 'A', parameter: 'A:2', arn: ARN('A'), version: 2 }] };
  const packages = [{ output }, { output: path.join(path.dirname(output), 'other.json') }];
  fs.writeFileSync(packages[1].output, JSON.stringify({ A: { ciphertext: 'AQICAHh-a2', arn: ARN('A') } }));
  reuse.remember(request, { summary: { ...twoVersions, packages }, notes: [] }, env);
  assert.equal(reuse.lastBake(request, env), null);

  fs.writeFileSync(output, JSON.stringify({ A: { ciphertext: 'AQICAHh-a3', arn: ARN('A') }, C: { ciphertext: 'x', arn: ARN('C') } }));
  reuse.remember(request, { summary, notes: [] }, env);
  assert.equal(reuse.lastBake(request, env), null);
});

test('reuse: SECRET_BAKER_REUSE=off keeps and uses no record; a damaged record is ignored; the record is private to the user', (t) => {
  const { env, request, summary } = baked(t, TWO);
  const off = { ...env, SECRET_BAKER_REUSE: 'off' };
  reuse.remember(request, { summary, notes: [] }, off);
  assert.equal(fs.existsSync(path.join(env.SECRET_BAKER_CACHE_DIR, 'bakes')), false);

  reuse.remember(request, { summary, notes: [] }, env);
  assert.ok(reuse.lastBake(request, env));
  assert.equal(reuse.lastBake(request, off), null);
  const folder = path.join(env.SECRET_BAKER_CACHE_DIR, 'bakes');
  const [name] = fs.readdirSync(folder);
  if (process.platform !== 'win32') assert.equal(fs.statSync(path.join(folder, name)).mode & 0o077, 0, 'readable by its owner only');
  const record = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
  fs.writeFileSync(path.join(folder, name), JSON.stringify({ ...record, expected: [{ parameter: 'A' }] }));
  assert.equal(reuse.lastBake(request, env), null, 'a record of the wrong shape');
  fs.writeFileSync(path.join(folder, name), '{');
  assert.equal(reuse.lastBake(request, env), null, 'not JSON');
});

test('reuse: the record holds the file as baked (ciphertexts and ARNs) and digests, never anything else of the request', (t) => {
  const { env, request, summary } = baked(t, TWO, { env: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SECRET_BAKER_CACHE_DIR: 'unused' } });
  reuse.remember(request, { summary, notes: [] }, env);
  const folder = path.join(env.SECRET_BAKER_CACHE_DIR, 'bakes');
  const text = fs.readFileSync(path.join(folder, fs.readdirSync(folder)[0]), 'utf8');
  assert.doesNotMatch(text, /wJalrXUtnFEMI/);
  assert.match(text, new RegExp(crypto.createHash('sha256').update('AQICAHh-a3').digest('hex')));
});

test('reuse: a bake of no secrets ({}) is reused without a call', async (t) => {
  const { env, request, summary, output } = baked(t, {});
  reuse.remember(request, { summary, notes: ['no secrets are configured'] }, env);
  fs.rmSync(output);
  const record = reuse.lastBake(request, env);
  const check = await reuse.stillCurrent(record, async () => assert.fail('no call is needed'));
  assert.deepEqual(check, { current: true, calls: 0 });
  reuse.restore(record);
  assert.equal(fs.readFileSync(output, 'utf8'), '{}');
});
