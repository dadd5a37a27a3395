'use strict';

const fs = require('fs');
const path = require('path');
const { SecretBakerError } = require('./errors');

/** Where the packaging script puts the CLI inside this npm package. */
const BUNDLED_JAR = path.join(__dirname, 'secret-baker.jar');

/**
 * The secret-baker CLI jar to run, first found of: custom.secretBakerOptions.cliJar (relative to the service
 * folder), the SECRET_BAKER_CLI_JAR environment variable, and the jar shipped in this package. A configured
 * path that does not exist is an error rather than a silent fall-back, so a typo never runs another version.
 */
function locateCliJar({ configured, serviceDir, env = process.env, bundled = BUNDLED_JAR }) {
  if (configured !== undefined && configured !== null) {
    if (typeof configured !== 'string' || configured.trim() === '') {
      throw new SecretBakerError(
        'custom.secretBakerOptions.cliJar must be the path of the secret-baker CLI jar, ' +
          `but it is ${JSON.stringify(configured)}.`,
      );
    }
    return existing(path.resolve(serviceDir, configured), 'custom.secretBakerOptions.cliJar');
  }
  if (env.SECRET_BAKER_CLI_JAR) {
    return existing(path.resolve(serviceDir, env.SECRET_BAKER_CLI_JAR), 'SECRET_BAKER_CLI_JAR');
  }
  if (fs.existsSync(bundled)) {
    return { jar: bundled, source: 'this plugin package' };
  }
  throw new SecretBakerError(
    `The secret-baker CLI jar is missing from this plugin package (${bundled}). Reinstall the plugin ` +
      '(npm install serverless-secret-baker-jvm), or point custom.secretBakerOptions.cliJar or the ' +
      'SECRET_BAKER_CLI_JAR environment variable at a secret-baker.jar.',
  );
}

function existing(jar, source) {
  if (!fs.existsSync(jar) || !fs.statSync(jar).isFile()) {
    throw new SecretBakerError(`${source} points at ${jar}, but there is no such file. Fix the path or remove the setting.`);
  }
  return { jar, source };
}

module.exports = { locateCliJar, BUNDLED_JAR };
