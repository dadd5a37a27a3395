'use strict';

// End to end: the real Serverless Framework 3.40.0 with this plugin, the real secret-baker CLI, and the
// emulator behind AWS_ENDPOINT_URL. Each test builds a small service in a temporary folder and runs one
// Framework command in it.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { readEntry, entryNames } = require('../../lib/artifact');
const e2e = require('./support');

const FILE = 'secret-baker-secrets.json';
const TEST_TIMEOUT_MS = 4 * 60 * 1000;

let sls;
let jar;
let emulator;

e2e.useFrameworkAndEmulator(test, (ready) => ({ sls, jar, emulator } = ready));

function nodeService(t, secretBaker, extra = '') {
  return e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-node
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
    - '!*.json'            # the plugin's own pattern comes later and still includes the secrets file
custom:
${secretBaker}
functions:
  hello:
    handler: handler.hello
${extra}`,
    'handler.js': HANDLER,
  });
}

// Reads the baked file beside it and decrypts every secret with KMS, as a function would at run time.
const HANDLER = `'use strict';
const fs = require('fs');
const path = require('path');
const AWS = require('aws-sdk');

exports.hello = async () => {
  const kms = new AWS.KMS({
    endpoint: process.env.AWS_ENDPOINT_URL,
    region: 'us-east-1',
    credentials: new AWS.Credentials(process.env.E2E_FUNCTION_KEY_ID, process.env.E2E_FUNCTION_SECRET),
  });
  const secrets = JSON.parse(fs.readFileSync(path.join(__dirname, '${FILE}'), 'utf8'));
  const plaintexts = {};
  for (const [name, { ciphertext, arn }] of Object.entries(secrets)) {
    const answer = await kms.decrypt({
      CiphertextBlob: Buffer.from(ciphertext, 'base64'),
      EncryptionContext: { PARAMETER_ARN: arn },
    }).promise();
    plaintexts[name] = answer.Plaintext.toString('utf8');
  }
  return plaintexts;
};
`;

function run(dir, args, env) {
  const result = e2e.runServerless(sls, dir, args, { emulator, env });
  assert.equal(result.error, undefined, `serverless ${args.join(' ')} did not finish: ${result.error}`);
  return result;
}

function assertOk(result, what) {
  assert.equal(result.status, 0, `${what} failed:\n${result.output}`);
}

test('sls package (Node): the packaged file is byte-identical to the original plugin\'s, and is removed from the service folder', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET
    - MY_OTHER_SECRET
    - name: CUSTOM_SECRET
      path: /e2e/\${sls:stage}/custom`);
  const result = run(dir, ['package']);
  assertOk(result, 'sls package');

  const expected = await e2e.expectedFileBytes(emulator, [
    { name: 'MY_SECRET', path: 'MY_SECRET' },
    { name: 'MY_OTHER_SECRET', path: 'MY_OTHER_SECRET' },
    { name: 'CUSTOM_SECRET', path: '/e2e/dev/custom' },
  ]);
  const packaged = await readEntry(path.join(dir, '.serverless', 'sb-e2e-node.zip'), FILE);
  assert.ok(packaged, `${FILE} is in the package`);
  assert.equal(packaged.toString('utf8'), expected.toString('utf8'));
  assert.ok(packaged.equals(expected));
  assert.equal(fs.existsSync(path.join(dir, FILE)), false, 'cleaned up after the command');
  assert.match(result.output, /Secret Baker: baked 3 secrets from Parameter Store \(us-east-1\) into secret-baker-secrets\.json; nothing was decrypted/);
  assert.doesNotMatch(result.output, e2e.PLAINTEXT_CANARY, 'no plaintext in the Framework\'s output');
  await e2e.assertNoPlaintextIn(path.join(dir, '.serverless'));

  // The functions' role may decrypt exactly these three parameters, with their key.
  const template = JSON.parse(fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
  const statements = template.Resources.IamRoleLambdaExecution.Properties.Policies[0].PolicyDocument.Statement;
  const decrypt = statements.filter((s) => s.Action === 'kms:Decrypt');
  assert.equal(decrypt.length, 1, JSON.stringify(statements));
  assert.deepEqual(decrypt[0].Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN'], [
    'arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET',
    'arn:aws:ssm:us-east-1:111122223333:parameter/MY_OTHER_SECRET',
    'arn:aws:ssm:us-east-1:111122223333:parameter/e2e/dev/custom',
  ]);
  assert.deepEqual(decrypt[0].Condition['ForAnyValue:StringEquals'], { 'kms:ResourceAliases': ['alias/e2e-app'] });
  assert.match(result.output, /allowed IamRoleLambdaExecution kms:Decrypt of the 3 baked parameters only/);
});

