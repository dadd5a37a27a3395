'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const yazl = require('yazl');
const ServerlessSecretBaker = require('../..');
const { readEntry, entryNames } = require('../../lib/artifact');
const { FrameworkError, tempDir, fakeServerless, useFakeCli, withEnv } = require('./helpers');

const ORIGINAL_HOOKS = [
  'before:package:createDeploymentArtifacts',
  'before:deploy:function:packageFunction',
  'before:offline:start',
  'before:invoke:local:invoke',
  'after:package:createDeploymentArtifacts',
  'after:deploy:function:packageFunction',
  'before:offline:start:end',
  'after:invoke:local:invoke',
];

const SUMMARY = JSON.stringify({
  ok: true,
  secrets: [
    { name: 'MY_SECRET', parameter: 'MY_SECRET', version: 3, latestVersion: true, keyId: 'alias/app' },
    { name: 'PINNED', parameter: '/app/pinned:2', version: 2, latestVersion: false, keyId: 'alias/app' },
  ],
});
const FILE = '{"MY_SECRET":{"ciphertext":"AQID","arn":"arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET"}}';

function plugin(fake, options = {}) {
  return new ServerlessSecretBaker(fake.serverless, options, fake.utils);
}

async function zipOf(file, entries) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  await new Promise((resolve, reject) =>
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject),
  );
}

test('hooks: every hook of serverless-secret-baker is kept, plus `sls offline start` and `sls offline` pairs', (t) => {
  const dir = tempDir(t);
  const p = plugin(fakeServerless({ serviceDir: dir }));
  for (const hook of ORIGINAL_HOOKS) assert.equal(typeof p.hooks[hook], 'function', hook);
  assert.equal(typeof p.hooks['before:offline:start:init'], 'function');
  assert.equal(typeof p.hooks['after:offline:start'], 'function');
});

test('commands: --secret-baker-cleanup is declared as a boolean on package, deploy, deploy function and invoke local', () => {
  const p = plugin(fakeServerless({ serviceDir: '/tmp' }));
  const declared = [
    p.commands.package.options,
    p.commands.deploy.options,
    p.commands.deploy.commands.function.options,
    p.commands.invoke.commands.local.options,
  ];
  for (const options of declared) assert.equal(options['secret-baker-cleanup'].type, 'boolean');
  assert.equal(p.commands.offline, undefined, 'no offline command unless serverless-offline is used');
  assert.equal(p.commands.package.lifecycleEvents, undefined, 'existing commands keep their own lifecycle');
});

test('commands: offline and offline start get the option when serverless-offline is a plugin (list or modules form)', () => {
  for (const plugins of [['serverless-offline'], { modules: ['serverless-secret-baker-jvm', 'serverless-offline'] }]) {
    const p = plugin(fakeServerless({ serviceDir: '/tmp', plugins }));
    assert.equal(p.commands.offline.options['secret-baker-cleanup'].type, 'boolean');
    assert.equal(p.commands.offline.commands.start.options['secret-baker-cleanup'].type, 'boolean');
  }
});

test('bake: hands custom.secretBaker to the CLI as JSON on stdin with region, stage and output in the service folder', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir, { file: FILE, summary: SUMMARY });
  const custom = { secretBaker: ['MY_SECRET', { name: 'CUSTOM', path: '/a/custom/path' }] };
  const fake = fakeServerless({ serviceDir: dir, custom, stage: 'prod', region: 'eu-west-1' });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();

  const call = cli.call();
  assert.deepEqual(call.args.slice(call.args.indexOf('-jar')), [
    '-jar', cli.jar, 'bake', '--config-json', '-', '--config-name', 'custom.secretBaker in serverless.yml', '--json',
    '--output', path.join(dir, 'secret-baker-secrets.json'),
    '--region', 'eu-west-1', '--stage', 'prod',
  ]);
  assert.equal(call.stdin, JSON.stringify(custom.secretBaker));
  assert.equal(fs.readFileSync(path.join(dir, 'secret-baker-secrets.json'), 'utf8'), FILE);
  assert.deepEqual(fake.serverless.service.package.patterns, ['secret-baker-secrets.json']);
});

