'use strict';

// Whole `serverless package` (Serverless Framework 3.40.0) of a one-function Node service, three ways, side by
// side: no secrets plugin, the original serverless-secret-baker 2.1.0 from npm, and serverless-secret-baker-jvm
// from this repository. All talk to the emulator (`secret-baker local`) with a fixed latency added per call.
//
// Each round, for each size, in an order that rotates from round to round, every variant gets a fresh copy of
// its service (and ours an empty class-data cache) and packages it twice: the first run, then a later run.
// The time a plugin adds is its run minus the no-plugin run of the same round and size (paired), and the
// figures are medians over the rounds.
//
// Usage: node bench.js [--sizes 1,3,10,50] [--rounds 7] [--latency-ms 20] [--results RESULTS.md]
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');
const { spawn, spawnSync } = require('child_process');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');
const PLUGIN_DIR = path.join(ROOT, 'serverless-plugin');
const CACHE = path.join(HERE, '.cache');
const FULL_JAR = path.join(ROOT, 'cli', 'target', 'secret-baker.jar');
const VARIANTS = ['none', 'original', 'ours'];
const LABELS = { none: 'no secrets plugin', original: 'serverless-secret-baker 2.1.0 (npm)', ours: 'serverless-secret-baker-jvm (this repository)' };

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  return {
    sizes: value('--sizes', '1,3,10,50').split(',').map(Number),
    rounds: Number(value('--rounds', '7')),
    latencyMs: Number(value('--latency-ms', '20')),
    results: value('--results', null),
  };
}

/** serverless@3.40.0 and serverless-secret-baker@2.1.0 from the npm registry, into .cache/ once. */
function install() {
  const marker = path.join(CACHE, 'node_modules', 'serverless-secret-baker', 'package.json');
  const wanted = fs.readFileSync(path.join(HERE, 'package.json'), 'utf8');
  const stamp = path.join(CACHE, 'package.json');
  if (fs.existsSync(marker) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return;
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(stamp, wanted);
  const result = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CACHE, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm install failed');
}

function writeSeed(count) {
  const lines = [
    'keys:',
    '  - id: 7d1f3c2b-0a4e-4b5c-8d6e-9f0a1b2c3d4e',
    '    alias: alias/bench',
    'parameters:',
  ];
  for (let i = 1; i <= count; i++) {
    lines.push(`  - name: /bench/secret-${String(i).padStart(2, '0')}`, '    keyId: alias/bench', `    value: bench-value-${i}`);
  }
  lines.push(
    'principals:',
    '  - name: bench',
    '    allow: [ssm:GetParameter, ssm:GetParameters, ssm:DescribeParameters]',
    '    resources: ["*"]',
  );
  const file = path.join(CACHE, 'seed.yaml');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function startEmulator(seed, latencyMs) {
  const child = spawn('java', ['-jar', FULL_JAR, 'local', '--seed', seed, '--latency', String(latencyMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const env = {};
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const exported = /^export ([A-Z_]+)='([^']*)'$/.exec(line);
    if (exported) env[exported[1]] = exported[2];
  });
  await new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/Press Ctrl-C to stop/.test(stderr)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${stderr}`)));
  });
  return { env, stop: () => child.kill('SIGTERM') };
}

function serviceFiles(variant, size) {
  const plugin = { none: null, original: 'serverless-secret-baker', ours: 'serverless-secret-baker-jvm' }[variant];
  const secrets = [];
  for (let i = 1; i <= size; i++) secrets.push(`    - name: SECRET_${i}\n      path: /bench/secret-${String(i).padStart(2, '0')}`);
  return {
    'serverless.yml': [
      `service: bench-${variant}-${size}`,
      "frameworkVersion: '3'",
      'provider:',
      '  name: aws',
      '  runtime: nodejs18.x',
      '  region: us-east-1',
      // The plugins are linked into node_modules; the function's package needs none of it.
      'package:',
      '  patterns:',
      "    - '!node_modules/**'",
      ...(plugin ? ['plugins:', `  - ${plugin}`] : []),
      ...(plugin ? ['custom:', '  secretBaker:', ...secrets] : []),
      'functions:',
      '  hello:',
      '    handler: handler.hello',
      '',
    ].join('\n'),
    'handler.js': "exports.hello = async () => 'ok';\n",
  };
}

function createService(variant, size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-bench-${variant}-${size}-`));
  for (const [name, content] of Object.entries(serviceFiles(variant, size))) fs.writeFileSync(path.join(dir, name), content);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(CACHE, 'node_modules', 'serverless-secret-baker'), path.join(dir, 'node_modules', 'serverless-secret-baker'), 'dir');
  fs.symlinkSync(PLUGIN_DIR, path.join(dir, 'node_modules', 'serverless-secret-baker-jvm'), 'dir');
  return dir;
}

