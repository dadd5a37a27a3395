'use strict';

// Per-function secrets (functions.NAME.secretBaker): the packages the plugin describes to the CLI, and what it
// does with each package's file, with the fake java standing in for the CLI.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const yazl = require('yazl');
const ServerlessSecretBaker = require('../..');
const { deploymentPackages, planPackages, statusPackages, SECRETS_SCHEMA } = require('../../lib/functions');
const { readEntry } = require('../../lib/artifact');
const { tempDir, fakeServerless, useFakeCli } = require('./helpers');

const FILE = 'secret-baker-secrets.json';

function serviceOf(functions, packageConfig = {}) {
  return fakeServerless({ serviceDir: '/svc', functions, packageConfig }).serverless.service;
}

async function zipOf(file, entries) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  await new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

function statement(sid, arns) {
  return { Sid: sid, Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/k1', Condition: { StringEquals: { 'kms:EncryptionContext:PARAMETER_ARN': arns } } };
}

test('packages: as the Framework packages them: the service package, individual zips, shared artifacts; no images, disabled or remote ones', () => {
  const service = serviceOf({
    a: { handler: 'h.a' },
    b: { handler: 'h.b' },
    solo: { handler: 'h.s', package: { individually: true } },
    jar1: { handler: 'h.j', package: { artifact: 'build/app.jar' } },
    jar2: { handler: 'h.j', package: { artifact: 'build/app.jar' } },
    image: { image: 'repo:tag' },
    off: { handler: 'h.o', package: { disable: true } },
    remote: { handler: 'h.r', package: { artifact: 's3://bucket/x.zip' } },
  });
  assert.deepEqual(deploymentPackages(service, service.getAllFunctions()).map((p) => [p.kind, p.functions, p.artifact]), [
    ['service', ['a', 'b'], null],
    ['function', ['solo'], null],
    ['artifact', ['jar1', 'jar2'], 'build/app.jar'],
  ]);
});

test('packages: package.individually at service level gives each function its own zip, unless the service has an artifact', () => {
  const individually = serviceOf({ a: {}, b: {} }, { individually: true });
  assert.deepEqual(deploymentPackages(individually, ['a', 'b']).map((p) => p.functions), [['a'], ['b']]);
  const artifact = serviceOf({ a: {}, b: { package: { individually: true } } }, { individually: true, artifact: 'app.zip' });
  assert.deepEqual(deploymentPackages(artifact, ['a', 'b']).map((p) => [p.kind, p.functions]), [['service', ['a']], ['function', ['b']]]);
});

test('plan: none when no function has secrets of its own, so the single-file bake stays as it was', () => {
  const service = serviceOf({ a: {}, b: { secretBaker: null } }, { individually: true });
  assert.equal(planPackages({ service, scope: { all: true }, serviceDir: '/svc', packageDir: '/svc/.serverless', config: ['X'] }), null);
});

test('plan: packaged individually, each function gets a file in the staging folder and the service folder holds the service\'s secrets alone', () => {
  const service = serviceOf({ api: { secretBaker: { API_KEY: '/k' } }, worker: { secretBaker: ['QUEUE'] }, plain: {} }, { individually: true });
  const plan = planPackages({ service, scope: { all: true }, serviceDir: '/svc', packageDir: '/svc/.serverless', config: ['SHARED'] });
  assert.deepEqual(plan.document, {
    secretBaker: ['SHARED'],
    functions: { api: { API_KEY: '/k' }, worker: ['QUEUE'] },
    packages: [
      { functions: [], file: path.join('/svc', FILE), sharedRole: false },
      { functions: ['api'], file: path.join('/svc/.serverless/secret-baker/api', FILE) },
      { functions: ['worker'], file: path.join('/svc/.serverless/secret-baker/worker', FILE) },
      { functions: ['plain'], file: path.join('/svc/.serverless/secret-baker/plain', FILE) },
    ],
  });
  assert.deepEqual(plan.warnings, []);
});

test('plan: without package.individually one package holds the union, with a warning naming whose secrets every function can read', () => {
  const service = serviceOf({ hello: {}, admin: { secretBaker: ['ADMIN_TOKEN'] } });
  const plan = planPackages({ service, scope: { all: true }, serviceDir: '/svc', packageDir: '/svc/.serverless', config: null });
  assert.deepEqual(plan.document.packages, [{ functions: ['hello', 'admin'], file: path.join('/svc', FILE) }]);
  assert.equal(plan.warnings.length, 1);
  assert.match(plan.warnings[0], /functions hello, admin share one deployment package \(package\.individually is not set\), so each of them can read the secrets of functions\.admin\.secretBaker\. Set package\.individually: true/);
});

test('plan: deploy function and invoke local bake the package of that function into the service folder; offline bakes every function', () => {
  const service = serviceOf({ hello: {}, admin: { secretBaker: ['T'] }, solo: { package: { individually: true } } });
  const args = { service, serviceDir: '/svc', packageDir: '/svc/.serverless', config: ['S'] };
  assert.deepEqual(planPackages({ ...args, scope: { only: 'hello' } }).document.packages, [{ functions: ['hello', 'admin'], file: path.join('/svc', FILE) }]);
  assert.deepEqual(planPackages({ ...args, scope: { only: 'solo' } }).document.packages, [{ functions: ['solo'], file: path.join('/svc', FILE) }]);
  assert.deepEqual(planPackages({ ...args, scope: { local: true } }).document.packages, [{ functions: ['hello', 'admin', 'solo'], file: path.join('/svc', FILE) }]);
});

test('plan: a container image function with secrets of its own is warned about', () => {
  const service = serviceOf({ img: { image: 'repo:tag', secretBaker: ['X'] }, other: {} });
  const plan = planPackages({ service, scope: { all: true }, serviceDir: '/svc', packageDir: '/svc/.serverless', config: null });
  assert.match(plan.warnings[0], /functions\.img is a container image.*functions\.img\.secretBaker is ignored/);
});

test('schema: functions.NAME.secretBaker is declared in the Framework\'s configuration schema, with no type the Framework would coerce', () => {
  const fake = fakeServerless({ serviceDir: '/svc' });
  const calls = [];
  fake.serverless.configSchemaHandler = {
    defineFunctionProperties: (provider, schema) => calls.push([provider, schema]),
  };
  new ServerlessSecretBaker(fake.serverless, {}, fake.utils);
  assert.deepEqual(calls, [['aws', { properties: { secretBaker: SECRETS_SCHEMA } }]]);
  assert.deepEqual(Object.keys(SECRETS_SCHEMA), ['description']);
});

async function packageIndividually(t, { cleanup } = {}) {
  const dir = tempDir(t);
  const packageFiles = ['{"SHARED":1}', '{"SHARED":1,"API_KEY":2}', '{"SHARED":1}'];
  const summary = {
    ok: true,
    packages: [
      { output: path.join(dir, FILE), functions: [], secrets: ['SHARED'], policyStatements: [statement('S1', ['arn:shared'])] },
      { output: 'api', functions: ['api'], secrets: ['SHARED', 'API_KEY'], policyStatements: [statement('S1', ['arn:shared', 'arn:api'])] },
      { output: 'plain', functions: ['plain'], secrets: ['SHARED'], policyStatements: [statement('S1', ['arn:shared'])] },
    ],
    secrets: [{ name: 'SHARED' }, { name: 'API_KEY' }],
    policyStatements: [statement('S1', ['arn:shared', 'arn:api'])],
    sharedRolePolicyStatements: [statement('S1', ['arn:shared'])],
  };
  const cli = useFakeCli(t, dir, { packageFiles, summary: JSON.stringify(summary) });
  const functions = {
    api: { handler: 'h.api', secretBaker: { API_KEY: '/app/api-key' }, role: 'arn:aws:iam::111122223333:role/api' },
    plain: { handler: 'h.plain' },
  };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['SHARED'] }, functions, packageConfig: { individually: true } });
  const role = { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: [] } }] } };
  fake.serverless.service.provider.compiledCloudFormationTemplate = { Resources: { IamRoleLambdaExecution: role } };
  const plugin = new ServerlessSecretBaker(fake.serverless, cleanup === false ? { 'secret-baker-cleanup': false } : {}, fake.utils);
  await plugin.hooks['before:package:createDeploymentArtifacts']();
  // What the Framework does between the hooks: a zip per function, each with the service folder's file.
  fs.mkdirSync(path.join(dir, '.serverless'), { recursive: true });
  for (const name of ['api', 'plain']) {
    const zip = path.join(dir, '.serverless', `${name}.zip`);
    await zipOf(zip, [['handler.js', 'code'], [FILE, fs.readFileSync(path.join(dir, FILE), 'utf8')]]);
    functions[name].package = { artifact: zip };
  }
  await plugin.hooks['after:package:createDeploymentArtifacts']();
  return { dir, cli, fake, role };
}

