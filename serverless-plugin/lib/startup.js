'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * JVM options for a short-lived command: the client compiler only, the serial collector, no performance-data
 * file. Unknown options are ignored, so that an old Java still reaches the CLI's own version check.
 */
const SHORT_LIVED_OPTIONS = ['-XX:+IgnoreUnrecognizedVMOptions', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData'];

/** CDS messages would land in the CLI's output; a rejected archive just means a start without it. */
const QUIET_CDS = ['-Xlog:cds=off', '-Xlog:cds+dynamic=off'];

/**
 * How to start the CLI fast: the options above plus a class-data-sharing archive of the classes the bake loads.
 * The first run records the archive at exit (`-XX:ArchiveClassesAtExit`); later runs map it
 * (`-XX:SharedArchiveFile`). The archive is kept in the cache folder under a key made of the jar (path, size,
 * time) and the Java installation (its real path and its `release` file), so a new jar or a new Java makes a
 * new archive, and the JVM falls back silently to a normal start if it rejects one anyway.
 *
 * Returns `{ options, finished(succeeded) }`: call `finished` when the CLI has exited, to keep the new archive
 * of a successful run. Without a usable cache folder, or with -Xshare or a shared archive among the user's own
 * options, only the short-lived options are used.
 */
function fastStart({ jar, javaCommand, userOptions = [], env = process.env, platform = process.platform }) {
  const none = { options: [...SHORT_LIVED_OPTIONS], archive: null, finished() {} };
  if (env.SECRET_BAKER_CDS === 'off' || userOptions.some((o) => /^-Xshare|SharedArchiveFile|ArchiveClassesAtExit/.test(o))) return none;
  let folder;
  let key;
  try {
    folder = path.join(cacheFolder(env, platform), 'cds');
    key = archiveKey(jar, javaCommand, env, platform);
  } catch (error) {
    return none;
  }
  if (!key) return none;
  const archive = path.join(folder, `${key.jar}-${key.java}.jsa`);
  if (fs.existsSync(archive)) {
    return { options: [...SHORT_LIVED_OPTIONS, ...QUIET_CDS, `-XX:SharedArchiveFile=${archive}`], archive, finished() {} };
  }
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    return none;
  }
  // Each process records into its own file; the rename makes the archive appear whole or not at all.
  const recording = `${archive}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  return {
    options: [...SHORT_LIVED_OPTIONS, ...QUIET_CDS, `-XX:ArchiveClassesAtExit=${recording}`],
    archive,
    finished(succeeded) {
      try {
        if (succeeded && fs.existsSync(recording) && fs.statSync(recording).size > 0) {
          fs.renameSync(recording, archive);
          removeOlderArchives(folder, key.jar, archive);
        } else {
          fs.rmSync(recording, { force: true });
        }
      } catch (error) {
        fs.rmSync(recording, { force: true });
      }
    },
  };
}

/**
 * Runs `run(javaOptions)` (a promise of a CLI run) with the fast-start options before the user's own, and keeps
 * the class-data archive it recorded when the promise resolves.
 */
async function withFastStart({ jar, javaCommand, userOptions = [] }, run) {
  const start = fastStart({ jar, javaCommand, userOptions });
  let succeeded = false;
  try {
    // The user's options come last, so that they win.
    const result = await run([...start.options, ...userOptions]);
    succeeded = true;
    return result;
  } finally {
    start.finished(succeeded);
  }
}

/** `$SECRET_BAKER_CACHE_DIR`, else the platform's user cache folder with `secret-baker` in it. */
function cacheFolder(env, platform) {
  if (env.SECRET_BAKER_CACHE_DIR) return path.resolve(env.SECRET_BAKER_CACHE_DIR);
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'secret-baker', 'cache');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'secret-baker');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'secret-baker');
}

/** `{ jar, java }`: short hashes of what the JVM checks an archive against; null when java cannot be found. */
function archiveKey(jar, javaCommand, env, platform) {
  const jarPath = fs.realpathSync(jar);
  const jarStat = fs.statSync(jarPath);
  const java = resolveExecutable(javaCommand.command, env, platform);
  if (!java) return null;
  const javaHome = path.dirname(path.dirname(java));
  const release = path.join(javaHome, 'release');
  const javaStat = fs.statSync(java);
  const javaIdentity = [java, javaStat.size, javaStat.mtimeMs, fs.existsSync(release) ? fs.readFileSync(release, 'utf8') : ''];
  return {
    jar: hash([jarPath]),
    java: hash([jarStat.size, jarStat.mtimeMs, ...javaIdentity]),
  };
}

/** The real path of a command given as a path or found on PATH, or null. */
function resolveExecutable(command, env, platform) {
  if (path.isAbsolute(command) || command.includes(path.sep)) {
    return fs.existsSync(command) ? fs.realpathSync(command) : null;
  }
  const extensions = platform === 'win32' ? ['', '.exe'] : [''];
  for (const folder of (env.PATH || '').split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(folder, command + extension);
      try {
        if (fs.statSync(candidate).isFile()) return fs.realpathSync(candidate);
      } catch (error) {
        // not in this folder
      }
    }
  }
  return null;
}

/** Archives of an earlier jar or Java at the same jar path are of no more use. */
function removeOlderArchives(folder, jarKey, keep) {
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    if (name.startsWith(`${jarKey}-`) && name.endsWith('.jsa') && file !== keep) {
      fs.rmSync(file, { force: true });
    }
  }
}

function hash(parts) {
  return crypto.createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

module.exports = { fastStart, withFastStart, cacheFolder, SHORT_LIVED_OPTIONS };
