'use strict';

// Whole `serverless package` (Serverless Framework 3.40.0) of a one-function Node service, side by side: no
// secrets plugin, the original serverless-secret-baker 2.1.0 from npm, serverless-secret-baker-jvm from this
// repository and, with --variants, the same with its early start turned off. All talk to the emulator (`secret-baker local`) with a fixed latency added per call.
//
// Each round, for each size, in an order that rotates from round to round, every variant gets a fresh copy of
// its service (and ours an empty class-data cache) and packages it twice: the first run, then a later run.
// The time a plugin adds is its run minus the no-plugin run of the same round and size (paired), and the
// figures are medians over the rounds. The 1-minute load average is recorded as each round starts, and, where
// GNU time is installed, the CPU time of each run (the Framework and its children, the bake's JVM included),
// which a loaded machine disturbs less than wall time.
//
// Usage: node bench.js [--sizes 1,3,10,50] [--rounds 7] [--latency-ms 20] [--results RESULTS.md]
//                      [--variants none,original,ours,ours-late,ours-bake]   (ours-late: ours with the early start off;
//                      ours-bake: ours without reusing the last bake)
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
const LABELS = {
  none: 'no secrets plugin',
  original: 'serverless-secret-baker 2.1.0 (npm)',
  ours: 'serverless-secret-baker-jvm (this repository)',
  'ours-late': 'serverless-secret-baker-jvm, early start off (SECRET_BAKER_EARLY=off)',
  'ours-bake': 'serverless-secret-baker-jvm, baking every time (SECRET_BAKER_REUSE=off)',
};
/** Extra environment per variant. */
const VARIANT_ENV = { 'ours-late': { SECRET_BAKER_EARLY: 'off' }, 'ours-bake': { SECRET_BAKER_REUSE: 'off' } };
let VARIANTS = ['none', 'original', 'ours'];

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
    variants: value('--variants', 'none,original,ours').split(','),
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
  const plugin = { none: null, original: 'serverless-secret-baker', ours: 'serverless-secret-baker-jvm', 'ours-late': 'serverless-secret-baker-jvm', 'ours-bake': 'serverless-secret-baker-jvm' }[variant];
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

const TIME = '/usr/bin/time';

/**
 * One `serverless package`; returns its wall time in ms and, where GNU time is installed, the CPU time (user and
 * system, in ms) of the process and its children, the JVM included.
 */
