'use strict';

const { spawn } = require('child_process');
const { SecretBakerError } = require('./errors');
const java = require('./java');

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/**
 * The command line for `secret-baker bake`: the resolved configuration comes on standard input, the summary
 * goes to standard output as JSON, and the problems to standard error. With `packages` (a document of
 * lib/functions.js), one file per deployment package, each where the document says.
 */
function bakeArguments({ jar, output, packages, region, stage, profile, endpointUrl, javaOptions = [] }) {
  // --config-name: the CLI words its messages about the configuration (such as "no secrets are configured in ...")
  // in serverless.yml terms, so they are printed as they come.
  const args = [...javaOptions, '-jar', jar, 'bake', ...(packages ? ['--packages-json', '-', '--json']
    : ['--config-json', '-', '--config-name', 'custom.secretBaker in serverless.yml', '--json', '--output', output])];
  if (region) args.push('--region', region);
  if (stage) args.push('--stage', stage);
  if (profile) args.push('--profile', profile);
  if (endpointUrl) args.push('--endpoint-url', endpointUrl);
  return args;
}

/**
 * Runs the bake and resolves to `{ summary, notes }`: the CLI's JSON summary (null if it printed none) and
 * the lines it wrote to standard error on success (notes such as "no secrets are configured in ..."). Rejects with a
 * SecretBakerError whose message holds every line the CLI wrote to standard error, so a failure names each
 * secret, its parameter and the fix exactly as the CLI worded them.
 *
 * @param {object} options
 * @param {{command: string, source: string}} options.javaCommand from java.javaCommand()
 * @param {*} options.config the value of custom.secretBaker as the Framework resolved it (null when absent)
 * @param {object} [options.packages] instead, what each deployment package holds (see lib/functions.js)
 */
function runBake(options) {
  const { javaCommand, config, packages } = options;
  return runCli({ ...options, args: bakeArguments(options), input: packages || config }).then(({ code, signal, out, err }) => {
    if (code === 0) {
      return { summary: parseSummary(out), notes: cliLines(err) };
    }
    throw failure({ code, signal, out, err, javaCommand, env: options.env || process.env, jar: options.jar });
  });
}

/**
 * Runs the CLI with `input` (JSON-serialised) on standard input and resolves to `{ code, signal, out, err }`
 * when it ends, whatever its exit code. Rejects only when the JVM cannot be started. `onSpawn`, if given, is
 * called with the child process (to stop it early).
 */
function runCli({ javaCommand, args, input, env = process.env, spawnProcess = spawn, onSpawn }) {
  const stdin = JSON.stringify(input === undefined ? null : input);
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawnProcess(javaCommand.command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      reject(new SecretBakerError(java.missingJavaMessage(javaCommand, error), { cause: error }));
      return;
    }
    if (onSpawn) onSpawn(child);
    const stdout = [];
    const stderr = [];
    let settled = false;
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(new SecretBakerError(java.missingJavaMessage(javaCommand, error), { cause: error }));
      }
    });
    // The CLI may end before reading its input (a JVM that cannot start, say); its exit status tells why.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      resolve({ code, signal, out: Buffer.concat(stdout).toString('utf8'), err: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(stdin);
  });
}

function failure({ code, signal, out, err, javaCommand, env, jar }) {
  if (code === EXIT_FAILURE && java.looksLikeOldJava(err)) {
    return new SecretBakerError(java.oldJavaMessage(javaCommand, java.describeJava(javaCommand, env)));
  }
  const lines = cliLines(err);
  const summary = parseSummary(out);
  if (lines.length === 0 && summary && Array.isArray(summary.problems)) {
    for (const problem of summary.problems) lines.push(...describeProblem(problem));
  }
  const details = lines.length ? `\n${lines.join('\n')}` : '';
  if (code === EXIT_FAILURE) {
    return new SecretBakerError(`Secret Baker could not bake secret-baker-secrets.json; nothing was written.${details}`);
  }
  if (code === EXIT_USAGE) {
    return new SecretBakerError(
      `The secret-baker CLI at ${jar} did not accept the arguments this plugin passed; the jar and the plugin ` +
        `are probably from different releases. Use the jar shipped with the plugin.${details}`,
    );
  }
  const how = signal ? `was stopped by ${signal}` : `ended with exit code ${code}`;
  return new SecretBakerError(`The secret-baker CLI (${jar}) ${how} before it finished baking.${details}`);
}

/** The CLI's standard error as lines, without its "secret-baker: " prefix and without blank trailing lines. */
function cliLines(text) {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/^secret-baker: /, ''));
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

function describeProblem(problem) {
  const who = problem.name ? `${problem.name}${problem.parameter ? ` (parameter ${problem.parameter})` : ''}: ` : '';
  return [`  - ${who}${problem.reason}`, `    Fix: ${problem.fix}`];
}

/** The last line of standard output that parses as a JSON object, or null. */
function parseSummary(text) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]);
    } catch (error) {
      // not the summary line; keep looking
    }
  }
  return null;
}

/** JVM options from SECRET_BAKER_JAVA_OPTS (as bin/secret-baker reads them), split on whitespace. */
function javaOptionsFrom(env = process.env) {
  return (env.SECRET_BAKER_JAVA_OPTS || '').split(/\s+/).filter(Boolean);
}

module.exports = { runBake, runCli, bakeArguments, javaOptionsFrom, parseSummary, cliLines, EXIT_FAILURE, EXIT_USAGE };