test('bake: the map form and a missing section reach the CLI unchanged (null for none)', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  const map = { MY_SECRET: '/path/to/ssm/secret', PINNED: '/path/to/ssm/secret:2' };
  await plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: map } })).hooks['before:invoke:local:invoke']();
  assert.equal(cli.call().stdin, JSON.stringify(map));

  await plugin(fakeServerless({ serviceDir: dir, custom: undefined })).hooks['before:invoke:local:invoke']();
  assert.equal(cli.call().stdin, 'null');
});

test('bake: the summary goes to the log, one verbose line per secret, and the progress is removed', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: SUMMARY, stderr: 'secret-baker: a note from the CLI\n' });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] } });
  await plugin(fake).hooks['before:offline:start:init']();

  const notices = fake.logs.filter(([level]) => level === 'notice').map(([, m]) => m);
  assert.deepEqual(notices, ['Secret Baker: baked 2 secrets from Parameter Store (us-east-1) into secret-baker-secrets.json; nothing was decrypted']);
  const verbose = fake.logs.filter(([level]) => level === 'verbose').map(([, m]) => m);
  assert.ok(verbose.includes('  MY_SECRET <- MY_SECRET version 3, key alias/app'), verbose.join('\n'));
  assert.ok(verbose.includes('  PINNED <- /app/pinned:2 version 2 (pinned), key alias/app'), verbose.join('\n'));
  assert.deepEqual(fake.logs.filter(([level]) => level === 'warning'), [['warning', 'Secret Baker: a note from the CLI']]);
  assert.deepEqual(fake.logs.filter(([level]) => level.startsWith('progress')).map(([level]) => level), ['progress', 'progress-removed']);
});

test('bake: without v3 plugin utilities the summary goes to serverless.cli.log', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: SUMMARY });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] } });
  await new ServerlessSecretBaker(fake.serverless, {}).hooks['before:package:createDeploymentArtifacts']();
  assert.ok(fake.logs.some(([level, m]) => level === 'cli' && m.includes('baked 2 secrets')), JSON.stringify(fake.logs));
});

test('bake: the file goes to serverless.config.servicePath when the Framework has no serviceDir (v2)', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const fake = fakeServerless({ serviceDir: undefined, custom: { secretBaker: ['MY_SECRET'] } });
  fake.serverless.config = { servicePath: dir };
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(fs.readFileSync(path.join(dir, 'secret-baker-secrets.json'), 'utf8'), FILE);
});

test('bake: the include pattern is added once, after the user\'s own patterns', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, packageConfig: { patterns: ['!*.json'] } });
  const p = plugin(fake);
  await p.hooks['before:package:createDeploymentArtifacts']();
  await p.hooks['before:package:createDeploymentArtifacts']();
  assert.deepEqual(fake.serverless.service.package.patterns, ['!*.json', 'secret-baker-secrets.json']);
});

test('failure: exit 1 becomes a Framework error carrying every line the CLI wrote, naming secret, parameter and fix', async (t) => {
  const dir = tempDir(t);
  const stderr = [
    'secret-baker: Cannot bake: 2 problems with 2 secrets.',
    '  - NOPE (parameter /app/nope, configured at custom.secretBaker[1]): Parameter /app/nope does not exist in us-east-1.',
    '    Fix: Create it as a SecureString.',
    '  - PLAIN (parameter /app/plain, configured at custom.secretBaker[2]): It is a String parameter, not a SecureString.',
    '    Fix: Store it as a SecureString.',
    '',
  ].join('\n');
  useFakeCli(t, dir, { mode: 'exit', exit: 1, stderr, summary: '{"ok":false,"problems":[]}' });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A', 'NOPE', { name: 'PLAIN', path: '/app/plain' }] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), (error) => {
    assert.ok(error instanceof FrameworkError, 'the Framework\'s error class');
    assert.equal(
      error.message,
      [
        'Secret Baker could not bake secret-baker-secrets.json; nothing was written.',
        'Cannot bake: 2 problems with 2 secrets.',
        '  - NOPE (parameter /app/nope, configured at custom.secretBaker[1]): Parameter /app/nope does not exist in us-east-1.',
        '    Fix: Create it as a SecureString.',
        '  - PLAIN (parameter /app/plain, configured at custom.secretBaker[2]): It is a String parameter, not a SecureString.',
        '    Fix: Store it as a SecureString.',
      ].join('\n'),
    );
    return true;
  });
  assert.equal(fake.serverless.service.package.patterns, undefined, 'nothing is included after a failed bake');
  assert.equal(fs.existsSync(path.join(dir, 'secret-baker-secrets.json')), false);
});