test('a later sls package reuses the last bake while Parameter Store holds the same versions, and bakes again after a new one', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET
    - name: ROTATED
      path: /e2e/reuse/rotated`);
  const entries = [{ name: 'MY_SECRET', path: 'MY_SECRET' }, { name: 'ROTATED', path: '/e2e/reuse/rotated' }];
  const zip = path.join(dir, '.serverless', 'sb-e2e-node.zip');
  const decryptStatement = () => {
    const template = JSON.parse(fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
    return template.Resources.IamRoleLambdaExecution.Properties.Policies[0].PolicyDocument.Statement.filter((s) => s.Action === 'kms:Decrypt');
  };

  const first = run(dir, ['package']);
  assertOk(first, 'the first sls package');
  assert.match(first.output, /Secret Baker: baked 2 secrets from Parameter Store/);
  const firstFile = await readEntry(zip, FILE);
  const firstStatement = decryptStatement();

  const second = run(dir, ['package']);
  assertOk(second, 'the second sls package');
  assert.match(second.output, /Secret Baker: Parameter Store \(us-east-1\) still holds the 2 secrets of the last bake \(same versions and ciphertexts, checked with 1 GetParameters call\), so secret-baker-secrets\.json was written from it; nothing was decrypted/);
  assert.doesNotMatch(second.output, /Secret Baker: baked/);
  assert.ok((await readEntry(zip, FILE)).equals(firstFile), 'the same file as the bake');
  assert.ok(firstFile.equals(await e2e.expectedFileBytes(emulator, entries)));
  assert.deepEqual(decryptStatement(), firstStatement, 'the same IAM statement');
  assert.equal(fs.existsSync(path.join(dir, FILE)), false, 'cleaned up after the command');
  const records = path.join(e2e.PLUGIN_CACHE_DIR, 'bakes');
  for (const record of fs.readdirSync(records)) {
    assert.doesNotMatch(fs.readFileSync(path.join(records, record), 'utf8'), e2e.PLAINTEXT_CANARY, 'the record holds ciphertexts only');
  }

  // A new version of one parameter: the next package bakes it.
  const AWS = e2e.awsSdk();
  const operator = emulator.principals.operator;
  await new AWS.SSM({ endpoint: emulator.endpoint, region: e2e.REGION, credentials: new AWS.Credentials(operator.accessKeyId, operator.secretAccessKey) })
    .putParameter({ Name: '/e2e/reuse/rotated', Value: 'e2e-plaintext-reuse-v2', Type: 'SecureString', KeyId: 'alias/e2e-app', Overwrite: true }).promise();
  const third = run(dir, ['package']);
  assertOk(third, 'sls package after the new version');
  assert.match(third.output, /Secret Baker: baked 2 secrets from Parameter Store/);
  const thirdFile = await readEntry(zip, FILE);
  assert.ok(thirdFile.equals(await e2e.expectedFileBytes(emulator, entries)), 'the new version is packaged');
  assert.ok(!thirdFile.equals(firstFile));
  assert.doesNotMatch(third.output, e2e.PLAINTEXT_CANARY);
});

test('sls package --no-secret-baker-cleanup (Node, map form, pinned version, advanced tier, a name JSON must escape): the file stays, byte-identical', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, `  secretBaker:
    PINNED: /e2e/pinned:2
    LATEST: /e2e/pinned
    ADVANCED: /e2e/advanced
    "CLÉ \\"quoted\\" 🔑": MY_SECRET`);
  const result = run(dir, ['package', '--no-secret-baker-cleanup']);
  assertOk(result, 'sls package --no-secret-baker-cleanup');

  const expected = await e2e.expectedFileBytes(emulator, [
    { name: 'PINNED', path: '/e2e/pinned:2' },
    { name: 'LATEST', path: '/e2e/pinned' },
    { name: 'ADVANCED', path: '/e2e/advanced' },
    { name: 'CLÉ "quoted" 🔑', path: 'MY_SECRET' },
  ]);
  assert.equal(fs.readFileSync(path.join(dir, FILE), 'utf8'), expected.toString('utf8'));
  assert.ok(fs.readFileSync(path.join(dir, FILE)).equals(expected), 'kept in the service folder');
  assert.ok((await readEntry(path.join(dir, '.serverless', 'sb-e2e-node.zip'), FILE)).equals(expected));
  assert.match(result.output, /kept secret-baker-secrets\.json \(--no-secret-baker-cleanup\)/);
});

test('sls package with package.individually: every function\'s zip carries the file', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET`, `  other:
    handler: handler.hello
    package:
      individually: true
`);
  const result = run(dir, ['package']);
  assertOk(result, 'sls package');
  const expected = await e2e.expectedFileBytes(emulator, [{ name: 'MY_SECRET', path: 'MY_SECRET' }]);
  assert.ok((await readEntry(path.join(dir, '.serverless', 'other.zip'), FILE)).equals(expected), 'the individually packaged function');
  assert.ok((await readEntry(path.join(dir, '.serverless', 'sb-e2e-node.zip'), FILE)).equals(expected), 'the service package');
});