function packageOnce(dir, emulator, cacheDir, variant) {
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
    ...(VARIANT_ENV[variant] || {}),
    ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
  };
  const bin = path.join(CACHE, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const cpuFile = path.join(dir, '.cpu-time');
  const command = fs.existsSync(TIME) ? [TIME, '-f', '%U %S', '-o', cpuFile, process.execPath] : [process.execPath];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], [...command.slice(1), bin, 'package'], { cwd: dir, env, encoding: 'utf8', timeout: 600000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`serverless package failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  let cpu = NaN;
  if (fs.existsSync(cpuFile)) {
    const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    cpu = (user + system) * 1000;
    fs.rmSync(cpuFile);
  }
  return { ms, cpu };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const opts = options();
  for (const variant of opts.variants) if (!LABELS[variant]) throw new Error(`unknown variant ${variant}`);
  if (opts.variants[0] !== 'none') throw new Error('the first variant must be none, the baseline');
  VARIANTS = opts.variants;
  install();
  const seed = writeSeed(Math.max(...opts.sizes));
  const emulator = await startEmulator(seed, opts.latencyMs);
  // times[size][variant][run] = [ms per round]; run is 'first' or 'later'
  const times = {};
  const loads = []; // the 1-minute load average as each round starts
  for (const size of opts.sizes) {
    times[size] = {};
    for (const variant of VARIANTS) times[size][variant] = { first: [], later: [], firstCpu: [], laterCpu: [] };
  }
  try {
    // One unmeasured package per variant, so that the operating system's file cache holds what all of them read.
    for (const variant of VARIANTS) {
      const dir = createService(variant, 1);
      packageOnce(dir, emulator, fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-cds-')), variant);
    }
    for (let round = 0; round < opts.rounds; round++) {
      loads.push(os.loadavg()[0]);
      for (const size of opts.sizes) {
        const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
        for (const variant of order) {
          const dir = createService(variant, size);
          const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-cds-'));
          const first = packageOnce(dir, emulator, cacheDir, variant);
          const later = packageOnce(dir, emulator, cacheDir, variant);
          times[size][variant].first.push(first.ms);
          times[size][variant].later.push(later.ms);
          times[size][variant].firstCpu.push(first.cpu);
          times[size][variant].laterCpu.push(later.cpu);
          fs.rmSync(dir, { recursive: true, force: true });
          fs.rmSync(cacheDir, { recursive: true, force: true });
          process.stderr.write(`round ${round + 1} size ${size} ${variant}: first ${first.ms.toFixed(0)} ms (CPU ${first.cpu.toFixed(0)}), later ${later.ms.toFixed(0)} ms (CPU ${later.cpu.toFixed(0)})\n`);
        }
      }
      // The report so far, so that an interrupted run still leaves its complete rounds.
      if (opts.results) fs.writeFileSync(opts.results, render({ ...opts, rounds: round + 1 }, times, loads));
    }
  } finally {
    emulator.stop();
  }
  const report = render(opts, times, loads);
  process.stdout.write(report);
  if (opts.results) fs.writeFileSync(opts.results, report);
}

function render(opts, times, loads) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0];
  const plugins = VARIANTS.filter((v) => v !== 'none');
  const short = { original: 'original', ours: 'ours', 'ours-late': 'ours, early start off', 'ours-bake': 'ours, baking every time' };
  const out = [];
  out.push('# Serverless benchmark: what a secrets plugin adds to `serverless package`', '');
  out.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`benchmarks/serverless/run.sh --sizes ${opts.sizes.join(',')} --rounds ${opts.rounds} --latency-ms ${opts.latencyMs} --variants ${VARIANTS.join(',')}\` (${java}, Node ${process.version}, ${os.platform()}, ${os.cpus().length} CPUs).`, '');
  out.push(`Load average (1 minute) as each round started: ${loads.map((l) => l.toFixed(1)).join(', ')}; at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`, '');
  out.push(
    'Serverless Framework 3.40.0, `serverless package` of a one-function Node service whose `custom.secretBaker` lists N SecureStrings, against the emulator with ' +
      `${opts.latencyMs} ms added to every call. Per round and size, in an order that rotates each round, each variant gets a fresh copy of its service ` +
      '(ours also an empty class-data cache) and packages it twice: the **first run**, then a **later run**. "Adds" is the run minus the ' +
      'no-plugin run of the same round and run kind (paired); "ours - original" is the paired difference of the two plugins\' runs; ' +
      'figures are medians over the rounds. Wall time of the whole `serverless` process.',
    '',
  );
  for (const run of ['later', 'first']) {
    out.push(`## ${run === 'first' ? 'First run (fresh service, empty cache)' : 'Later runs'}`, '');
    const head = ['secrets', 'no plugin', ...plugins.map((v) => short[v]), ...plugins.map((v) => `${short[v]} adds`)];
    const withRatio = plugins.includes('original') && plugins.includes('ours');
    if (withRatio) head.push('ours - original', 'ours adds / original adds');
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`);
    for (const size of opts.sizes) {
      const t = times[size];
      const rounds = t.none[run].length;
      if (rounds === 0) continue;
      const added = (variant) => median(t[variant][run].map((v, i) => v - t.none[run][i]));
      const row = [size, ms(median(t.none[run])), ...plugins.map((v) => ms(median(t[v][run]))), ...plugins.map((v) => ms(added(v)))];
      if (withRatio) {
        const originalAdds = added('original');
        row.push(ms(median(t.ours[run].map((v, i) => v - t.original[run][i]))), originalAdds > 0 ? (added('ours') / originalAdds).toFixed(2) : 'n/a');
      }
      out.push(`| ${row.join(' | ')} |`);
    }
    out.push('');
  }
  out.push('## CPU time added (user + system of `serverless` and its children, medians of paired differences)', '');
  out.push(`| secrets | ${plugins.map((v) => `${short[v]}, first run`).join(' | ')} | ${plugins.map((v) => `${short[v]}, later runs`).join(' | ')} |`);
  out.push(`|${['', ...plugins, ...plugins].map(() => '---:').join('|')}|`);
  for (const size of opts.sizes) {
    const t = times[size];
    if (t.none.laterCpu.length === 0) continue;
    const added = (variant, run) => ms(median(t[variant][`${run}Cpu`].map((v, i) => v - t.none[`${run}Cpu`][i])));
    out.push(`| ${size} | ${plugins.map((v) => added(v, 'first')).join(' | ')} | ${plugins.map((v) => added(v, 'later')).join(' | ')} |`);
  }
  out.push('');
  out.push('## Every run (ms)', '');
  for (const size of opts.sizes) {
    for (const variant of VARIANTS) {
      const t = times[size][variant];
      out.push(`- ${size} secrets, ${LABELS[variant]}: first ${t.first.map((v) => v.toFixed(0)).join(', ')}; later ${t.later.map((v) => v.toFixed(0)).join(', ')}; CPU first ${t.firstCpu.map((v) => v.toFixed(0)).join(', ')}; CPU later ${t.laterCpu.map((v) => v.toFixed(0)).join(', ')}`);
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