test('failure: with nothing on stderr, the JSON problems still name each secret and fix', async (t) => {
  const dir = tempDir(t);
  const summary = JSON.stringify({ ok: false, problems: [{ name: 'NOPE', parameter: '/app/nope', reason: 'It does not exist.', fix: 'Create it.' }] });
  useFakeCli(t, dir, { mode: 'exit', exit: 1, summary });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['NOPE'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), {
    message: 'Secret Baker could not bake secret-baker-secrets.json; nothing was written.\n  - NOPE (parameter /app/nope): It does not exist.\n    Fix: Create it.',
  });
});

test('failure: a usage error (exit 2) says the jar and the plugin do not match', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir, { mode: 'exit', exit: 2, stderr: 'Unknown option: \'--json\'\n' });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), (error) => {
    assert.match(error.message, new RegExp(`The secret-baker CLI at ${cli.jar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} did not accept`));
    assert.match(error.message, /different releases/);
    assert.match(error.message, /Unknown option: '--json'$/);
    return true;
  });
});

test('failure: a CLI killed by a signal is reported with what it printed', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { mode: 'signal' });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), /was stopped by SIGKILL before it finished baking/);
});

test('java: an old Java is named with its version and what to install', async (t) => {
  const dir = tempDir(t);
  const stderr = 'Error: LinkageError occurred while loading main class dev.secretbaker.cli.SecretBakerCommand\n' +
    '\tjava.lang.UnsupportedClassVersionError: dev/secretbaker/cli/SecretBakerCommand has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 55.0\n';
  useFakeCli(t, dir, { mode: 'exit', exit: 1, stderr, banner: 'openjdk version "11.0.22" 2024-01-16' });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), (error) => {
    assert.match(error.message, /^Secret Baker needs Java 17 or newer, but the java command from JAVA_HOME \(.*\) is Java 11 \(openjdk version "11.0.22" 2024-01-16\)\./);
    assert.match(error.message, /set JAVA_HOME/);
    return true;
  });
});

test('java: no java on PATH gets a clear message', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  withEnv(t, { JAVA_HOME: undefined, PATH: path.join(dir, 'empty-bin') });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), (error) => {
    assert.ok(error instanceof FrameworkError);
    assert.match(error.message, /^Secret Baker needs Java 17 or newer to bake secret-baker-secrets.json, but the java command from PATH was not found\. Install a Java 17 or newer runtime/);
    return true;
  });
});

test('java: a JAVA_HOME without bin/java is named', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  withEnv(t, { JAVA_HOME: dir });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), {
    message: `JAVA_HOME is set to ${dir}, but there is no ${path.join('bin', 'java')} in it. Point JAVA_HOME at a Java 17+ installation, or unset it to use the java on PATH.`,
  });
});

test('cli jar: custom.secretBakerOptions.cliJar is resolved against the service folder and wins over the environment', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.writeFileSync(path.join(dir, 'tools', 'sb.jar'), 'placeholder');
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [], secretBakerOptions: { cliJar: 'tools/sb.jar' } } });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  const { args } = cli.call();
  assert.equal(args[args.indexOf('-jar') + 1], path.join(dir, 'tools', 'sb.jar'));
});

test('cli jar: a configured jar that does not exist is an error naming the setting', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [], secretBakerOptions: { cliJar: 'nope.jar' } } });
  await assert.rejects(plugin(fake).hooks['before:package:createDeploymentArtifacts'](), {
    message: `custom.secretBakerOptions.cliJar points at ${path.join(dir, 'nope.jar')}, but there is no such file. Fix the path or remove the setting.`,
  });
});

