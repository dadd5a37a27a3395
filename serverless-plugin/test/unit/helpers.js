'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const FAKE_JDK = path.join(__dirname, 'fake-jdk');

class FrameworkError extends Error {}

/** A temporary folder removed after the test. */
function tempDir(t, prefix = 'sb-unit-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The parts of a Serverless Framework v3 instance the plugin uses, with its log calls recorded in `logs`
 * as [level, message] pairs.
 */
function fakeServerless({ serviceDir, custom, functions = {}, packageConfig = {}, provider = {}, plugins, stage = 'dev', region = 'us-east-1', profile = null }) {
  const logs = [];
  const service = {
    service: 'demo',
    custom,
    provider: { name: 'aws', ...provider },
    package: packageConfig,
    functions,
    plugins,
    getAllFunctions: () => Object.keys(functions),
    getFunction: (name) => functions[name],
  };
  const serverless = {
    serviceDir,
    service,
    classes: { Error: FrameworkError },
    getProvider: (name) =>
      name === 'aws'
        ? { getStage: () => stage, getRegion: () => region, getProfile: () => profile }
        : undefined,
    cli: { log: (message) => logs.push(['cli', message]) },
  };
  const log = {
    notice: (m) => logs.push(['notice', m]),
    info: (m) => logs.push(['info', m]),
    verbose: (m) => logs.push(['verbose', m]),
    warning: (m) => logs.push(['warning', m]),
  };
  const progress = { create: ({ message }) => { logs.push(['progress', message]); return { remove: () => logs.push(['progress-removed', message]) }; } };
  return { serverless, utils: { log, progress }, logs };
}

/**
 * Sets environment variables for one test (undefined removes one) and restores them afterwards. The plugin
 * reads JAVA_HOME, SECRET_BAKER_CLI_JAR and the FAKE_CLI_* variables of the fake java from process.env.
 */
function withEnv(t, values) {
  const saved = {};
  for (const [key, value] of Object.entries(values)) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  t.after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

/** Points the plugin at the fake java and a placeholder jar; returns the file where the fake records its call. */
function useFakeCli(t, dir, fake = {}) {
  const jar = path.join(dir, 'secret-baker.jar');
  fs.writeFileSync(jar, 'placeholder');
  const record = path.join(dir, 'fake-cli-call.json');
  withEnv(t, {
    JAVA_HOME: FAKE_JDK,
    SECRET_BAKER_CLI_JAR: jar,
    FAKE_CLI_RECORD: record,
    FAKE_CLI_MODE: fake.mode,
    FAKE_CLI_FILE: fake.file,
    FAKE_CLI_PACKAGE_FILES: fake.packageFiles === undefined ? undefined : JSON.stringify(fake.packageFiles),
    FAKE_CLI_SUMMARY: fake.summary,
    FAKE_CLI_STDERR: fake.stderr,
    FAKE_CLI_EXIT: fake.exit === undefined ? undefined : String(fake.exit),
    FAKE_JAVA_BANNER: fake.banner,
    SECRET_BAKER_CACHE_DIR: path.join(dir, 'cache'),
    SECRET_BAKER_CDS: undefined,
  });
  return { jar, call: () => JSON.parse(fs.readFileSync(record, 'utf8')) };
}

module.exports = { FAKE_JDK, FrameworkError, tempDir, fakeServerless, withEnv, useFakeCli };
