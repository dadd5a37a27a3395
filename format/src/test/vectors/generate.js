#!/usr/bin/env node
// Regenerates the secrets file test vectors with JavaScript's own JSON.stringify, the function the original
// serverless-secret-baker plugin writes the file with:  node format/src/test/vectors/generate.js
//
// For each case it writes two files to format/src/test/resources/vectors/:
//   <case>.input.json     {"description": ..., "entries": [{"name", "ciphertext", "arn"}, ...]} in configuration order
//   <case>.expected.json  the exact bytes of JSON.stringify(secrets), UTF-8, no trailing newline
// where secrets is built as the plugin builds it: secrets[name] = {ciphertext, arn} in configuration order.
"use strict";

const fs = require("fs");
const path = require("path");

const out = path.join(__dirname, "..", "resources", "vectors");
const arn = (name, partition = "aws", region = "us-east-1", account = "111122223333") =>
  `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;
const entry = (name, ciphertext, parameter = name) => ({ name, ciphertext, arn: arn(parameter) });

// mulberry32 with a fixed seed, so that regenerating gives the same files.
let seed = 20240229;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const base64 = (bytes) => {
  const buffer = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buffer[i] = Math.floor(random() * 256);
  return buffer.toString("base64");
};

const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("");

// Any UTF-16 code unit sequence: ASCII, controls, BMP, astral pairs, lone and reversed surrogates, digits alone.
function randomText(maxLength) {
  const length = Math.floor(random() * maxLength);
  let text = "";
  for (let i = 0; i < length; i++) {
    const kind = Math.floor(random() * 7);
    if (kind === 0) text += String.fromCharCode(Math.floor(random() * 0x20));
    else if (kind === 1) text += String.fromCharCode(0x20 + Math.floor(random() * 0x60));
    else if (kind === 2) text += String.fromCharCode(0x80 + Math.floor(random() * 0xd780));
    else if (kind === 3) text += String.fromCharCode(0xd800 + Math.floor(random() * 0x800));
    else if (kind === 4) text += String.fromCodePoint(0x10000 + Math.floor(random() * 0x100000));
    else if (kind === 5) text += String.fromCharCode(0xe000 + Math.floor(random() * 0x2000));
    else text += "\"\\/\u2028\u2029\u007f"[Math.floor(random() * 6)];
  }
  return text;
}

const randomEntries = () => {
  const names = new Set();
  while (names.size < 300) {
    const roll = random();
    names.add(roll < 0.15 ? String(Math.floor(random() * 5e9)) : roll < 0.2 ? "0" + Math.floor(random() * 100) : randomText(12) || "x");
  }
  return [...names].map((n, i) => ({ name: n, ciphertext: randomText(40) || "y", arn: arn(`random/${i}`) }));
};

const cases = {
  "empty": {
    description: "No secrets configured: the plugin writes an empty object",
    entries: [],
  },
  "readme-single": {
    description: "README: custom.secretBaker: [MY_SECRET]",
    entries: [entry("MY_SECRET", base64(180))],
  },
  "readme-mixed": {
    description: "README: mixed list of names and {name, path} items",
    entries: [
      entry("MY_SECRET", base64(180)),
      entry("MY_OTHER_SECRET", base64(200)),
      entry("CUSTOM_SECRET", base64(190), "a/custom/secret/path"),
    ],
  },
  "configuration-order": {
    description: "Names that are not array indices keep configuration order, not alphabetical order",
    entries: ["zeta", "Alpha", "beta", "_x", "a.b", "a/b", "MY_SECRET"].map((n) => entry(n, base64(12))),
  },
  "integer-like-names": {
    description: "Array-index names come first, ascending by value; every other name keeps configuration order",
    entries: [
      "B", "10", "2", "A", "0", "01", "-1", "1.0", "4294967294", "4294967295", "4294967296",
      "9007199254740993", " 1", "1 ", "+1", "1e3", "00", "-0", "0x1", "\u0661", "3",
    ].map((n, i) => entry(n, base64(6 + i), `p${i}`)),
  },
  "escaping": {
    description: "Only quote, backslash and control characters are escaped; slash and DEL are raw",
    entries: [
      entry(`ctl${controls}`, `c${controls}end`, "escapes/controls"),
      entry('quote"back\\slash/solidus\u007f', 'a"b\\c/d\u007fe', "escapes/punctuation"),
      entry("tab\there", "line\nbreak\r\nform\ffeed\bback", "escapes/short"),
    ],
  },
  "non-ascii": {
    description: "Non-ASCII, U+2028/U+2029, BOM, noncharacters and emoji are written raw as UTF-8",
    entries: [
      entry("caf\u00e9", "\u00e9\u00fc\u00df\u0080\u00ff", "unicode/latin"),
      entry("\u79d8\u5bc6", "\u4e2d\u6587\u0800\uffff\ufffd", "unicode/cjk"),
      entry("line\u2028para\u2029", "\u2028\u2029", "unicode/separators"),
      entry("bom\ufeff", "\ufeffx", "unicode/bom"),
      entry("emoji\ud83d\ude00", "\ud83d\udd11\ud83c\udf70\u{10ffff}", "unicode/emoji"),
    ],
  },
  "lone-surrogates": {
    description: "Lone surrogates are escaped as lowercase \\udXXX (well-formed JSON.stringify); pairs stay raw",
    entries: [
      entry("high\ud800", "a\ud800b", "surrogates/high"),
      entry("low\udc00", "a\udfffb", "surrogates/low"),
      entry("reversed\ude00\ud83d", "\udbff", "surrogates/reversed"),
      entry("pair\ud83d\ude00", "\ud83d\ude00\ud83d", "surrogates/pair-then-high"),
      entry("end\udbff", "x\udbff\udbff\udfff", "surrogates/high-high-low"),
    ],
  },
  "partitions": {
    description: "ARNs from other partitions, regions and a fully qualified parameter path",
    entries: [
      { name: "CN", ciphertext: base64(40), arn: arn("/app/prod/db", "aws-cn", "cn-north-1", "123456789012") },
      { name: "GOV", ciphertext: base64(40), arn: arn("/app/prod/db", "aws-us-gov", "us-gov-west-1", "210987654321") },
      { name: "EU", ciphertext: base64(40), arn: arn("app.prod-db_1", "aws", "eu-central-1", "000000000000") },
    ],
  },
  "random": {
    description: "Three hundred entries of random UTF-16 text, numeric names among them",
    entries: randomEntries(),
  },
  "many": {
    description: "Two hundred secrets of realistic standard and advanced tier ciphertext sizes",
    entries: Array.from({ length: 200 }, (_, i) =>
      entry(`SECRET_${String(i).padStart(3, "0")}`, base64(i % 10 === 0 ? 4200 : 150 + (i % 7) * 40), `/service/stage/secret-${i}`)),
  },
};

for (const [name, { description, entries }] of Object.entries(cases)) {
  const secrets = {};
  for (const { name: secretName, ciphertext, arn: parameterArn } of entries) {
    secrets[secretName] = { ciphertext, arn: parameterArn };
  }
  const expected = JSON.stringify(secrets);
  fs.writeFileSync(path.join(out, `${name}.input.json`), JSON.stringify({ description, entries }, null, 2) + "\n");
  fs.writeFileSync(path.join(out, `${name}.expected.json`), Buffer.from(expected, "utf8"));
}
console.log(`wrote ${Object.keys(cases).length} vectors to ${out}`);
