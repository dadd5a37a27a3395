'use strict';

const { SecretBakerError } = require('./errors');
const { runCli, cliLines, EXIT_FAILURE, EXIT_USAGE } = require('./bake');

const EXIT_REDEPLOY = 3;

/**
 * The command line for `secret-baker status`: the resolved configuration comes on standard input; with
 * `packages` (see lib/functions.js statusPackages), each package's file with what it should hold.
 */
function statusArguments({ jar, file, packages, region, stage, profile, json, javaOptions = [] }) {
  const args = [...javaOptions, '-jar', jar, 'status', ...(packages ? ['--packages-json', '-'] : ['--config-json', '-', '--file', file])];
  if (json) args.push('--json');
  if (region) args.push('--region', region);
  if (stage) args.push('--stage', stage);
  if (profile) args.push('--profile', profile);
  return args;
}

/**
 * Runs `secret-baker status` and resolves to `{ code, lines }`: the CLI's exit code (0 up to date, 3 stale or
 * gone, 1 a state could not be told) and what it printed (its table, or its JSON with `json`), which the
 * plugin shows as it is. Rejects with a SecretBakerError, in the CLI's words, when it printed no report (a
 * missing artifact, a configuration error, a JVM that would not start).
 *
 * @param {*} options.config the value of custom.secretBaker as the Framework resolved it (null when absent)
 */
async function runStatus(options) {
  const { code, signal, out, err } = await runCli({ ...options, args: statusArguments(options), input: options.packages || options.config });
  const lines = out.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length && (code === 0 || code === EXIT_REDEPLOY || code === EXIT_FAILURE)) {
    return { code, lines };
  }
  const details = cliLines(err);
  const detail = details.length ? `\n${details.join('\n')}` : '';
  if (code === EXIT_FAILURE) {
    throw new SecretBakerError(`Secret Baker could not tell the status of the baked secrets.${detail}`);
  }
  if (code === EXIT_USAGE) {
    throw new SecretBakerError(`The secret-baker CLI at ${options.jar} does not know 'status' as this plugin calls it;`
      + ` use the jar shipped with the plugin.${detail}`);
  }
  const how = signal ? `was stopped by ${signal}` : `ended with exit code ${code}`;
  throw new SecretBakerError(`The secret-baker CLI (${options.jar}) ${how} before it finished the status.${detail}`);
}

module.exports = { runStatus, statusArguments, EXIT_REDEPLOY };
