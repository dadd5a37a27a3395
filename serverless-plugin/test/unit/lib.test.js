'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const yauzl = require('yauzl');
const yazl = require('yazl');
const { awsSettings } = require('../../lib/aws');
const { parseJavaMajor, looksLikeOldJava } = require('../../lib/java');
const { bakeArguments, cliLines, parseSummary, javaOptionsFrom } = require('../../lib/bake');
const { copyWithEntry } = require('../../lib/artifact');
const { locateCliJar } = require('../../lib/cli-jar');
const { tempDir } = require('./helpers');

function serverlessWith({ provider = {}, stage = 'dev', region = 'us-east-1' } = {}) {
  return {
    service: { provider: { name: 'aws', ...provider } },
    getProvider: () => ({ getStage: () => stage, getRegion: () => region }),
  };
}

test('aws: region and stage come from the Framework provider', () => {
  const settings = awsSettings({ serverless: serverlessWith({ stage: 'prod', region: 'eu-central-1' }), env: {} });
  assert.equal(settings.region, 'eu-central-1');
  assert.equal(settings.stage, 'prod');
  assert.equal(settings.profile, null);
});

test('aws: without an aws provider, --region and --stage options are used', () => {
  const serverless = { service: { provider: { region: 'ap-south-1' } } };
  assert.deepEqual(
    awsSettings({ serverless, options: { stage: 'qa' }, env: {} }).region,
    'ap-south-1',
  );
  assert.equal(awsSettings({ serverless, options: { stage: 'qa' }, env: {} }).stage, 'qa');
});

test('aws: credentials follow the Framework\'s order, most specific first', () => {
  const serverless = serverlessWith({ provider: { profile: 'from-yml' }, stage: 'prod' });
  assert.equal(awsSettings({ serverless, options: { 'aws-profile': 'cli' }, env: { AWS_PROD_PROFILE: 'stage' } }).profile, 'cli');
  assert.equal(awsSettings({ serverless, env: { AWS_PROD_PROFILE: 'stage', AWS_PROFILE: 'env' } }).profile, 'stage');
  assert.equal(awsSettings({ serverless, env: { AWS_PROFILE: 'env' } }).profile, null, 'the CLI reads AWS_PROFILE itself');
  assert.equal(awsSettings({ serverless, env: { AWS_ACCESS_KEY_ID: 'AKIA' } }).profile, null, 'environment keys beat provider.profile');
  assert.equal(awsSettings({ serverless, env: {} }).profile, 'from-yml');

  const staged = awsSettings({
    serverless,
    env: { AWS_PROD_ACCESS_KEY_ID: 'AKIAPROD', AWS_PROD_SECRET_ACCESS_KEY: 'prodsecret', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SESSION_TOKEN: 'old' },
  });
  assert.equal(staged.profile, null);
  assert.equal(staged.env.AWS_ACCESS_KEY_ID, 'AKIAPROD');
  assert.equal(staged.env.AWS_SECRET_ACCESS_KEY, 'prodsecret');
  assert.equal(staged.env.AWS_SESSION_TOKEN, undefined, 'a session token of other keys is not mixed in');
});

test('java: versions parse from old and new banners', () => {
  assert.equal(parseJavaMajor('java version "1.8.0_402"'), 8);
  assert.equal(parseJavaMajor('openjdk version "11.0.22" 2024-01-16'), 11);
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('openjdk version "25-ea"'), 25);
  assert.equal(parseJavaMajor('no banner'), null);
  assert.ok(looksLikeOldJava('java.lang.UnsupportedClassVersionError: x'));
  assert.ok(!looksLikeOldJava('secret-baker: Cannot bake'));
});

test('bake: arguments carry only what is known', () => {
  assert.deepEqual(bakeArguments({ jar: 'x.jar', output: '/s/f.json' }), ['-jar', 'x.jar', 'bake', '--config-json', '-',
    '--config-name', 'custom.secretBaker in serverless.yml', '--json', '--output', '/s/f.json']);
  assert.deepEqual(
    bakeArguments({ jar: 'x.jar', output: 'f', region: 'r', stage: 's', profile: 'p', endpointUrl: 'http://e' }).slice(10),
    ['--region', 'r', '--stage', 's', '--profile', 'p', '--endpoint-url', 'http://e'],
  );
});

test('bake: SECRET_BAKER_JAVA_OPTS goes before -jar', () => {
  assert.deepEqual(javaOptionsFrom({ SECRET_BAKER_JAVA_OPTS: '  -Xmx256m   -Dhttps.proxyHost=proxy ' }), ['-Xmx256m', '-Dhttps.proxyHost=proxy']);
  assert.deepEqual(javaOptionsFrom({}), []);
  assert.deepEqual(bakeArguments({ jar: 'x.jar', output: 'f', javaOptions: ['-Xmx256m'] }).slice(0, 3), ['-Xmx256m', '-jar', 'x.jar']);
});