test('settings: an unknown secretBakerOptions key is a warning; a non-map is an error', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [], secretBakerOptions: { clijar: 'x' } } });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.ok(fake.logs.some(([level, m]) => level === 'warning' && m.includes('custom.secretBakerOptions.clijar is not a Secret Baker setting')));

  const bad = fakeServerless({ serviceDir: dir, custom: { secretBaker: [], secretBakerOptions: 'x' } });
  await assert.rejects(plugin(bad).hooks['before:package:createDeploymentArtifacts'](), FrameworkError);
});

test('cleanup: removes the file from the service folder after the command', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] } });
  const p = plugin(fake);
  const file = path.join(dir, 'secret-baker-secrets.json');
  await p.hooks['before:package:createDeploymentArtifacts']();
  assert.ok(ServerlessSecretBaker.filesToRemoveOnExit.has(file), 'a failed command still removes the file on exit');
  await p.hooks['after:package:createDeploymentArtifacts']();
  assert.equal(fs.existsSync(file), false);
  assert.equal(ServerlessSecretBaker.filesToRemoveOnExit.has(file), false);
});

test('cleanup: the exit handler removes the file when an after hook never runs', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const p = plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] } }));
  await p.hooks['before:invoke:local:invoke']();
  ServerlessSecretBaker.removeFilesLeftBehind();
  assert.equal(fs.existsSync(path.join(dir, 'secret-baker-secrets.json')), false);
});

test('cleanup: --no-secret-baker-cleanup keeps the file and says so', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] } });
  const p = plugin(fake, { 'secret-baker-cleanup': false });
  const file = path.join(dir, 'secret-baker-secrets.json');
  await p.hooks['before:deploy:function:packageFunction']();
  assert.equal(ServerlessSecretBaker.filesToRemoveOnExit.has(file), false);
  await p.hooks['after:deploy:function:packageFunction']();
  assert.equal(fs.readFileSync(file, 'utf8'), FILE);
  assert.ok(fake.logs.some(([, m]) => m === 'Secret Baker: kept secret-baker-secrets.json (--no-secret-baker-cleanup)'));
});

test('artifacts: service and function artifacts are copied into .serverless with the file; the originals stay as they were', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  fs.mkdirSync(path.join(dir, 'target'));
  const appJar = path.join(dir, 'target', 'app.jar');
  const otherJar = path.join(dir, 'target', 'other.jar');
  await zipOf(appJar, [['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'], ['example/Handler.class', 'x']]);
  await zipOf(otherJar, [['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'], ['secret-baker-secrets.json', '{"OLD":{}}']]);
  const originalApp = fs.readFileSync(appJar);
  const originalOther = fs.readFileSync(otherJar);
  const functions = {
    hello: { handler: 'example.Handler' },
    other: { handler: 'example.Other', package: { artifact: 'target/other.jar' } },
    image: { image: 'some-image' },
  };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] }, functions, packageConfig: { artifact: 'target/app.jar' } });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();

  const appCopy = path.join(dir, '.serverless', 'app.jar');
  const otherCopy = path.join(dir, '.serverless', 'other.jar');
  assert.equal(fake.serverless.service.package.artifact, appCopy);
  assert.equal(functions.other.package.artifact, otherCopy);
  assert.equal((await readEntry(appCopy, 'secret-baker-secrets.json')).toString(), FILE);
  assert.equal((await readEntry(otherCopy, 'secret-baker-secrets.json')).toString(), FILE, 'an older baked file is replaced');
  assert.deepEqual(await entryNames(appCopy), ['META-INF/MANIFEST.MF', 'example/Handler.class', 'secret-baker-secrets.json']);
  assert.deepEqual(await entryNames(otherCopy), ['META-INF/MANIFEST.MF', 'secret-baker-secrets.json']);
  assert.ok(fs.readFileSync(appJar).equals(originalApp));
  assert.ok(fs.readFileSync(otherJar).equals(originalOther));
  assert.ok(fake.logs.some(([level, m]) => level === 'notice' && m === `Secret Baker: added secret-baker-secrets.json to ${path.join('.serverless', 'app.jar')}, a copy of ${path.join('target', 'app.jar')}, which stays unchanged`));
});

