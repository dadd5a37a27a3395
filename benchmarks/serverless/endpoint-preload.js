'use strict';

// Loaded into every `serverless` process of the benchmark (NODE_OPTIONS=--require): when the Framework first
// loads the AWS SDK for JavaScript v2, through which the original plugin calls Parameter Store, point it at the
// emulator. The SDK v2 has no AWS_ENDPOINT_URL of its own.
const Module = require('module');

const load = Module._load;
Module._load = function loadWithEndpoint(request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  if (request === 'aws-sdk' && loaded && loaded.config && !loaded.__secretBakerBenchmarkEndpoint) {
    loaded.config.update({ endpoint: process.env.AWS_ENDPOINT_URL });
    loaded.__secretBakerBenchmarkEndpoint = true;
  }
  return loaded;
};