test('bake: CLI output is read line by line, the summary is the last JSON line', () => {
  assert.deepEqual(cliLines('secret-baker: one\n  two\r\nsecret-baker: three\n\n'), ['one', '  two', 'three']);
  assert.deepEqual(parseSummary('noise\n{"ok":true}\n'), { ok: true });
  assert.equal(parseSummary('{broken\n'), null);
});

test('cli jar: the environment variable is used when the service sets nothing; a missing bundled jar says how to get one', (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'env.jar'), 'x');
  assert.deepEqual(locateCliJar({ serviceDir: dir, env: { SECRET_BAKER_CLI_JAR: 'env.jar' }, bundled: '/nope' }), {
    jar: path.join(dir, 'env.jar'),
    source: 'SECRET_BAKER_CLI_JAR',
  });
  assert.throws(() => locateCliJar({ serviceDir: dir, env: {}, bundled: path.join(dir, 'missing.jar') }), /missing from this plugin package .* Reinstall the plugin/);
  assert.throws(() => locateCliJar({ configured: 42, serviceDir: dir, env: {} }), /cliJar must be the path/);
});

async function entriesOf(file) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = [];
  for await (const entry of zip.eachEntry()) {
    entries.push({
      name: entry.fileName,
      method: entry.compressionMethod,
      mode: entry.externalFileAttributes >>> 16,
      mtime: entry.getLastModDate().getTime(),
    });
  }
  zip.close();
  return entries;
}

test('artifact: the copy keeps order, compression methods, modes and times of every entry', async (t) => {
  const dir = tempDir(t);
  const source = path.join(dir, 'in.jar');
  const when = new Date(2024, 0, 2, 3, 4, 6);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('Manifest-Version: 1.0\n'), 'META-INF/MANIFEST.MF', { mtime: when, mode: 0o100644 });
  zip.addEmptyDirectory('lib/', { mtime: when });
  zip.addBuffer(Buffer.alloc(5000, 7), 'lib/nested.jar', { mtime: when, compress: false, mode: 0o100600 });
  zip.addBuffer(Buffer.from('#!/bin/sh\n'), 'bootstrap', { mtime: when, mode: 0o100755 });
  zip.end();
  await new Promise((resolve) => zip.outputStream.pipe(fs.createWriteStream(source)).on('close', resolve));

  const target = path.join(dir, 'out.jar');
  const result = await copyWithEntry(source, target, 'secret-baker-secrets.json', Buffer.from('{}'));
  assert.deepEqual(result, { replaced: false, entries: 5 });
  const before = await entriesOf(source);
  const after = await entriesOf(target);
  assert.deepEqual(after.slice(0, 4), before);
  assert.equal(after[4].name, 'secret-baker-secrets.json');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['in.jar', 'out.jar'], 'no temporary file is left');
});

test('artifact: a file that is not a zip is refused and nothing is written', async (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'app.jar'), 'not a zip');
  await assert.rejects(copyWithEntry(path.join(dir, 'app.jar'), path.join(dir, 'copy.jar'), 'x', Buffer.from('')), /is not a readable zip or jar file/);
  assert.equal(fs.existsSync(path.join(dir, 'copy.jar')), false);
});

test('artifact: a damaged entry fails the copy with its name, and leaves no file behind', async (t) => {
  const dir = tempDir(t);
  const source = path.join(dir, 'damaged.jar');
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('Manifest-Version: 1.0\n'), 'META-INF/MANIFEST.MF');
  zip.addBuffer(Buffer.from(require('crypto').randomBytes(3000).toString('base64')), 'big.txt');
  zip.end();
  await new Promise((resolve) => zip.outputStream.pipe(fs.createWriteStream(source)).on('close', resolve));
  // Overwrite the middle of big.txt's deflated data so that inflating it fails.
  const bytes = fs.readFileSync(source);
  const dataStart = bytes.indexOf(Buffer.from('big.txt')) + 'big.txt'.length;
  bytes.fill(0xff, dataStart + 40, dataStart + 200);
  fs.writeFileSync(source, bytes);

  await assert.rejects(
    copyWithEntry(source, path.join(dir, 'copy.jar'), 'secret-baker-secrets.json', Buffer.from('{}')),
    /cannot read big\.txt: /,
  );
  assert.deepEqual(fs.readdirSync(dir), ['damaged.jar']);
});