test('artifacts: one artifact shared by functions is copied once; same-named artifacts get distinct copies', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  for (const sub of ['a', 'b']) {
    fs.mkdirSync(path.join(dir, sub));
    await zipOf(path.join(dir, sub, 'app.jar'), [['x.txt', sub]]);
  }
  const functions = {
    one: { handler: 'h', package: { artifact: 'a/app.jar' } },
    two: { handler: 'h', package: { artifact: 'a/app.jar' } },
    three: { handler: 'h', package: { artifact: 'b/app.jar' } },
  };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(functions.one.package.artifact, path.join(dir, '.serverless', 'app.jar'));
  assert.equal(functions.two.package.artifact, path.join(dir, '.serverless', 'app.jar'));
  assert.equal(functions.three.package.artifact, path.join(dir, '.serverless', 'app-2.jar'));
  assert.equal((await readEntry(functions.three.package.artifact, 'x.txt')).toString(), 'b');
});

test('artifacts: the copy goes to --package when given', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  await zipOf(path.join(dir, 'app.zip'), [['index.js', '']]);
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions: { f: { handler: 'index.h' } }, packageConfig: { artifact: 'app.zip' } });
  await plugin(fake, { package: 'out' }).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(fake.serverless.service.package.artifact, path.join(dir, 'out', 'app.zip'));
});

test('artifacts: deploy function copies only the deployed function\'s artifact', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  await zipOf(path.join(dir, 'one.jar'), [['a', 'a']]);
  await zipOf(path.join(dir, 'two.jar'), [['b', 'b']]);
  const functions = { one: { handler: 'h', package: { artifact: 'one.jar' } }, two: { handler: 'h', package: { artifact: 'two.jar' } } };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions });
  await plugin(fake, { function: 'two' }).hooks['before:deploy:function:packageFunction']();
  assert.equal(functions.one.package.artifact, 'one.jar');
  assert.equal(functions.two.package.artifact, path.join(dir, '.serverless', 'two.jar'));
});

test('artifacts: a remote artifact is left alone with a warning; a missing one is an error naming it', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const remote = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions: { f: { handler: 'h' } }, packageConfig: { artifact: 's3://bucket/app.jar' } });
  await plugin(remote).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(remote.serverless.service.package.artifact, 's3://bucket/app.jar');
  assert.ok(remote.logs.some(([level, m]) => level === 'warning' && m.includes('package.artifact is a remote artifact (s3://bucket/app.jar)')));

  const missing = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions: { f: { handler: 'h', package: { artifact: 'target/nope.jar' } } } });
  await assert.rejects(plugin(missing).hooks['before:package:createDeploymentArtifacts'](), {
    message: `Cannot add secret-baker-secrets.json to functions.f.package.artifact: there is no file at ${path.join(dir, 'target', 'nope.jar')}. Build the artifact first or fix the path.`,
  });
});

test('artifacts: invoke local and offline leave artifacts alone', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions: { f: { handler: 'h' } }, packageConfig: { artifact: 'app.jar' } });
  await plugin(fake).hooks['before:invoke:local:invoke']();
  assert.equal(fake.serverless.service.package.artifact, 'app.jar');
  assert.equal(fs.existsSync(path.join(dir, '.serverless')), false);
});

test('bake: the CLI\'s notes, worded in serverless.yml terms by the CLI, are passed on as warnings', async (t) => {
  const dir = tempDir(t);
  const note = 'no secrets are configured in custom.secretBaker in serverless.yml, so the secrets file holds an empty object ({});'
    + ' list the secrets there to bake them.';
  useFakeCli(t, dir, { stderr: `secret-baker: ${note}\n` });
  const fake = fakeServerless({ serviceDir: dir, custom: {} });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.deepEqual(fake.logs.filter(([level]) => level === 'warning'), [
    ['warning', `Secret Baker: ${note}`],
  ]);
});

test('bake: Framework releases before 2.32 get the file through package.include', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir);
  for (const [version, key] of [['2.31.0', 'include'], ['1.83.3', 'include'], ['2.32.0', 'patterns'], ['3.40.0', 'patterns'], [undefined, 'patterns']]) {
    const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } });
    fake.serverless.version = version;
    await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
    assert.deepEqual(Object.keys(fake.serverless.service.package), [key], String(version));
    assert.deepEqual(fake.serverless.service.package[key], ['secret-baker-secrets.json']);
  }
});