test('package individually: one bake, each function\'s zip holds its package\'s file, the staging folder is removed', async (t) => {
  const { dir, cli } = await packageIndividually(t);
  const { args, stdin } = cli.call();
  assert.deepEqual(args.slice(args.indexOf('bake')), ['bake', '--packages-json', '-', '--json', '--region', 'us-east-1', '--stage', 'dev']);
  const document = JSON.parse(stdin);
  assert.deepEqual(document.secretBaker, ['SHARED']);
  assert.deepEqual(document.functions, { api: { API_KEY: '/app/api-key' } });
  assert.deepEqual(document.packages.map((p) => p.functions), [[], ['api'], ['plain']]);

  assert.equal((await readEntry(path.join(dir, '.serverless', 'api.zip'), FILE)).toString(), '{"SHARED":1,"API_KEY":2}');
  assert.equal((await readEntry(path.join(dir, '.serverless', 'plain.zip'), FILE)).toString(), '{"SHARED":1}');
  assert.equal((await readEntry(path.join(dir, '.serverless', 'api.zip'), 'handler.js')).toString(), 'code');
  assert.equal(fs.existsSync(path.join(dir, FILE)), false);
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'secret-baker')), false);
});

test('package individually: the managed role gets what its functions\' packages hold; a function with its own role is told its own package\'s', async (t) => {
  const { fake, role, cli } = await packageIndividually(t);
  // api runs with a role of its own, so its package is not the managed role's business.
  assert.deepEqual(JSON.parse(cli.call().stdin).packages.map((p) => p.sharedRole), [false, false, undefined]);
  assert.deepEqual(role.Properties.Policies[0].PolicyDocument.Statement, [statement('S1', ['arn:shared'])]);
  const warning = fake.logs.find(([level, m]) => level === 'warning' && m.includes('functions.api uses a role'));
  assert.ok(warning, JSON.stringify(fake.logs));
  assert.ok(warning[1].includes('"arn:api"'));
  assert.ok(!fake.logs.some(([, m]) => m.includes('functions.plain uses a role')));
});