/** One `serverless package`; returns its wall time in ms. */
function packageOnce(dir, emulator, cacheDir) {
  const env = {
    PATH: process.env.PATH,
    HOME: path.join(CACHE, 'home'),
    LANG: 'C.UTF-8',
    CI: '1',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    SLS_DEPRECATION_DISABLE: '*',
    ...emulator.env,
    // The Framework's AWS SDK (v2), which the original plugin calls through, knows no AWS_ENDPOINT_URL; the
    // preload points it at the emulator when it is first loaded. It runs for every variant alike.
    NODE_OPTIONS: `--require ${path.join(HERE, 'endpoint-preload.js')}`,
    SECRET_BAKER_CACHE_DIR: cacheDir,
    ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
  };
  const bin = path.join(CACHE, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'package'], { cwd: dir, env, encoding: 'utf8', timeout: 600000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`serverless package failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const opts = options();
  install();
  const seed = writeSeed(Math.max(...opts.sizes));
  const emulator = await startEmulator(seed, opts.latencyMs);
  // times[size][variant][run] = [ms per round]; run is 'first' or 'later'
  const times = {};
  for (const size of opts.sizes) {
    times[size] = {};
    for (const variant of VARIANTS) times[size][variant] = { first: [], later: [] };
  }
  try {
    // One unmeasured package per variant, so that the operating system's file cache holds what all of them read.
    for (const variant of VARIANTS) {
      const dir = createService(variant, 1);
      packageOnce(dir, emulator, fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-cds-')));
    }
    for (let round = 0; round < opts.rounds; round++) {
      for (const size of opts.sizes) {
        const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
        for (const variant of order) {
          const dir = createService(variant, size);
          const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-cds-'));
          const first = packageOnce(dir, emulator, cacheDir);
          const later = packageOnce(dir, emulator, cacheDir);
          times[size][variant].first.push(first);
          times[size][variant].later.push(later);
          fs.rmSync(dir, { recursive: true, force: true });
          fs.rmSync(cacheDir, { recursive: true, force: true });
          process.stderr.write(`round ${round + 1} size ${size} ${variant}: first ${first.toFixed(0)} ms, later ${later.toFixed(0)} ms\n`);
        }
      }
      // The report so far, so that an interrupted run still leaves its complete rounds.
      if (opts.results) fs.writeFileSync(opts.results, render({ ...opts, rounds: round + 1 }, times));
    }
  } finally {
    emulator.stop();
  }
  const report = render(opts, times);
  process.stdout.write(report);
  if (opts.results) fs.writeFileSync(opts.results, report);
}

function render(opts, times) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0];
  const out = [];
  out.push('# Serverless benchmark: what a secrets plugin adds to `serverless package`', '');
  out.push(`Measured ${new Date().toISOString().slice(0, 10)} with \`benchmarks/serverless/run.sh --sizes ${opts.sizes.join(',')} --rounds ${opts.rounds} --latency-ms ${opts.latencyMs}\` (${java}, Node ${process.version}, ${os.platform()}, ${os.cpus().length} CPUs, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}).`, '');
  out.push(
    'Serverless Framework 3.40.0, `serverless package` of a one-function Node service whose `custom.secretBaker` lists N SecureStrings, against the emulator with ' +
      `${opts.latencyMs} ms added to every call. Per round and size, in an order that rotates each round, each variant gets a fresh copy of its service ` +
      '(ours also an empty class-data cache) and packages it twice: the **first run**, then a **later run**. "Added" is the run minus the ' +
      'no-plugin run of the same round and run kind (paired); figures are medians over the rounds. Wall time of the whole `serverless` process.',
    '',
  );
  for (const run of ['later', 'first']) {
    out.push(`## ${run === 'first' ? 'First run (fresh service, empty cache)' : 'Later runs'}`, '');
    out.push('| secrets | no plugin | original | ours | original adds | ours adds | ours / original (added) |', '|---:|---:|---:|---:|---:|---:|---:|');
    for (const size of opts.sizes) {
      const t = times[size];
      const added = (variant) => t[variant][run].map((ms, i) => ms - t.none[run][i]);
      const addedOriginal = median(added('original'));
      const addedOurs = median(added('ours'));
      out.push(`| ${size} | ${ms(median(t.none[run]))} | ${ms(median(t.original[run]))} | ${ms(median(t.ours[run]))} | ${ms(addedOriginal)} | ${ms(addedOurs)} | ${addedOriginal > 0 ? (addedOurs / addedOriginal).toFixed(2) : 'n/a'} |`);
    }
    out.push('');
  }
  out.push('## Every run (ms)', '');
  for (const size of opts.sizes) {
    for (const variant of VARIANTS) {
      const t = times[size][variant];
      out.push(`- ${size} secrets, ${LABELS[variant]}: first ${t.first.map((v) => v.toFixed(0)).join(', ')}; later ${t.later.map((v) => v.toFixed(0)).join(', ')}`);
    }
  }
  out.push('');
  return out.join('\n');
}

function ms(value) {
  return `${(value / 1000).toFixed(2)} s`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
