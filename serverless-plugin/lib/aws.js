'use strict';

/**
 * Where and as whom the bake calls Parameter Store, following the Framework's own rules so that the bake uses
 * the account the deployment goes to: the region of --region or provider.region (else us-east-1, never
 * AWS_REGION), and the credentials the Framework would pick, from the most specific source:
 *   --aws-profile, AWS_<STAGE>_PROFILE, AWS_<STAGE>_ACCESS_KEY_ID/_SECRET_ACCESS_KEY/_SESSION_TOKEN,
 *   AWS_PROFILE or AWS_ACCESS_KEY_ID in the environment, provider.profile, then the AWS default chain.
 * The endpoint follows AWS_ENDPOINT_URL_SSM or AWS_ENDPOINT_URL, which the CLI reads itself.
 *
 * Returns `{ region, stage, profile, env }`: the CLI's --region, --stage and --profile (profile may be
 * null) and the environment to run it with.
 */
function awsSettings({ serverless, options = {}, env = process.env }) {
  const service = serverless.service || {};
  const providerConfig = service.provider || {};
  const provider = typeof serverless.getProvider === 'function' ? serverless.getProvider('aws') : null;

  const stage = provider && typeof provider.getStage === 'function'
    ? provider.getStage()
    : options.stage || providerConfig.stage || 'dev';
  const region = provider && typeof provider.getRegion === 'function'
    ? provider.getRegion()
    : options.region || providerConfig.region || 'us-east-1';

  const childEnv = { ...env };
  const stagePrefix = `AWS_${String(stage).toUpperCase()}`;
  let profile = null;
  if (options['aws-profile']) {
    profile = options['aws-profile'];
  } else if (env[`${stagePrefix}_PROFILE`]) {
    profile = env[`${stagePrefix}_PROFILE`];
  } else if (env[`${stagePrefix}_ACCESS_KEY_ID`] && env[`${stagePrefix}_SECRET_ACCESS_KEY`]) {
    childEnv.AWS_ACCESS_KEY_ID = env[`${stagePrefix}_ACCESS_KEY_ID`];
    childEnv.AWS_SECRET_ACCESS_KEY = env[`${stagePrefix}_SECRET_ACCESS_KEY`];
    if (env[`${stagePrefix}_SESSION_TOKEN`]) {
      childEnv.AWS_SESSION_TOKEN = env[`${stagePrefix}_SESSION_TOKEN`];
    } else {
      delete childEnv.AWS_SESSION_TOKEN;
    }
  } else if (!env.AWS_PROFILE && !env.AWS_ACCESS_KEY_ID && providerConfig.profile) {
    profile = providerConfig.profile;
  }
  return { region, stage, profile, env: childEnv };
}

module.exports = { awsSettings };
