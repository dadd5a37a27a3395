'use strict';

// Shared set-up of the end-to-end tests: the real Serverless Framework 3.40.0 installed from the npm registry
// into a cache folder, the CLI jar in its place inside this package, the emulator (`secret-baker local`), and
// throw-away services that use this plugin.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const readline = require('readline');
const { spawn, spawnSync } = require('child_process');

const PLUGIN_DIR = path.resolve(__dirname, '..', '..', '..');
/** The plugin's cache folder in every test command: class-data archives and records of bakes, shared by the services. */
const PLUGIN_CACHE_DIR = path.join(PLUGIN_DIR, '.cache', 'secret-baker');
const REPO_ROOT = path.resolve(PLUGIN_DIR, '..');
const FRAMEWORK_SPEC = path.resolve(__dirname, '..', 'framework');
const CACHE_DIR = process.env.SECRET_BAKER_E2E_CACHE || path.join(PLUGIN_DIR, '.cache', 'framework');
const SEED = path.join(__dirname, 'seed.yaml');
const BUNDLED_JAR = path.join(PLUGIN_DIR, 'lib', 'secret-baker.jar');

const REGION = 'us-east-1';

const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;
const COMMAND_TIMEOUT_MS = 3 * 60 * 1000;

/**
 * Installs serverless@3.40.0 (pinned by test/e2e/framework/package-lock.json) into the cache folder unless the
 * same lock file is already installed there, and returns the path of its bin/serverless.js.
 */
