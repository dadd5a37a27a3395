#!/usr/bin/env node
// Regenerates the JSON grammar cases for the reader: node format/src/test/vectors/generate-grammar.js
//
// Writes format/src/test/resources/vectors-grammar/values.json: {"accepted": [...], "rejected": [...]}, short
// texts that JavaScript's JSON.parse accepts or rejects as a JSON value. The reader's test places each one where
// an unknown member's value goes and expects the same verdict (apart from repeated member names, which the
// reader alone refuses).
"use strict";

const fs = require("fs");
const path = require("path");

// mulberry32: a small generator with a fixed seed, so that regenerating gives the same file.
let seed = 1234567;
function next() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const random = (n) => Math.floor(next() * n);
const pick = (items) => items[random(items.length)];

const curated = [
  "0", "-0", "01", "-01", "1.", ".1", "1.0", "1e5", "1E+5", "1e-5", "1e", "1e+", "-", "+1", "0x10", "1_000",
  "Infinity", "NaN", "-Infinity", "true", "false", "null", "True", "nul", "truex", "\"\"", "\"a\"", "'a'",
  "\"\\u00e9\"", "\"\\u00E9\"", "\"\\u12\"", "\"\\x41\"", "\"\\/\"", "\"\\a\"", "\"\t\"", "\"\u0001\"", "\"\u007f\"",
  "\"\u2028\"", "\"\u00e9\"", "\"\ud83d\ude00\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "[]", "[1,]", "[,1]", "[1 2]",
  "{}", "{\"a\":1}", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{\"a\":}", "[[[]]]", " 1 ", "\t1\n", "\r\n[\r\n]\r\n",
  "\u00a01", "1\u00a0", "\u20281", "[\"a\",{\"b\":[null,true,false,-1.5e-3]}]", "\"unterminated", "[", "]", "{",
  "\"a\"\"b\"", "1 2", "--1", "1.5.2", "0.e1", "0e1", "-0.0e-0", "1e01", "00", "\"\\\"\"", "\"\\\\\"",
];

const alphabet = [..."0123456789-+.eE\"\\u{}[],: \t\nabtrufalsn/\u00e9\u2028x"];
const randomText = () => Array.from({ length: 1 + random(14) }, () => pick(alphabet)).join("");

function randomValue(depth) {
  switch (random(depth > 3 ? 4 : 6)) {
    case 0: return pick(["0", "-12", "3.25", "1e3", "-0.5E-2", "7"]);
    case 1: return pick(["true", "false", "null"]);
    case 2: return JSON.stringify(pick(["", "a", "\u00e9", "\n", "\"", "\\", "\ud83d\ude00", "/"]));
    case 3: return pick(["\"x\"", "1"]);
    case 4: return "[" + Array.from({ length: random(3) }, () => randomValue(depth + 1)).join(",") + "]";
    default: {
      const keys = ["a", "b", "c"].slice(0, random(4));
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + randomValue(depth + 1)).join(",") + "}";
    }
  }
}

function mutateOnce(text) {
  const at = random(text.length + 1);
  switch (random(3)) {
    case 0: return text.slice(0, at) + text.slice(at + 1);
    case 1: return text.slice(0, at) + pick(alphabet) + text.slice(at);
    default: return text.slice(0, at) + pick(alphabet) + text.slice(at + 1);
  }
}

const texts = new Set(curated);
while (texts.size < 1500) texts.add(randomText());
while (texts.size < 2500) texts.add(randomValue(0));
while (texts.size < 4000) texts.add(mutateOnce(randomValue(0)));

const accepted = [];
const rejected = [];
for (const text of texts) {
  try {
    JSON.parse(text);
    accepted.push(text);
  } catch (e) {
    rejected.push(text);
  }
}
const out = path.join(__dirname, "..", "resources", "vectors-grammar");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "values.json"), JSON.stringify({ accepted, rejected }, null, 1) + "\n");
console.log(`${accepted.length} accepted, ${rejected.length} rejected`);
