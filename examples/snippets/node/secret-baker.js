"use strict";

// Decrypts secrets baked into secret-baker-secrets.json, once per container.
// Everything below lives in module (global) scope, so it survives between invocations of a warm container.

const fs = require("fs");
const path = require("path");
const { KMSClient, DecryptCommand } = require("@aws-sdk/client-kms");

const FILE_NAME = "secret-baker-secrets.json";

let secretsFile; // the parsed file, read on first use
const kmsClients = new Map(); // region -> KMSClient
const plaintexts = new Map(); // name -> Promise<string>; concurrent callers share one KMS call

function secretsFilePath() {
  if (process.env.SECRET_BAKER_FILE) {
    return process.env.SECRET_BAKER_FILE;
  }
  return path.join(process.env.LAMBDA_TASK_ROOT || process.cwd(), FILE_NAME);
}

function entries() {
  if (secretsFile === undefined) {
    secretsFile = JSON.parse(fs.readFileSync(secretsFilePath(), "utf8"));
  }
  return secretsFile;
}

// A SecureString's key lives in its parameter's region: arn:<partition>:ssm:<region>:<account>:parameter/<name>
function kmsFor(parameterArn) {
  const region = parameterArn.split(":")[3];
  let client = kmsClients.get(region);
  if (!client) {
    client = new KMSClient({ region });
    kmsClients.set(region, client);
  }
  return client;
}

async function decrypt(name) {
  const all = entries();
  const entry = Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
  if (!entry) {
    throw new Error(`No secret named '${name}' in ${FILE_NAME}; secrets present: ${Object.keys(all).join(", ")}`);
  }
  const response = await kmsFor(entry.arn).send(new DecryptCommand({
    CiphertextBlob: Buffer.from(entry.ciphertext, "base64"),
    EncryptionContext: { PARAMETER_ARN: entry.arn },
  }));
  return Buffer.from(response.Plaintext).toString("utf8");
}

/** The secret's plaintext; the first call per container decrypts it with KMS, later calls reuse it. */
function getSecret(name) {
  let pending = plaintexts.get(name);
  if (!pending) {
    pending = decrypt(name);
    plaintexts.set(name, pending);
    // A failure is not kept: the next call tries again.
    pending.catch(() => plaintexts.delete(name));
  }
  return pending;
}

module.exports = { getSecret };
