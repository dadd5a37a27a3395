'use strict';

// The npm package as a user gets it: `npm pack` (which bundles the CLI jar), its contents and size checked,
// then installed from the tarball alone into a new Serverless service (no link to this folder, no
// SECRET_BAKER_CLI_JAR), where `serverless package` bakes with the jar the package carries. Run by
// release/check, after the CLI is built.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { readEntry, entryNames } = require('../../lib/artifact');
const e2e = require('../e2e/support');

// The packed size must stay under this (6.4 MiB with the bake-only jar, which is most of it): a package that
// grows past it, e.g. by shipping the full CLI with the emulator again, fails here.
const MAX_PACKED_BYTES = 8 * 1024 * 1024;
// npm puts these into every package, whatever `files` says.
const ALWAYS_PACKED = /^(package\.json|README(\.[^/]*)?|LICEN[CS]E(\.[^/]*)?)$/i;
const TIMEOUT_MS = 10 * 60 * 1000;

const manifest = JSON.parse(fs.readFileSync(path.join(e2e.PLUGIN_DIR, 'package.json'), 'utf8'));
let packed;

test.before(() => {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-pack-'));
  const result = spawnSync(npm(), ['pack', '--json', '--pack-destination', destination], {
    cwd: e2e.PLUGIN_DIR, encoding: 'utf8', timeout: TIMEOUT_MS,
  });
  assert.equal(result.status, 0, `npm pack failed:\n${result.stdout}\n${result.stderr}`);
  // The prepack script's output comes first on stdout; npm's JSON report starts at a line of its own.
  const report = JSON.parse(result.stdout.slice(result.stdout.search(/^\[/m)))[0];
  packed = { ...report, tarball: path.join(destination, report.filename), paths: report.files.map((f) => f.path).sort() };
}, { timeout: TIMEOUT_MS });

test.after(() => {
  if (packed) fs.rmSync(path.dirname(packed.tarball), { recursive: true, force: true });
});

test('pack_holdsExactlyTheFilesThatPackageJsonNames', () => {
  const expected = [...new Set([
    ...manifest.files.flatMap((pattern) => expand(e2e.PLUGIN_DIR, pattern)),
    ...fs.readdirSync(e2e.PLUGIN_DIR).filter((name) => ALWAYS_PACKED.test(name)),
    manifest.main,
  ])].sort();
  assert.deepEqual(packed.paths, expected);
});

test('pack_carriesTheCliJarAndEveryModuleItsCodeRequires', () => {
  assert.ok(packed.paths.some((name) => /^lib\/[^/]+\.jar$/.test(name)), `no CLI jar in lib/: ${packed.paths.join(', ')}`);
  for (const file of packed.paths.filter((name) => name.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(e2e.PLUGIN_DIR, file), 'utf8');
    for (const [, , request] of source.matchAll(/require\((['"])(\.{1,2}\/[^'"]+)\1\)/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), request));
      const candidates = [target, `${target}.js`, `${target}/index.js`];
      assert.ok(candidates.some((name) => packed.paths.includes(name)), `${file} requires ${request}, which the package does not carry`);
    }
  }
  assert.ok(!packed.paths.some((name) => /^(node_modules|test|\.cache)\//.test(name)), 'the package carries node_modules, tests or the test cache');
});

test('pack_isSmallerThanTheCeiling', () => {
  assert.ok(packed.size <= MAX_PACKED_BYTES,
    `${packed.filename} is ${mib(packed.size)} MiB, over the ${mib(MAX_PACKED_BYTES)} MiB ceiling. Largest files: ${
      packed.files.sort((a, b) => b.size - a.size).slice(0, 3).map((f) => `${f.path} ${mib(f.size)} MiB`).join(', ')}`);
  console.log(`# ${packed.filename}: ${mib(packed.size)} MiB packed, ${mib(packed.unpackedSize)} MiB unpacked, ${packed.paths.length} files`);
});

test('installedFromTheTarball_serverlessPackage_bakesWithTheBundledJar', { timeout: TIMEOUT_MS }, async (t) => {
  const sls = e2e.ensureFramework();
  const emulator = await e2e.startEmulator(e2e.emulatorJar());
  t.after(() => emulator.stop());
  const service = e2e.createService(t, {
    'package.json': JSON.stringify({ name: 'sb-package-check', version: '1.0.0', private: true }),
    'serverless.yml': `service: sb-package-check
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs18.x
plugins:
  - ${manifest.name}
package:
  patterns:
    - '!node_modules/**'
    - '!.home/**'
custom:
  secretBaker:
    - MY_SECRET
functions:
  hello:
    handler: handler.hello
`,
    'handler.js': "'use strict';\nexports.hello = async () => ({ statusCode: 200 });\n",
  }, { linkPlugin: false });

  const install = spawnSync(npm(), ['install', '--no-audit', '--no-fund', '--loglevel=error', packed.tarball], {
    cwd: service, encoding: 'utf8', timeout: TIMEOUT_MS,
  });
  assert.equal(install.status, 0, `npm install ${packed.tarball} failed:\n${install.stdout}\n${install.stderr}`);
  const installed = path.join(service, 'node_modules', manifest.name);
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), `${installed} is a link, not an install from the tarball`);

  const env = { SECRET_BAKER_CLI_JAR: undefined };
  const result = e2e.runServerless(sls, service, ['package', '--verbose'], { emulator, env });
  assert.equal(result.status, 0, result.output);
  assert.ok(result.output.includes(`running ${path.join(fs.realpathSync(installed), 'lib')}`) || result.output.includes(`running ${path.join(installed, 'lib')}`),
    `the bake did not run the jar the installed package carries:\n${result.output}`);

  const zip = path.join(service, '.serverless', 'sb-package-check.zip');
  assert.ok((await entryNames(zip)).includes('secret-baker-secrets.json'), `${zip} has no secret-baker-secrets.json`);
  const baked = JSON.parse(await readEntry(zip, 'secret-baker-secrets.json'));
  assert.deepEqual(Object.keys(baked), ['MY_SECRET']);
  assert.match(baked.MY_SECRET.arn, /^arn:aws:ssm:us-east-1:\d{12}:parameter\/MY_SECRET$/);
  assert.ok(baked.MY_SECRET.ciphertext.length > 0);
});

function npm() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

// The files a `files` entry of package.json names: a path (a file, or a folder and all under it) or a path
// whose last part has `*` wildcards.
function expand(root, pattern) {
  const folder = path.posix.dirname(pattern);
  const last = path.posix.basename(pattern);
  if (/[?[\]{}!]/.test(pattern) || folder.includes('*')) {
    throw new Error(`package.json files entry "${pattern}" uses a pattern this check does not expand; extend expand()`);
  }
  if (last.includes('*')) {
    const regex = new RegExp(`^${last.split('*').map((s) => s.replace(/[.+^$()|\\]/g, '\\$&')).join('[^/]*')}$`);
    const dir = path.join(root, folder);
    return fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((name) => regex.test(name) && fs.statSync(path.join(dir, name)).isFile())
        .map((name) => path.posix.join(folder, name))
      : [];
  }
  const full = path.join(root, pattern);
  if (!fs.existsSync(full)) return [pattern]; // npm leaves it out; the comparison then names it
  if (fs.statSync(full).isFile()) return [pattern];
  return fs.readdirSync(full).flatMap((name) => expand(root, path.posix.join(pattern, name)));
}

function mib(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
