'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { cacheFolder } = require('./startup');
const { jarIdentity } = require('./early');

/**
 * Reusing the last bake of a service when Parameter Store still holds exactly what it baked, so that a later
 * `serverless package` (or `deploy function`, `invoke local`, an offline restart) starts no JVM.
 *
 * What a bake writes depends on its request (the CLI jar, the Java, the resolved configuration, the packages,
 * region, stage, profile, endpoint and Java options) and on what Parameter Store holds. After each successful
 * bake the plugin keeps a record in the cache folder (`bakes/`): the request's SHA-256, the files the bake wrote
 * (ciphertexts and ARNs, the same bytes as in the package), its summary and notes, and for each baked secret its
 * parameter reference, ARN, version and the SHA-256 of its ciphertext. The next command with the same request
 * asks Parameter Store, with GetParameters without decryption (ten names a call, the calls in parallel), whether
 * every parameter still has that ARN, version and ciphertext: a new version, a parameter deleted and created
 * again, another account or region all differ. Only if every one matches are the files written again from the
 * record; any difference, error or doubt means a bake as usual. Nothing is decrypted either way.
 *
 * `SECRET_BAKER_REUSE=off` turns this off.
 */

const RECORD_FORMAT = 1;
const NAMES_PER_CALL = 10; // GetParameters' limit
const RECORD_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** Credentials change without changing what is read; a changed account shows in the ARNs. */
const VOLATILE_VARIABLE = /(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CREDENTIAL_EXPIRATION)$/;

function enabled(env = process.env) {
  return env.SECRET_BAKER_REUSE !== 'off';
}

/** The SHA-256 of everything in `request` that decides what a bake writes and where. */
function requestDigest({ javaCommand, jar, config, packages, output, region, stage, profile, env = {}, userOptions = [] }) {
  const settings = Object.keys(env)
    .filter((name) => /^(AWS_|SECRET_BAKER_|JAVA_)/.test(name) && !VOLATILE_VARIABLE.test(name))
    .sort()
    .map((name) => [name, env[name]]);
  const parts = [RECORD_FORMAT, javaCommand.command, jar, jarIdentity(jar), config === undefined ? null : config,
    packages || null, output, region, stage, profile, settings, userOptions];
  return sha256(JSON.stringify(parts));
}

function recordPath(digest, env, platform) {
  return path.join(cacheFolder(env, platform), 'bakes', `${digest}.json`);
}

/** The record of the last bake of exactly this request (its `request` is the request's digest), or null. */
function lastBake(request, env = process.env, platform = process.platform) {
  if (!enabled(env)) return null;
  try {
    const digest = requestDigest(request);
    const record = JSON.parse(fs.readFileSync(recordPath(digest, env, platform), 'utf8'));
    if (record.format !== RECORD_FORMAT || record.request !== digest || !wellFormed(record)) return null;
    return record;
  } catch (error) {
    return null;
  }
}

function wellFormed(record) {
  return Array.isArray(record.files) && record.files.every((f) => typeof f.path === 'string' && typeof f.content === 'string')
    && Array.isArray(record.expected) && record.expected.every((e) => typeof e.parameter === 'string'
      && typeof e.arn === 'string' && Number.isInteger(e.version) && typeof e.ciphertextSha256 === 'string')
    && Array.isArray(record.notes) && record.summary && typeof record.summary === 'object';
}

/**
 * Whether Parameter Store still holds every secret of `record` at the baked ARN, version and ciphertext.
 * `getParameters(names)` resolves to a GetParameters answer (asked without decryption). Resolves to
 * `{ current, calls }`; an error counts as not current.
 */
async function stillCurrent(record, getParameters) {
  const names = [...new Set(record.expected.map((e) => e.parameter))];
  const batches = [];
  for (let i = 0; i < names.length; i += NAMES_PER_CALL) batches.push(names.slice(i, i + NAMES_PER_CALL));
  let answers;
  try {
    answers = await Promise.all(batches.map((batch) => getParameters(batch)));
  } catch (error) {
    return { current: false, calls: batches.length };
  }
  const held = new Set();
  for (const answer of answers) {
    if (!answer || (answer.InvalidParameters || []).length > 0) return { current: false, calls: batches.length };
    for (const p of answer.Parameters || []) {
      if (p.Type === 'SecureString' && typeof p.Value === 'string') held.add(fingerprint(p.ARN, p.Version, sha256(p.Value)));
    }
  }
  const current = record.expected.every((e) => held.has(fingerprint(e.arn, e.version, e.ciphertextSha256)));
  return { current, calls: batches.length };
}