function ensureFramework() {
  const lock = fs.readFileSync(path.join(FRAMEWORK_SPEC, 'package-lock.json'));
  const stamp = crypto.createHash('sha256').update(lock).digest('hex');
  const stampFile = path.join(CACHE_DIR, '.installed-lock-sha256');
  const bin = path.join(CACHE_DIR, 'node_modules', 'serverless', 'bin', 'serverless.js');
  if (fs.existsSync(bin) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    return bin;
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.copyFileSync(path.join(FRAMEWORK_SPEC, 'package.json'), path.join(CACHE_DIR, 'package.json'));
  fs.copyFileSync(path.join(FRAMEWORK_SPEC, 'package-lock.json'), path.join(CACHE_DIR, 'package-lock.json'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE_DIR,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`Installing serverless@3.40.0 into ${CACHE_DIR} failed (${result.error || `exit ${result.status}`}):\n${result.stderr}`);
  }
  fs.writeFileSync(stampFile, stamp);
  return bin;
}

/**
 * Puts the bake jar built by Maven (cli/target/secret-baker-bake.jar, or SECRET_BAKER_CLI_JAR) where the
 * published package carries it, lib/secret-baker.jar, so the tests exercise the plugin's own lookup. Returns its path.
 */
function ensureBundledJar() {
  const built = process.env.SECRET_BAKER_CLI_JAR || path.join(REPO_ROOT, 'cli', 'target', 'secret-baker-bake.jar');
  if (!fs.existsSync(built)) {
    throw new Error(`${built} does not exist; build the CLI first: (cd ${REPO_ROOT} && ./mvnw -B -ntp -q -pl cli -am package -DskipTests)`);
  }
  const stale = !fs.existsSync(BUNDLED_JAR)
    || fs.statSync(BUNDLED_JAR).size !== fs.statSync(built).size
    || fs.statSync(BUNDLED_JAR).mtimeMs < fs.statSync(built).mtimeMs;
  if (stale) {
    const result = spawnSync(process.execPath, [path.join(PLUGIN_DIR, 'scripts', 'copy-cli-jar.js'), built], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
  }
  return BUNDLED_JAR;
}

/** The full CLI jar (cli/target/secret-baker.jar, or SECRET_BAKER_EMULATOR_JAR), which has the emulator. */
function emulatorJar() {
  const jar = path.resolve(process.env.SECRET_BAKER_EMULATOR_JAR || path.join(REPO_ROOT, 'cli', 'target', 'secret-baker.jar'));
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} does not exist; build the CLI first: (cd ${REPO_ROOT} && ./mvnw -B -ntp -q -pl cli -am package -DskipTests)`);
  }
  return jar;
}

/** A JDK tool (javac, jar) from JAVA_HOME or PATH. */
function jdkTool(name) {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', name) : name;
}

/**
 * Starts the emulator, `secret-baker local --seed seed.yaml`, on a free loopback port and reads the shell lines
 * it prints: the `export NAME='value'` lines (endpoint, region, and the credentials of the seed's first
 * principal, the deployer) become `env`, the `# principal NAME: ...` lines the other principals' credentials.
 * It stops on `stop()`, and with this process at the latest.
 */
async function startEmulator(jar) {
  const child = spawn(jdkTool('java'), ['-jar', jar, 'local', '--seed', SEED], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const env = {};
  const principals = {};
  let stderr = '';
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const exported = /^export ([A-Z_]+)='([^']*)'$/.exec(line);
    if (exported) env[exported[1]] = exported[2];
    const principal = /^# principal ([^:]+): AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)$/.exec(line);
    if (principal) principals[principal[1]] = { accessKeyId: principal[2], secretAccessKey: principal[3] };
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { kill(); reject(new Error(`The emulator did not start within 60 s:\n${stderr}`)); }, 60000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/Press Ctrl-C to stop/.test(stderr)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`The emulator exited (${code}):\n${stderr}`)); });
  });
  // The seed's first principal is the deployer; its credentials are the exported ones.
  principals.deployer = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  for (const name of ['deployer', 'original-plugin', 'function']) {
    if (!principals[name] || !principals[name].accessKeyId) throw new Error(`The emulator printed no credentials for ${name}:\n${stderr}`);
  }
  return {
    endpoint: env.AWS_ENDPOINT_URL,
    env,
    principals,
    stop: () => new Promise((resolve) => {
      process.removeListener('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(kill, 10000);
      child.once('exit', () => { clearTimeout(killer); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** A new service folder with these files; removed after the test unless SECRET_BAKER_E2E_KEEP is set. */
function createService(t, files, { links = {}, linkPlugin = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-'));
  if (!process.env.SECRET_BAKER_E2E_KEEP) t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  // Where a user's install puts it, node_modules/<package name>, here as a link to this folder.
  if (linkPlugin) {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(PLUGIN_DIR, path.join(dir, 'node_modules', 'serverless-secret-baker-jvm'), 'dir');
  }
  for (const name of Object.keys(links)) {
    fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    fs.symlinkSync(links[name], path.join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

/**
 * Runs the Serverless Framework in `dir` with a clean environment: no telemetry, notifications or prompts, a
 * home folder of its own, the deployer's credentials and the emulator as AWS endpoint.
 */
function runServerless(bin, dir, args, { emulator, env = {} } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env: serverlessEnv(dir, emulator, env),
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}`, error: result.error };
}

/** The Framework's environment for a command (see runServerless). */
function serverlessEnv(dir, emulator, env = {}) {
  const home = path.join(dir, '.home');
  fs.mkdirSync(home, { recursive: true });
  const all = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    CI: '1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    SLS_DEPRECATION_DISABLE: '*',
    // The bake's class-data archives, shared by the tests' services (the first run records one).
    SECRET_BAKER_CACHE_DIR: PLUGIN_CACHE_DIR,
    ...emulator.env,
    ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...env,
  };
  // A variable given as undefined is left out, e.g. JAVA_HOME for a machine without Java.
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

/**
 * Starts a long-running Framework command (serverless-offline) and resolves once its output matches `ready`.
 * `stop()` sends SIGINT, as Ctrl-C would, and resolves with the exit code; the process is killed if it has
 * not ended 30 s later.
 */
async function startServerless(bin, dir, args, { emulator, env, ready }) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: serverlessEnv(dir, emulator, env) });
  let output = '';
  const collect = (chunk) => { output += chunk; };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code === null ? signal : code)));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serverless ${args.join(' ')} was not ready within 90 s:\n${output}`)); }, 90000);
    const check = () => {
      if (ready.test(output)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exited.then((code) => { clearTimeout(timer); reject(new Error(`serverless ${args.join(' ')} ended (${code}) before it was ready:\n${output}`)); });
  });
  return {
    output: () => output,
    stop: async () => {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/**
 * `count` distinct TCP ports that were free on loopback a moment ago. All are held open together, so no two are the
 * same; another process can still take one before the caller binds it, so callers retry on EADDRINUSE
 * (see `startServerlessOnFreePorts`).
 */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve()))));
  }
}

/**
 * `startServerless` with `portOptions` (e.g. ['--httpPort', '--lambdaPort']) set to free ports, trying new ports when
 * another process took one between choosing and binding it.
 */
async function startServerlessOnFreePorts(bin, dir, args, portOptions, options) {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(portOptions.length);
    const portArgs = portOptions.flatMap((option, i) => [option, String(ports[i])]);
    try {
      return await startServerless(bin, dir, [...args, ...portArgs], options);
    } catch (error) {
      if (attempt >= 5 || !/EADDRINUSE/.test(error.message)) {
        throw error;
      }
    }
  }
}

/** The AWS SDK for JavaScript v2 that Serverless 3.40.0 brings, the SDK the original plugin used. */
function awsSdk() {
  return require(path.join(CACHE_DIR, 'node_modules', 'aws-sdk'));
}

/**
 * The bytes serverless-secret-baker would write for these (name, path) pairs: for each, in order, one SSM
 * GetParameter without decryption, then JSON.stringify of {name: {ciphertext: Value, arn: ARN}}.
 */
async function expectedFileBytes(emulator, entries) {
  const AWS = awsSdk();
  const original = emulator.principals['original-plugin'];
  const ssm = new AWS.SSM({
    endpoint: emulator.endpoint,
    region: REGION,
    credentials: new AWS.Credentials(original.accessKeyId, original.secretAccessKey),
  });
  const secrets = {};
  for (const { name, path: parameter } of entries) {
    const answer = await ssm.getParameter({ Name: parameter, WithDecryption: false }).promise();
    secrets[name] = { ciphertext: answer.Parameter.Value, arn: answer.Parameter.ARN };
  }
  return Buffer.from(JSON.stringify(secrets));
}

/** Every value in seed.yaml starts with one of these, so a leak of any plaintext shows as one of them. */
const PLAINTEXT_CANARY = /e2e-plaintext|e2e-not-a-secret/;

/**
 * Throws if any file in the package folder, or any entry of a zip or jar in it, holds a plaintext of the seed:
 * the build side must only ever see ciphertexts.
 */
async function assertNoPlaintextIn(packageDir) {
  const yauzl = require('yauzl');
  for (const name of fs.readdirSync(packageDir)) {
    const file = path.join(packageDir, name);
    if (!fs.statSync(file).isFile()) continue;
    if (/\.(zip|jar)$/.test(name)) {
      const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
      try {
        for await (const entry of zip.eachEntry()) {
          if (entry.fileName.endsWith('/')) continue;
          const chunks = [];
          for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk);
          if (PLAINTEXT_CANARY.test(Buffer.concat(chunks).toString('latin1'))) {
            throw new Error(`A plaintext is in ${name}!${entry.fileName}`);
          }
        }
      } finally {
        zip.close();
      }
    } else if (PLAINTEXT_CANARY.test(fs.readFileSync(file).toString('latin1'))) {
      throw new Error(`A plaintext is in ${name}`);
    }
  }
}

/**
 * Registers a suite's set-up and tear-down: the Framework, the bundled jar and a started emulator, handed to `use`
 * once ready; the emulator is stopped after the suite.
 */
function useFrameworkAndEmulator(test, use) {
  let emulator;
  test.before(async () => {
    const sls = ensureFramework();
    const jar = ensureBundledJar();
    emulator = await startEmulator(emulatorJar());
    use({ sls, jar, emulator });
  }, { timeout: 12 * 60 * 1000 });
  test.after(async () => {
    if (emulator) await emulator.stop();
  });
}

module.exports = {
  PLAINTEXT_CANARY,
  PLUGIN_CACHE_DIR,
  assertNoPlaintextIn,
  PLUGIN_DIR,
  REPO_ROOT,
  CACHE_DIR,
  REGION,
  ensureFramework,
  ensureBundledJar,
  emulatorJar,
  jdkTool,
  startEmulator,
  useFrameworkAndEmulator,
  createService,
  runServerless,
  startServerless,
  freePorts,
  startServerlessOnFreePorts,
  awsSdk,
  expectedFileBytes,
};
