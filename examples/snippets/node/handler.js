"use strict";

const { getSecret } = require("./secret-baker");

module.exports.hello = async () => {
  const password = await getSecret("MY_SECRET"); // one KMS call per container, none when warm
  return { statusCode: 200, body: `MY_SECRET has ${password.length} characters` };
};