/**
 * Writes the record's files where the bake wrote them (each whole or not at all) and returns what the bake
 * returned: `{ summary, notes }`.
 */
function restore(record) {
  for (const file of record.files) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    writeWhole(file.path, file.content);
  }
  return { summary: record.summary, notes: record.notes };
}

/**
 * Keeps the record of a successful bake of `request` (see the top of this file). Does nothing when a file and
 * the summary do not pair every entry with exactly one baked version, so that a record never vouches for what it
 * cannot check. Never throws: without a record the next command bakes.
 */
function remember(request, { summary, notes }, env = process.env, platform = process.platform) {
  if (!enabled(env)) return;
  try {
    const record = recordOf(requestDigest(request), request.output, summary, notes);
    if (!record) return;
    const file = recordPath(record.request, env, platform);
    const folder = path.dirname(file);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    removeStaleRecords(folder);
    writeWhole(file, JSON.stringify(record), { mode: 0o600 });
  } catch (error) {
    // best effort
  }
}

function recordOf(digest, output, summary, notes) {
  if (!summary || summary.ok !== true || !Array.isArray(summary.secrets)) return null;
  // Without packages the file is the request's output (an early bake wrote it elsewhere first, then renamed it).
  const outputs = Array.isArray(summary.packages) ? summary.packages.map((p) => p.output) : [output];
  if (outputs.some((output) => typeof output !== 'string')) return null;
  const files = outputs.map((output) => ({ path: output, content: fs.readFileSync(output, 'utf8') }));
  // Every file entry must be a baked secret (name and ARN), and each baked secret must have one ciphertext.
  const entries = files.flatMap((file) => Object.entries(JSON.parse(file.content))
    .map(([name, entry]) => ({ name, arn: entry.arn, ciphertextSha256: sha256(entry.ciphertext) })));
  const expected = [];
  for (const secret of summary.secrets) {
    if (typeof secret.parameter !== 'string' || !Number.isInteger(secret.version)) return null;
    const digests = new Set(entries.filter((e) => e.name === secret.name && e.arn === secret.arn).map((e) => e.ciphertextSha256));
    if (digests.size !== 1) return null;
    expected.push({ parameter: secret.parameter, arn: secret.arn, version: secret.version, ciphertextSha256: [...digests][0] });
  }
  if (!entries.every((e) => expected.some((x) => x.arn === e.arn && x.ciphertextSha256 === e.ciphertextSha256))) return null;
  return { format: RECORD_FORMAT, request: digest, files, summary, notes: notes || [], expected };
}

/** Writes `content` to a temporary file beside `file`, then renames it over `file`: whole or not at all. */
function writeWhole(file, content, options) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temporary, content, options);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function removeStaleRecords(folder) {
  const now = Date.now();
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    try {
      if (now - fs.statSync(file).mtimeMs > RECORD_LIFETIME_MS) fs.rmSync(file, { force: true });
    } catch (error) {
      // gone already
    }
  }
}

/**
 * GetParameters through the Framework's own AWS SDK, with the credentials and region it deploys with and the
 * endpoint the CLI would use (AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL); null when the Framework offers no SDK.
 */
function frameworkParameterStore(serverless, { region, env = process.env }) {
  const provider = typeof serverless.getProvider === 'function' ? serverless.getProvider('aws') : null;
  const sdk = provider && provider.sdk;
  if (!sdk || typeof sdk.SSM !== 'function' || typeof provider.getCredentials !== 'function') return null;
  const configured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? undefined : env.AWS_ENDPOINT_URL_SSM || env.AWS_ENDPOINT_URL;
  const ssm = new sdk.SSM({
    ...provider.getCredentials(),
    region,
    ...(configured ? { endpoint: configured } : {}),
    maxRetries: 2,
    httpOptions: { connectTimeout: 3000, timeout: 10000 },
  });
  return (names) => ssm.getParameters({ Names: names, WithDecryption: false }).promise();
}

function fingerprint(arn, version, ciphertextSha256) {
  return `${arn}\0${version}\0${ciphertextSha256}`;
}

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

module.exports = { lastBake, stillCurrent, restore, remember, frameworkParameterStore, requestDigest };