test('package individually with --no-secret-baker-cleanup: the files stay, and where is said', async (t) => {
  const { dir, fake } = await packageIndividually(t, { cleanup: false });
  assert.equal(fs.readFileSync(path.join(dir, '.serverless', 'secret-baker', 'api', FILE), 'utf8'), '{"SHARED":1,"API_KEY":2}');
  assert.ok(fs.existsSync(path.join(dir, FILE)));
  assert.ok(fake.logs.some(([level, m]) => level === 'notice' && m.includes("and each function's in .serverless/secret-baker")), JSON.stringify(fake.logs));
});

test('artifacts: a function\'s own prebuilt jar gets its package\'s file, the service artifact the service package\'s', async (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'build'));
  await zipOf(path.join(dir, 'build', 'app.jar'), [['A.class', 'a']]);
  await zipOf(path.join(dir, 'build', 'report.jar'), [['R.class', 'r']]);
  useFakeCli(t, dir, { packageFiles: ['{"service":1}', '{"report":1}'], summary: JSON.stringify({ ok: true, packages: [{}, {}], secrets: [] }) });
  const functions = {
    hello: { handler: 'A' },
    report: { handler: 'R', package: { artifact: 'build/report.jar' }, secretBaker: ['REPORT_KEY'] },
  };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['S'] }, functions, packageConfig: { artifact: 'build/app.jar' } });
  await new ServerlessSecretBaker(fake.serverless, {}, fake.utils).hooks['before:package:createDeploymentArtifacts']();
  assert.equal((await readEntry(path.join(dir, '.serverless', 'app.jar'), FILE)).toString(), '{"service":1}');
  assert.equal((await readEntry(path.join(dir, '.serverless', 'report.jar'), FILE)).toString(), '{"report":1}');
  assert.equal(functions.report.package.artifact, path.join(dir, '.serverless', 'report.jar'));
});

