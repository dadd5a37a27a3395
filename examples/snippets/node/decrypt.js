"use strict";

// Prints {"NAME": "plaintext", ...} for the names given, asking for each one twice to show that the second
// time is served from memory. Used by the compatibility tests; not for production use (it prints secrets).

const { getSecret } = require("./secret-baker");

(async () => {
  const out = {};
  for (const name of process.argv.slice(2)) {
    out[name] = await getSecret(name);
    await getSecret(name);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exit(1);
});