test('artifacts: a service artifact that no function deploys is not copied', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { file: FILE });
  await zipOf(path.join(dir, 'app.jar'), [['a', 'a']]);
  await zipOf(path.join(dir, 'own.jar'), [['b', 'b']]);
  const functions = {
    own: { handler: 'h', package: { artifact: 'own.jar' } },
    alone: { handler: 'h', package: { individually: true } },
    image: { image: 'some-image' },
  };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: [] }, functions, packageConfig: { artifact: 'app.jar' } });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(fake.serverless.service.package.artifact, 'app.jar');
  assert.equal(functions.own.package.artifact, path.join(dir, '.serverless', 'own.jar'));
  assert.equal(fs.existsSync(path.join(dir, '.serverless', 'app.jar')), false);
});

test('bake: JVM options from SECRET_BAKER_JAVA_OPTS reach the java command', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  withEnv(t, { SECRET_BAKER_JAVA_OPTS: '-Xmx128m -Dx=y' });
  await plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } })).hooks['before:package:createDeploymentArtifacts']();
  const { args } = cli.call();
  assert.deepEqual(args.slice(args.indexOf('-jar') - 2, args.indexOf('-jar') + 2), ['-Xmx128m', '-Dx=y', '-jar', cli.jar]);
});

test('bake: the first run records a class-data archive in the cache folder, and later runs map it', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  const bake = () => plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } })).hooks['before:package:createDeploymentArtifacts']();

  await bake();
  const recording = cli.call().args.find((arg) => arg.startsWith('-XX:ArchiveClassesAtExit='));
  assert.ok(recording, cli.call().args.join(' '));
  const archives = fs.readdirSync(path.join(dir, 'cache', 'cds'));
  assert.equal(archives.length, 1);
  assert.match(archives[0], /^[0-9a-f]{16}-[0-9a-f]{16}\.jsa$/);

  await bake();
  const { args } = cli.call();
  assert.ok(args.includes(`-XX:SharedArchiveFile=${path.join(dir, 'cache', 'cds', archives[0])}`), args.join(' '));
  assert.ok(!args.some((arg) => arg.startsWith('-XX:ArchiveClassesAtExit=')));
  for (const option of ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xlog:cds=off']) assert.ok(args.includes(option), option);
});

test('bake: a failed run keeps no class-data archive', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { mode: 'exit', exit: 1, stderr: 'secret-baker: Cannot bake: 1 problem.\n' });
  await assert.rejects(plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: ['A'] } })).hooks['before:package:createDeploymentArtifacts']());
  assert.deepEqual(fs.readdirSync(path.join(dir, 'cache', 'cds')), []);
});

test('bake: a new jar gets a new class-data archive, which replaces the old one', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  const bake = () => plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } })).hooks['before:package:createDeploymentArtifacts']();
  await bake();
  const [first] = fs.readdirSync(path.join(dir, 'cache', 'cds'));
  fs.writeFileSync(cli.jar, 'a newer placeholder');

  await bake();
  assert.ok(cli.call().args.some((arg) => arg.startsWith('-XX:ArchiveClassesAtExit=')), 'a changed jar is recorded again');
  const archives = fs.readdirSync(path.join(dir, 'cache', 'cds'));
  assert.equal(archives.length, 1);
  assert.notEqual(archives[0], first);
});

test('bake: -Xshare in SECRET_BAKER_JAVA_OPTS, or SECRET_BAKER_CDS=off, turns the archive off', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  const bake = () => plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } })).hooks['before:package:createDeploymentArtifacts']();
  withEnv(t, { SECRET_BAKER_JAVA_OPTS: '-Xshare:off' });
  await bake();
  assert.ok(!cli.call().args.some((arg) => /SharedArchiveFile|ArchiveClassesAtExit/.test(arg)), cli.call().args.join(' '));
  withEnv(t, { SECRET_BAKER_JAVA_OPTS: undefined, SECRET_BAKER_CDS: 'off' });
  await bake();
  assert.ok(!cli.call().args.some((arg) => /SharedArchiveFile|ArchiveClassesAtExit/.test(arg)), cli.call().args.join(' '));
  assert.ok(cli.call().args.includes('-XX:TieredStopAtLevel=1'));
});

