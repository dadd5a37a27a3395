'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { SecretBakerError } = require('./errors');

const MINIMUM_JAVA = 17;

const INSTALL_HINT =
  `Install a Java ${MINIMUM_JAVA} or newer runtime (for example Amazon Corretto ${MINIMUM_JAVA}, Eclipse Temurin ` +
  `${MINIMUM_JAVA}, or your system's openjdk-${MINIMUM_JAVA}-jre-headless package) and put its bin folder on PATH, ` +
  'or set JAVA_HOME to it.';

/**
 * The java command to run: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` from PATH. Returns where it
 * came from too, for messages.
 */
function javaCommand(env = process.env, platform = process.platform) {
  const executable = platform === 'win32' ? 'java.exe' : 'java';
  if (env.JAVA_HOME) {
    const fromHome = path.join(env.JAVA_HOME, 'bin', executable);
    if (!fs.existsSync(fromHome)) {
      throw new SecretBakerError(
        `JAVA_HOME is set to ${env.JAVA_HOME}, but there is no ${path.join('bin', executable)} in it. ` +
          `Point JAVA_HOME at a Java ${MINIMUM_JAVA}+ installation, or unset it to use the java on PATH.`,
      );
    }
    return { command: fromHome, source: `JAVA_HOME (${env.JAVA_HOME})` };
  }
  return { command: 'java', source: 'PATH' };
}

/** The feature release of a `java -version` banner: 8 for "1.8.0_402", 17 for "17.0.10", 21 for "21". */
function parseJavaMajor(banner) {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(banner || '');
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** The message for a java command that cannot be started at all. */
function missingJavaMessage(java, error) {
  const why = error && error.code === 'ENOENT' ? 'was not found' : `could not be started (${error && error.message})`;
  return (
    `Secret Baker needs Java ${MINIMUM_JAVA} or newer to bake secret-baker-secrets.json, but the java command ` +
    `from ${java.source} ${why}. ${INSTALL_HINT}`
  );
}

/**
 * Asks the java command for its version; used to explain a failure that looks like an old Java, so that a
 * working setup never pays for an extra JVM start.
 */
function describeJava(java, env = process.env) {
  const result = spawnSync(java.command, ['-version'], { env, encoding: 'utf8', timeout: 30000 });
  const banner = `${result.stderr || ''}${result.stdout || ''}`;
  return { major: parseJavaMajor(banner), banner: banner.trim().split(/\r?\n/)[0] || '' };
}

/** The message for a Java older than the CLI needs. */
function oldJavaMessage(java, description) {
  const found = description.major ? `Java ${description.major}` : 'an older Java';
  return (
    `Secret Baker needs Java ${MINIMUM_JAVA} or newer, but the java command from ${java.source} is ${found}` +
    `${description.banner ? ` (${description.banner})` : ''}. ${INSTALL_HINT}`
  );
}

/** True when the JVM's output says the CLI's classes are too new for it. */
function looksLikeOldJava(stderr) {
  // Java 8 also refuses the -Xlog options the plugin starts it with.
  return /UnsupportedClassVersionError|has been compiled by a more recent version of the Java Runtime|Unrecognized option: -Xlog/.test(stderr);
}

module.exports = {
  MINIMUM_JAVA,
  javaCommand,
  parseJavaMajor,
  missingJavaMessage,
  describeJava,
  oldJavaMessage,
  looksLikeOldJava,
};
