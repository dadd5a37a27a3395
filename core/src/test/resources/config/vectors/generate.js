#!/usr/bin/env node
// Regenerates the configuration-to-file vectors: node core/src/test/resources/config/vectors/generate.js
//
// Each case holds a serverless.yml, the options it is read with, the value of custom.secretBaker as the
// Serverless Framework hands it to a plugin once it has resolved the variables, and made-up SSM answers for each
// parameter. The expected bytes are what serverless-secret-baker (index.js) writes for that value and those
// answers, by its own rules, re-stated here:
//   - a missing section is an empty list; a list item that is a string is {name: item, path: item}, any other
//     item is used as {name, path}; a map becomes {name: key, path: value} per entry in key order;
//   - for each entry in that order, one GetParameter(Name: path, WithDecryption: false), then
//     secrets[name] = {ciphertext: Parameter.Value, arn: Parameter.ARN};
//   - the file is JSON.stringify(secrets).
// Writes <case>.json (everything but the bytes) and <case>.expected.json (the exact bytes, no newline).
"use strict";

const fs = require("fs");
const path = require("path");

const ACCOUNT = "123456789012";
const REGION = "us-west-2";

function secretsConfig(section) {
  const secrets = section || [];
  if (Array.isArray(secrets)) {
    return secrets.map((item) => (typeof item === "string" ? { name: item, path: item } : item));
  }
  if (typeof secrets === "object") {
    return Object.entries(secrets).map(([name, p]) => ({ name, path: p }));
  }
  throw new Error("Secret Baker configuration contained an unexpected value.");
}