const STATEMENTS = [{
  Sid: 'SecretBakerDecrypt1',
  Effect: 'Allow',
  Action: 'kms:Decrypt',
  Resource: 'arn:aws:kms:us-east-1:111122223333:key/k1',
  Condition: { StringEquals: { 'kms:EncryptionContext:PARAMETER_ARN': ['arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET'] } },
}];

function withRoleTemplate(fake) {
  const role = { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' }] } }] } };
  fake.serverless.service.provider.compiledCloudFormationTemplate = { Resources: { IamRoleLambdaExecution: role } };
  return role.Properties.Policies[0].PolicyDocument.Statement;
}

test('iam: the statements the CLI wrote are added to the role the Framework manages', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: JSON.stringify({ ok: true, secrets: [], policyStatements: STATEMENTS }) });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] }, functions: { hello: { handler: 'h.h' } } });
  const statements = withRoleTemplate(fake);
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.deepEqual(statements.slice(1), STATEMENTS);
  assert.ok(fake.logs.some(([level, m]) => level === 'notice' && /allowed IamRoleLambdaExecution kms:Decrypt of the 1 baked parameter only/.test(m)), JSON.stringify(fake.logs));
});

test('iam: a function with its own role is left unchanged and the statement to add is printed', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: JSON.stringify({ ok: true, secrets: [], policyStatements: STATEMENTS }) });
  const functions = { hello: { handler: 'h.h' }, custom: { handler: 'h.h', role: 'arn:aws:iam::111122223333:role/mine' } };
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] }, functions });
  const statements = withRoleTemplate(fake);
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(statements.length, 2);
  const warning = fake.logs.find(([level, m]) => level === 'warning' && m.includes('functions.custom'));
  assert.ok(warning, JSON.stringify(fake.logs));
  assert.ok(warning[1].includes('"kms:EncryptionContext:PARAMETER_ARN"'));
  assert.ok(!warning[1].includes('functions.hello'));
});

test('iam: without a Framework-managed role every function is told what to add', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: JSON.stringify({ ok: true, secrets: [], policyStatements: STATEMENTS }) });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'] }, functions: { hello: { handler: 'h.h' } } });
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.ok(fake.logs.some(([level, m]) => level === 'warning' && m.includes('functions.hello uses a role that this plugin does not manage')), JSON.stringify(fake.logs));
});

test('iam: custom.secretBakerOptions.iam: false adds nothing and prints the statements; a non-boolean is an error', async (t) => {
  const dir = tempDir(t);
  useFakeCli(t, dir, { summary: JSON.stringify({ ok: true, secrets: [], policyStatements: STATEMENTS }) });
  const fake = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'], secretBakerOptions: { iam: false } }, functions: { hello: { handler: 'h.h' } } });
  const statements = withRoleTemplate(fake);
  await plugin(fake).hooks['before:package:createDeploymentArtifacts']();
  assert.equal(statements.length, 1);
  assert.ok(fake.logs.some(([level, m]) => level === 'notice' && m.includes('iam is false') && m.includes('SecretBakerDecrypt1')));

  const wrong = fakeServerless({ serviceDir: dir, custom: { secretBaker: ['MY_SECRET'], secretBakerOptions: { iam: 'no' } }, functions: {} });
  await assert.rejects(plugin(wrong).hooks['before:package:createDeploymentArtifacts'](), /custom.secretBakerOptions.iam must be true or false/);
});

test('bake: a jar reached through a linked folder is run by its real path, which its class-data archive records', async (t) => {
  const dir = tempDir(t);
  const cli = useFakeCli(t, dir);
  fs.symlinkSync(dir, path.join(dir, 'linked'), 'dir');
  withEnv(t, { SECRET_BAKER_CLI_JAR: path.join(dir, 'linked', 'secret-baker.jar') });
  await plugin(fakeServerless({ serviceDir: dir, custom: { secretBaker: [] } })).hooks['before:package:createDeploymentArtifacts']();
  const { args } = cli.call();
  assert.equal(args[args.indexOf('-jar') + 1], fs.realpathSync(cli.jar));
});