test('sls package without custom.secretBaker packages an empty {} as the original plugin did', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, '  other: value');
  const result = run(dir, ['package']);
  assertOk(result, 'sls package');
  assert.equal((await readEntry(path.join(dir, '.serverless', 'sb-e2e-node.zip'), FILE)).toString(), '{}');
});

test('sls invoke local (Node): the function decrypts what was baked; the file is removed afterwards', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET
    - name: CUSTOM_SECRET
      path: /e2e/dev/custom`);
  const env = {
    NODE_PATH: path.join(e2e.CACHE_DIR, 'node_modules'),
    E2E_FUNCTION_KEY_ID: emulator.principals.function.accessKeyId,
    E2E_FUNCTION_SECRET: emulator.principals.function.secretAccessKey,
  };
  const result = run(dir, ['invoke', 'local', '--function', 'hello'], env);
  assertOk(result, 'sls invoke local');
  const json = result.stdout.slice(result.stdout.indexOf('{'), result.stdout.lastIndexOf('}') + 1);
  assert.deepEqual(JSON.parse(json), { MY_SECRET: 'e2e-plaintext-my-secret', CUSTOM_SECRET: 'e2e-plaintext-custom-dev' });
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);

  const kept = run(dir, ['invoke', 'local', '--function', 'hello', '--no-secret-baker-cleanup'], env);
  assertOk(kept, 'sls invoke local --no-secret-baker-cleanup');
  assert.ok(fs.existsSync(path.join(dir, FILE)), 'kept with --no-secret-baker-cleanup');
});

test('sls package (Java, package.artifact): copies of the jars carry the file, the runtime decrypts it, the jars stay untouched', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const dir = e2e.createService(t, {
    'serverless.yml': `service: sb-e2e-java
frameworkVersion: '3'
provider:
  name: aws
  runtime: java17
plugins:
  - serverless-secret-baker-jvm
package:
  artifact: build/app.jar
custom:
  secretBaker:
    - MY_SECRET
    - name: CUSTOM_SECRET
      path: /e2e/\${sls:stage}/custom
functions:
  hello:
    handler: example.Check
  other:
    handler: example.Check
    package:
      artifact: build/other.jar
`,
    'src/example/Check.java': `package example;

import dev.secretbaker.runtime.BakedSecrets;

public class Check {
    public static void main(String[] args) {
        for (String name : args) {
            System.out.println(name + "=" + BakedSecrets.get(name));
        }
    }
}
`,
  });
  buildJars(dir, ['app.jar', 'other.jar']);
  const originals = ['app.jar', 'other.jar'].map((name) => fs.readFileSync(path.join(dir, 'build', name)));

  const result = run(dir, ['package']);
  assertOk(result, 'sls package');

  const expected = await e2e.expectedFileBytes(emulator, [
    { name: 'MY_SECRET', path: 'MY_SECRET' },
    { name: 'CUSTOM_SECRET', path: '/e2e/dev/custom' },
  ]);
  for (const [i, name] of ['app.jar', 'other.jar'].entries()) {
    const copy = path.join(dir, '.serverless', name);
    assert.ok((await readEntry(copy, FILE)).equals(expected), `${name} copy carries the file`);
    const names = await entryNames(copy);
    assert.equal(names[0], 'META-INF/', `${name}: the jar's own entries come first, in order`);
    assert.ok(names.includes('example/Check.class'));
    assert.ok(fs.readFileSync(path.join(dir, 'build', name)).equals(originals[i]), `build/${name} is unchanged`);
    assert.equal(await readEntry(path.join(dir, 'build', name), FILE), null);
  }
  assert.equal(fs.existsSync(path.join(dir, FILE)), false, 'cleaned up from the service folder');
  assert.doesNotMatch(result.output, e2e.PLAINTEXT_CANARY);
  await e2e.assertNoPlaintextIn(path.join(dir, '.serverless'));

  // The deployment points at the copies.
  const template = JSON.parse(fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
  const keys = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => r.Properties.Code.S3Key.split('/').pop())
    .sort();
  assert.deepEqual(keys, ['app.jar', 'other.jar']);
  const state = JSON.parse(fs.readFileSync(path.join(dir, '.serverless', 'serverless-state.json'), 'utf8'));
  assert.equal(state.service.functions.other.package.artifact, path.join(dir, '.serverless', 'other.jar'));

  // The runtime library, run from the copy with the function's credentials, decrypts the baked ciphertexts.
  const check = spawnSync(e2e.jdkTool('java'), ['-cp', [path.join(dir, '.serverless', 'app.jar'), e2e.emulatorJar()].join(path.delimiter), 'example.Check', 'MY_SECRET', 'CUSTOM_SECRET'], {
    cwd: path.join(dir, 'src'),
    encoding: 'utf8',
    timeout: 60000,
    env: {
      PATH: process.env.PATH,
      AWS_REGION: e2e.REGION,
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: emulator.principals.function.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.principals.function.secretAccessKey,
    },
  });
  assert.equal(check.status, 0, check.stderr);
  assert.deepEqual(check.stdout.trim().split('\n'), ['MY_SECRET=e2e-plaintext-my-secret', 'CUSTOM_SECRET=e2e-plaintext-custom-dev']);
});