// What GetParameter answers: the stored ciphertext, and the ARN of the parameter without its selector.
function answerFor(parameter, index) {
  const name = parameter.replace(/:[^:/]*$/, "");
  const ciphertext = Buffer.from(`ciphertext ${index} of ${parameter}`, "utf8").toString("base64");
  return { Value: `AQICAH${ciphertext}`, ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name.replace(/^\//, "")}` };
}

function bake(section) {
  const entries = secretsConfig(section);
  const answers = {};
  entries.forEach(({ path: parameter }, i) => {
    if (!(parameter in answers)) answers[parameter] = answerFor(parameter, i);
  });
  const secrets = {};
  for (const { name, path: parameter } of entries) {
    const param = answers[parameter];
    secrets[name] = { ciphertext: param.Value, arn: param.ARN };
  }
  return { answers, expected: JSON.stringify(secrets) };
}

const service = (custom, provider = "provider:\n  name: aws\n  runtime: java17\n  region: us-west-2\n") =>
  `service: my-service\n\n${provider}\n${custom}`;

const cases = {
  "readme-list": {
    description: "README step 4: a list with one name",
    yaml: service("custom:\n  secretBaker:\n    - MY_SECRET\n"),
    config: ["MY_SECRET"],
  },
  "readme-map": {
    description: "README: a secret named differently from its parameter",
    yaml: service("custom:\n  secretBaker:\n    # Retrieves the latest encrypted secret at the given parameter store path\n    MY_SECRET: /path/to/ssm/secret\n"),
    config: { MY_SECRET: "/path/to/ssm/secret" },
  },
  "readme-pinned-version": {
    description: "README: a secret pinned to version 2",
    yaml: service("custom:\n  secretBaker:\n    # Retrieves the version 2 encrypted secret at the given parameter store path\n    MY_SECRET: /path/to/ssm/secret:2\n"),
    config: { MY_SECRET: "/path/to/ssm/secret:2" },
  },
  "readme-name-and-path": {
    description: "README: the explicit name and path item",
    yaml: service("custom:\n  secretBaker:\n    - name: CUSTOM_SECRET\n      path: a/custom/secret/path\n"),
    config: [{ name: "CUSTOM_SECRET", path: "a/custom/secret/path" }],
  },
  "readme-mixed": {
    description: "README: names and a name-and-path item mixed in one list",
    yaml: service("custom:\n  secretBaker:\n    - MY_SECRET\n    - MY_OTHER_SECRET\n    - name: CUSTOM_SECRET\n      path: a/custom/secret/path\n"),
    config: ["MY_SECRET", "MY_OTHER_SECRET", { name: "CUSTOM_SECRET", path: "a/custom/secret/path" }],
  },
  "example-project": {
    description: "The shape of the original's example project: functions, IAM statements and a mixed list",
    yaml: service(
      "functions:\n  hello:\n    handler: example.Handler\n\ncustom:\n  secretBaker:\n    - MY_SECRET\n    - MY_OTHER_SECRET\n    - name: CUSTOM_SECRET\n      path: /a/custom/secret/path\n",
      "provider:\n  name: aws\n  runtime: java17\n  region: us-west-2\n  iamRoleStatements:\n    - Effect: Allow\n      Action:\n        - kms:Decrypt\n      Resource:\n        - \"*\"\n"),
    config: ["MY_SECRET", "MY_OTHER_SECRET", { name: "CUSTOM_SECRET", path: "/a/custom/secret/path" }],
  },
  "label-and-arn": {
    description: "A label selector, a version selector and a parameter given by its ARN",
    yaml: service(`custom:\n  secretBaker:\n    DB: /db/password:prod\n    API: /api/key:12\n    SHARED: arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/shared/token\n`),
    config: { DB: "/db/password:prod", API: "/api/key:12", SHARED: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/shared/token` },
  },
  "numeric-names": {
    description: "Map keys that are array indices are written first, ascending, as JavaScript orders them",
    yaml: service("custom:\n  secretBaker:\n    ZED: /z\n    10: /ten\n    '2': /two\n    ALPHA: /a\n    '01': /zero-one\n"),
    config: { ZED: "/z", 10: "/ten", 2: "/two", ALPHA: "/a", "01": "/zero-one" },
  },
  "same-parameter-twice": {
    description: "Two names for one parameter: both entries carry the same ciphertext",
    yaml: service("custom:\n  secretBaker:\n    - DB\n    - name: DB_ALIAS\n      path: DB\n"),
    config: ["DB", { name: "DB_ALIAS", path: "DB" }],
  },
  "variables": {
    description: "Stage, region, self, env and param variables, resolved with --stage prod --region eu-west-1",
    options: { stage: "prod", region: "eu-west-1", params: { team: "payments" }, environment: { DB_USER: "app" } },
    yaml: "service: billing\n\nprovider:\n  name: aws\n  stage: ${opt:stage, 'dev'}\n  region: ${opt:region, 'us-east-1'}\n\n"
      + "custom:\n  prefix: /${self:service}/${sls:stage}\n  secretBaker:\n    - name: DB_PASSWORD\n      path: ${self:custom.prefix}/db/${env:DB_USER}/password\n"
      + "    - name: REGIONAL\n      path: /regional/${opt:region}/key\n    - name: TEAM_TOKEN\n      path: /teams/${param:team}/token:${opt:version, 3}\n"
      + "    - ${env:EXTRA_SECRET, 'FALLBACK_SECRET'}\n",
    config: [
      { name: "DB_PASSWORD", path: "/billing/prod/db/app/password" },
      { name: "REGIONAL", path: "/regional/eu-west-1/key" },
      { name: "TEAM_TOKEN", path: "/teams/payments/token:3" },
      "FALLBACK_SECRET",
    ],
  },
  "cloudformation-tags": {
    description: "CloudFormation short-form tags elsewhere in the file do not affect the secrets",
    yaml: service(
      "resources:\n  Resources:\n    Queue:\n      Type: AWS::SQS::Queue\n      Properties:\n        QueueName: !Sub '${AWS::StackName}-queue'\n"
      + "  Outputs:\n    QueueArn:\n      Value: !GetAtt Queue.Arn\n      Export:\n        Name: !Join ['-', [!Ref AWS::StackName, queue]]\n\n"
      + "custom:\n  secretBaker:\n    QUEUE_TOKEN: /queue/token\n"),
    config: { QUEUE_TOKEN: "/queue/token" },
  },
  "unicode-names": {
    description: "Non-ASCII names are written raw",
    yaml: service("custom:\n  secretBaker:\n    caf\u00e9: /cafe\n    \u79d8\u5bc6: /secret\n"),
    config: { "caf\u00e9": "/cafe", "\u79d8\u5bc6": "/secret" },
  },
  "no-section": {
    description: "No custom.secretBaker: the original writes an empty object",
    yaml: service("custom:\n  other: value\n"),
    config: undefined,
  },
  "empty-section": {
    description: "An empty custom.secretBaker: an empty object",
    yaml: service("custom:\n  secretBaker:\n"),
    config: null,
  },
};

const out = __dirname;
for (const [name, { description, yaml, options = {}, config }] of Object.entries(cases)) {
  const { answers, expected } = bake(config);
  const vector = { description, serverlessYml: yaml, options, config: config === undefined ? null : config, answers };
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(vector, null, 2) + "\n");
  fs.writeFileSync(path.join(out, `${name}.expected.json`), Buffer.from(expected, "utf8"));
}
console.log(`wrote ${Object.keys(cases).length} vectors to ${out}`);
