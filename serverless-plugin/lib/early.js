'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { runBake } = require('./bake');
const { withFastStart } = require('./startup');

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs a bake (see runBake) with the fast-start options; `onSpawn` is called with the child process. */
function bakeFast(request, onSpawn) {
  return withFastStart(request, (javaOptions) => runBake({ ...request, javaOptions, onSpawn }));
}

/**
 * A bake started as soon as the plugin is loaded, while the Framework still validates the configuration and
 * sets up the command, so that the JVM's start and the Parameter Store calls overlap that work instead of
 * following it. It writes to a temporary file in the service folder, named as the CLI names its own temporary
 * files (`.secret-baker-secrets.json.PID.RANDOM.tmp`), so that one left behind by a killed process is removed
 * by the next bake or `secret-baker clean`.
 *
 * The hook that needs the file calls `take(request)` with what it would bake: when that is exactly what the
 * early bake was started with and the early bake succeeded, its file is renamed into place; otherwise it
 * answers null and the hook bakes as usual, so a changed configuration or a failure is handled (and
 * reported) exactly as without the early start. An early bake nobody takes is stopped and its file removed
 * when the process exits.
 */
class EarlyBake {
  constructor(request) {
    const dir = path.dirname(request.output);
    this.file = path.join(dir, `.${path.basename(request.output)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    this.key = requestKey(request);
    this.child = null;
    this.stop = () => this.cancel();
    process.once('exit', this.stop);
    // On Ctrl-C the Framework ends the process by its signal, without an exit event: stop and clean up first,
    // then end the process by the same signal, as the Framework would have (it leaves that to the last listener).
    this.stopBySignal = (signal) => {
      this.cancel();
      process.kill(process.pid, signal);
    };
    for (const signal of SIGNALS) process.once(signal, this.stopBySignal);
    this.result = bakeFast({ ...request, output: this.file }, (child) => {
      this.child = child;
    }).then(
      (value) => ({ ok: true, value }),
      (error) => ({ ok: false, error }),
    );
  }

  /** The early bake's result, its file renamed to `request.output`, or null when it cannot stand in. */
  async take(request) {
    if (requestKey(request) !== this.key) {
      this.cancel();
      return null;
    }
    const outcome = await this.result;
    this.forget();
    if (!outcome.ok) {
      removeQuietly(this.file);
      return null;
    }
    try {
      fs.renameSync(this.file, request.output);
    } catch (error) {
      removeQuietly(this.file);
      return null;
    }
    return outcome.value;
  }

  /** Stops the bake if it still runs and removes what it wrote. Synchronous, so it can run on exit. */
  cancel() {
    this.forget();
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      // At once: a JVM shutting down gently could still rename its temporary file into place.
      this.child.kill('SIGKILL');
    }
    removeQuietly(this.file);
    // The CLI's own temporary file for it, if the JVM was stopped between writing and renaming.
    const dir = path.dirname(this.file);
    const prefix = `.${path.basename(this.file)}.`;
    try {
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(prefix)) removeQuietly(path.join(dir, name));
      }
    } catch (error) {
      // the folder is gone; so is the file
    }
  }

  forget() {
    process.removeListener('exit', this.stop);
    for (const signal of SIGNALS) process.removeListener(signal, this.stopBySignal);
  }
}

/** Everything that decides what a bake produces, except where it writes. */
function requestKey({ javaCommand, jar, config, packages, region, stage, profile, env, userOptions }) {
  return JSON.stringify([javaCommand.command, jar, jarIdentity(jar), config, packages, region, stage, profile, env, userOptions]);
}

/** The jar's size and modification time, so that a rebuilt jar is another request; null when it is missing. */
function jarIdentity(jar) {
  try {
    const stat = fs.statSync(jar);
    return [stat.size, stat.mtimeMs];
  } catch (error) {
    return null;
  }
}

function removeQuietly(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch (error) {
    // best effort
  }
}

/** Whether a value holds a Framework variable the Framework has not resolved yet, such as `${ssm:...}`. */
function hasUnresolvedVariable(value) {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(hasUnresolvedVariable);
  if (value && typeof value === 'object') return Object.values(value).some(hasUnresolvedVariable);
  return false;
}

module.exports = { EarlyBake, bakeFast, hasUnresolvedVariable, jarIdentity };