/** Compiles src/example/Check.java against the runtime in the full CLI jar and jars it with the JDK's jar tool. */
function buildJars(dir, names) {
  const classes = path.join(dir, 'build', 'classes');
  const javac = spawnSync(e2e.jdkTool('javac'), ['-cp', e2e.emulatorJar(), '-d', classes, path.join(dir, 'src', 'example', 'Check.java')], { encoding: 'utf8', timeout: 120000 });
  assert.equal(javac.status, 0, javac.stderr);
  for (const name of names) {
    const made = spawnSync(e2e.jdkTool('jar'), ['--create', '--file', path.join(dir, 'build', name), '-C', classes, '.'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(made.status, 0, made.stderr);
  }
}

function failureCase(title, secretBaker, expectations) {
  test(`failure: ${title}`, { timeout: TEST_TIMEOUT_MS }, (t) => {
    const dir = nodeService(t, secretBaker);
    const result = run(dir, ['package']);
    assert.equal(result.status, 1, `sls package should fail:\n${result.output}`);
    for (const expected of expectations) assert.match(result.output, expected);
    assert.equal(fs.existsSync(path.join(dir, FILE)), false, 'no file is written');
    assert.equal(fs.existsSync(path.join(dir, '.serverless', 'sb-e2e-node.zip')), false, 'nothing is packaged');
    assert.doesNotMatch(result.output, e2e.PLAINTEXT_CANARY, 'no value in the message');
  });
}

failureCase('a missing parameter names the secret, the path and the fix', `  secretBaker:
    - MY_SECRET
    - name: NOT_THERE
      path: /e2e/not-there`, [
  /Secret Baker could not bake secret-baker-secrets\.json; nothing was written\./,
  /NOT_THERE \(parameter \/e2e\/not-there, configured at custom\.secretBaker\[1\]\): Parameter \/e2e\/not-there does not exist in us-east-1\./,
  /Fix: Create it as a SecureString/,
]);

failureCase('a String parameter is refused, naming the secret and the fix', `  secretBaker:
    PLAIN: /e2e/plain-string`, [
  /PLAIN \(parameter \/e2e\/plain-string, configured at custom\.secretBaker\.PLAIN\): It is a String parameter, not a SecureString/,
  /Fix: Store it as a SecureString encrypted with a customer managed KMS key/,
]);

failureCase('a parameter under the AWS managed key alias/aws/ssm is refused, naming the secret and the fix', `  secretBaker:
    - name: MANAGED
      path: /e2e/aws-managed`, [
  /MANAGED \(parameter \/e2e\/aws-managed, configured at custom\.secretBaker\[0\]\): It is encrypted with the AWS managed key alias\/aws\/ssm/,
  /Fix: Encrypt it with a customer managed KMS key instead/,
]);

failureCase('malformed configuration names the entry', `  secretBaker:
    - MY_SECRET
    - 42`, [
  /Secret Baker could not bake secret-baker-secrets\.json; nothing was written\./,
  /custom\.secretBaker\[1\]: expected a secret name .* but found a number \(42\)/,
]);

failureCase('an entry without a path names the entry', `  secretBaker:
    - name: NO_PATH`, [
  /custom\.secretBaker\[0\]: the entry has no path; add path: \/path\/to\/parameter/,
]);

failureCase('duplicate names are an error naming the secret', `  secretBaker:
    - MY_SECRET
    - name: MY_SECRET
      path: MY_OTHER_SECRET`, [
  /custom\.secretBaker\[1\]: the secret name 'MY_SECRET' is already used by custom\.secretBaker\[0\]; each secret needs its own name/,
]);

test('a failure after the bake (a broken layer) still removes the file from the service folder', { timeout: TEST_TIMEOUT_MS }, (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET`, `layers:
  broken:
    path: no-such-folder
`);
  const result = run(dir, ['package']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /Secret Baker: baked 1 secret/);
  assert.match(result.output, /No file matches include \/ exclude patterns/);
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);
});

test('a failure before the bake hook (an invalid configuration) stops the early bake and leaves no file behind', { timeout: TEST_TIMEOUT_MS }, (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET`, 'configValidationMode: error\nnotAServerlessProperty: true\n');
  const result = run(dir, ['package']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /notAServerlessProperty/);
  assert.doesNotMatch(result.output, /Secret Baker: baked/);
  // Whether the early bake had finished or not when the Framework stopped, nothing of it stays, also after the
  // time it would have taken to finish.
  spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
  assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('secret-baker-secrets')), []);
});