test('deploy function: only the package of that function is baked, into the service folder', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir, { summary: JSON.stringify({ ok: true, packages: [{}], secrets: [] }) });
  const functions = { api: { handler: 'h', secretBaker: ['API_KEY'] }, other: { handler: 'h' } };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['S'] }, functions, packageConfig: { individually: true } });
  await new ServerlessSecretBaker(fake.serverless, { function: 'api', 'secret-baker-cleanup': false }, fake.utils).hooks['before:deploy:function:packageFunction']();
  assert.deepEqual(JSON.parse(cli.call().stdin).packages, [{ functions: ['api'], file: path.join(dir, FILE) }]);
  assert.equal(fs.readFileSync(path.join(dir, FILE), 'utf8'), '{"functions":["api"]}');
});

test('status: the packages left by `serverless package`, each with its functions; none when the service package is all there is', (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'api.zip'), 'zip');
  fs.writeFileSync(path.join(dir, 'demo.zip'), 'zip');
  const plain = serviceOf({ a: {}, b: {} });
  assert.equal(statusPackages({ service: plain, config: ['S'], packageDir: dir }), null);
  const service = serviceOf({ api: { package: { individually: true }, secretBaker: ['K'] }, other: {}, gone: { package: { individually: true } } });
  const found = statusPackages({ service, config: ['S'], packageDir: dir });
  assert.deepEqual(found.document, {
    secretBaker: ['S'],
    functions: { api: ['K'] },
    packages: [{ functions: ['api'], file: path.join(dir, 'api.zip') }, { functions: ['other'], file: path.join(dir, 'demo.zip') }],
  });
  assert.ok(found.lookedFor.includes(path.join(dir, 'gone.zip')));
  assert.deepEqual(statusPackages({ service, config: null, packageDir: dir, only: 'api' }).document.packages, [{ functions: ['api'], file: path.join(dir, 'api.zip') }]);
  assert.deepEqual(statusPackages({ service, config: null, packageDir: dir, only: 'api', artifact: '/x/deployed.zip' }).document.packages, [{ functions: ['api'], file: '/x/deployed.zip' }]);
  assert.equal(statusPackages({ service, config: null, packageDir: dir, artifact: '/x/deployed.zip' }), null);
});

test('status: the plugin hands the packages to the CLI on stdin; a function without a package is an error naming where it looked', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir, { mode: 'exit', exit: 0, summary: 'report' });
  fs.mkdirSync(path.join(dir, '.serverless'));
  fs.writeFileSync(path.join(dir, '.serverless', 'api.zip'), 'zip');
  const functions = { api: { handler: 'h', secretBaker: ['K'] }, other: { handler: 'h' } };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['S'] }, functions, packageConfig: { individually: true } });
  const printed = [];
  const plugin = new ServerlessSecretBaker(fake.serverless, {}, { ...fake.utils, writeText: (text) => printed.push(text) });
  await plugin.hooks['secret-baker:status:run']();
  const { args, stdin } = cli.call();
  assert.deepEqual(args.slice(args.indexOf('status'), args.indexOf('status') + 3), ['status', '--packages-json', '-']);
  assert.deepEqual(JSON.parse(stdin).packages, [{ functions: ['api'], file: path.join(dir, '.serverless', 'api.zip') }]);
  assert.deepEqual(printed, ['report']);
  process.exitCode = undefined;

  const missing = new ServerlessSecretBaker(fake.serverless, { function: 'other' }, fake.utils);
  await assert.rejects(missing.hooks['secret-baker:status:run'](), /No packaged artifact to check \(looked for .*other\.zip\)/);
});