test('the packed npm package, installed as a user would, bakes with the jar it carries', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'sb-e2e-pack-'));
  t.after(() => fs.rmSync(packDir, { recursive: true, force: true }));
  // The jar is already in lib/ (see ensureBundledJar), so the packaging script need not run again.
  const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: e2e.PLUGIN_DIR, encoding: 'utf8', timeout: 120000 });
  assert.equal(pack.status, 0, pack.stderr);
  const [{ filename, files, size }] = JSON.parse(pack.stdout);
  assert.ok(files.some((f) => f.path === 'lib/secret-baker.jar'), 'the package carries the CLI jar');
  assert.ok(size <= 8 * 1024 * 1024, `the package is ${size} bytes; it must stay within 8 MB`);
  const entries = spawnSync(e2e.jdkTool('jar'), ['tf', jar], { encoding: 'utf8' }).stdout.split('\n');
  for (const unwanted of ['dev/secretbaker/local/', 'com/amazonaws/encryptionsdk/', 'org/bouncycastle/', 'io/netty/', 'org/apache/http',
    // KMS only as far as DescribeKey (is a key named by id AWS managed?): nothing that decrypts.
    'software/amazon/awssdk/services/kms/transform/DecryptRequest', 'software/amazon/awssdk/services/kms/KmsAsyncClient']) {
    assert.ok(!entries.some((entry) => entry.startsWith(unwanted)), `the packaged jar has no ${unwanted}`);
  }
  assert.ok(entries.includes('software/amazon/awssdk/services/kms/transform/DescribeKeyRequestMarshaller.class'),
    'the packaged jar can describe a key');
  assert.ok(!files.some((f) => f.path.startsWith('test/')), 'and no tests');

  const dir = e2e.createService(t, {
    'package.json': JSON.stringify({ name: 'sb-e2e-installed', version: '1.0.0', private: true }),
    'serverless.yml': `service: sb-e2e-installed
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs18.x
plugins:
  - serverless-secret-baker-jvm
custom:
  secretBaker:
    - MY_SECRET
functions:
  hello:
    handler: handler.hello
`,
    'handler.js': "exports.hello = async () => 'ok';\n",
  }, { linkPlugin: false });
  const install = spawnSync(npm, ['install', '--save-dev', '--ignore-scripts', '--no-audit', '--no-fund', path.join(packDir, filename)], { cwd: dir, encoding: 'utf8', timeout: 300000 });
  assert.equal(install.status, 0, install.stderr);

  const result = run(dir, ['package']);
  assertOk(result, 'sls package');
  const expected = await e2e.expectedFileBytes(emulator, [{ name: 'MY_SECRET', path: 'MY_SECRET' }]);
  const zip = path.join(dir, '.serverless', 'sb-e2e-installed.zip');
  assert.ok((await readEntry(zip, FILE)).equals(expected));
  assert.ok(!(await entryNames(zip)).some((name) => name.startsWith('node_modules/serverless-secret-baker-jvm/')), 'the plugin, a dev dependency, is not packaged');
});

test('failure: without Java the command stops with a message that says what to install', { timeout: TEST_TIMEOUT_MS }, (t) => {
  const dir = nodeService(t, `  secretBaker:
    - MY_SECRET`);
  // The Framework runs on this Node (its path is absolute); only java is missing from PATH.
  const result = run(dir, ['package'], { PATH: path.join(dir, 'no-java-here'), JAVA_HOME: undefined });
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /Secret Baker needs Java 17 or newer to bake secret-baker-secrets\.json, but the java command from PATH was not found\. Install a Java 17 or newer runtime/);
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);
});
