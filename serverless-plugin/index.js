'use strict';

const fs = require('fs');
const path = require('path');
const { SecretBakerError } = require('./lib/errors');
const { createLog } = require('./lib/log');
const { awsSettings } = require('./lib/aws');
const { javaCommand } = require('./lib/java');
const { locateCliJar } = require('./lib/cli-jar');
const { javaOptionsFrom } = require('./lib/bake');
const { EarlyBake, bakeFast, hasUnresolvedVariable } = require('./lib/early');
const { withFastStart } = require('./lib/startup');
const { runStatus } = require('./lib/status');
const functionSecrets = require('./lib/functions');
const reuse = require('./lib/reuse');

const SECRETS_FILE = 'secret-baker-secrets.json';
const CLEANUP_OPTION = 'secret-baker-cleanup';
const KNOWN_SETTINGS = ['cliJar', 'iam'];

const cleanupOption = {
  [CLEANUP_OPTION]: {
    usage: `Remove ${SECRETS_FILE} from the service folder when the command ends (default: true; turn off with --no-${CLEANUP_OPTION})`,
    type: 'boolean',
  },
};

/**
 * Serverless Framework plugin: before the package is built (and before `invoke local` and serverless-offline
 * start), bakes the SecureString ciphertexts listed in custom.secretBaker into secret-baker-secrets.json in
 * the service folder by running the secret-baker CLI, includes the file in the package, adds it to a copy of
 * any prebuilt artifact, and removes it again afterwards unless --no-secret-baker-cleanup is given.
 */
class ServerlessSecretBaker {
  constructor(serverless, options = {}, utils = {}) {
    this.serverless = serverless;
    this.options = options || {};
    this.log = createLog(serverless, utils, this.options);
    functionSecrets.defineSchema(serverless);

    // Declared so that the Framework (v3 and later) accepts --no-secret-baker-cleanup on these commands.
    this.commands = {
      package: { options: { ...cleanupOption } },
      deploy: { options: { ...cleanupOption }, commands: { function: { options: { ...cleanupOption } } } },
      invoke: { commands: { local: { options: { ...cleanupOption } } } },
    };
    this.commands['secret-baker'] = {
      usage: 'Secret Baker commands',
      commands: {
        status: {
          usage: 'Tells for each baked secret whether Parameter Store still holds what was baked (exit code 3: bake and deploy again)',
          lifecycleEvents: ['run'],
          options: {
            artifact: {
              usage: `The package or jar holding ${SECRETS_FILE} (default: the last \`serverless package\` output)`,
              type: 'string',
            },
            function: {
              usage: 'Check only the package of this function (with --artifact: check that file as its package)',
              shortcut: 'f',
              type: 'string',
            },
            json: { usage: 'Print the states as JSON (ARNs and versions, never a value)', type: 'boolean' },
          },
        },
      },
    };
    if (usesServerlessOffline(serverless)) {
      this.commands.offline = { options: { ...cleanupOption }, commands: { start: { options: { ...cleanupOption } } } };
    }

    const bake = (artifacts) => () => this.translateErrors(() => this.packageSecrets(artifacts));
    const cleanup = () => this.translateErrors(() => this.cleanupPackageSecrets());
    const finishAndCleanup = () => this.translateErrors(async () => {
      try {
        await this.addToFunctionZips();
      } finally {
        this.cleanupPackageSecrets();
      }
    });
    this.hooks = {
      'before:package:createDeploymentArtifacts': bake({ all: true }),
      'before:deploy:function:packageFunction': bake({ only: this.options.function }),
      // serverless-offline: `sls offline` runs offline:start; `sls offline start` runs offline:start:init..end
      // and exits the process in its own offline:start:end hook, so cleanup comes before it.
      'before:offline:start': bake(null),
      'before:offline:start:init': bake(null),
      'before:invoke:local:invoke': bake(null),

      'after:package:createDeploymentArtifacts': finishAndCleanup,
      'after:deploy:function:packageFunction': cleanup,
      'after:offline:start': cleanup,
      'before:offline:start:end': cleanup,
      'after:invoke:local:invoke': cleanup,

      'secret-baker:status:run': () => this.translateErrors(() => this.status()),
    };
    this.writeText = utils && typeof utils.writeText === 'function' ? utils.writeText : (text) => process.stdout.write(`${text}\n`);
    this.earlyBake = this.startEarlyBake();
  }

  /**
   * Starts the bake now, in the background, when the command will need it and the configuration it reads is
   * already resolved (see lib/early.js); the bake hook takes its result. Anything unusual means no early
   * start: the hook then bakes, and reports any problem, as usual.
   */
  startEarlyBake() {
    if (process.env.SECRET_BAKER_EARLY === 'off' || !commandBakes(this.serverless, this.options)) return null;
    try {
      const custom = this.serverless.service.custom || {};
      const provider = this.serverless.service.provider || {};
      const settings = custom.secretBakerOptions || {};
      const inputs = [custom.secretBaker, settings, provider.region, provider.stage, provider.profile];
      if (custom.secretBaker === undefined || typeof settings !== 'object' || hasUnresolvedVariable(inputs)) return null;
      // Per-function secrets bake one file per package, at the hook that knows the packages.
      if (Object.keys(functionSecrets.ownSecrets(this.serverless.service)).length > 0) return null;
      const request = this.bakeRequest(settings);
      // When the last bake may still hold, checking it costs one call where a bake costs a JVM.
      this.reuseCheck = this.reuseCheckFor(request);
      if (this.reuseCheck) return null;
      return new EarlyBake(request);
    } catch (error) {
      return null;
    }
  }

  /**
   * A started check of whether Parameter Store still holds what the last bake of `request` baked
   * (lib/reuse.js): `{ digest, outcome }`, or null when there is no such bake to check.
   */
  reuseCheckFor(request) {
    try {
      const record = reuse.lastBake(request);
      const getParameters = record && reuse.frameworkParameterStore(this.serverless, request);
      if (!getParameters) return null;
      return {
        digest: record.request,
        outcome: reuse.stillCurrent(record, getParameters).then((check) => ({ ...check, record })),
      };
    } catch (error) {
      return null;
    }
  }

  /** The last bake's result with its files written again, when Parameter Store still holds what it baked; else null. */
  async reuseLastBake(request) {
    const started = this.reuseCheck;
    this.reuseCheck = null;
    const check = started && started.digest === reuse.requestDigest(request) ? started : this.reuseCheckFor(request);
    if (!check) return null;
    const { current, calls, record } = await check.outcome;
    if (!current) {
      this.log.verbose('Secret Baker: Parameter Store no longer holds what the last bake baked; baking again');
      return null;
    }
    try {
      return { ...reuse.restore(record), reusedWithCalls: calls };
    } catch (error) {
      this.log.verbose(`Secret Baker: cannot write the last bake's files again (${error.message}); baking again`);
      return null;
    }
  }

  /** What the bake runs: the CLI, the Java, the resolved configuration and the AWS settings. */
  bakeRequest(settings) {
    const serviceDir = this.serviceDir();
    const custom = this.serverless.service.custom || {};
    const cli = locateCliJar({ configured: settings.cliJar, serviceDir });
    const aws = awsSettings({ serverless: this.serverless, options: this.options });
    return {
      cli,
      javaCommand: javaCommand(),
      // By its real path: a class-data archive is valid only for the class path it was recorded with, and a
      // linked node_modules folder would give the same jar another path in every service.
      jar: fs.realpathSync(cli.jar),
      config: custom.secretBaker === undefined ? null : custom.secretBaker,
      output: path.join(serviceDir, SECRETS_FILE),
      region: aws.region,
      stage: aws.stage,
      profile: aws.profile,
      env: aws.env,
      userOptions: javaOptionsFrom(),
    };
  }

  /** The one place where this plugin's failures become the Framework's error type. */
  async translateErrors(action) {
    try {
      return await action();
    } catch (error) {
      if (error instanceof SecretBakerError) {
        const FrameworkError = (this.serverless.classes && this.serverless.classes.Error) || Error;
        throw new FrameworkError(error.message);
      }
      throw error;
    }
  }

  serviceDir() {
    return this.serverless.serviceDir || (this.serverless.config && this.serverless.config.servicePath) || process.cwd();
  }

  settings() {
    const custom = this.serverless.service.custom || {};
    const settings = custom.secretBakerOptions;
    if (settings === undefined || settings === null) return {};
    if (typeof settings !== 'object' || Array.isArray(settings)) {
      throw new SecretBakerError(
        `custom.secretBakerOptions must be a map (for example cliJar: path/to/secret-baker.jar), but it is ${JSON.stringify(settings)}.`,
      );
    }
    for (const key of Object.keys(settings)) {
      if (!KNOWN_SETTINGS.includes(key)) {
        this.log.warning(`custom.secretBakerOptions.${key} is not a Secret Baker setting and is ignored (known: ${KNOWN_SETTINGS.join(', ')}).`);
      }
    }
    return settings;
  }

  /**
   * Bakes the file into the service folder, includes it in the package and, when `artifacts` says so, in
   * copies of the prebuilt artifacts: `{ all: true }` for every function, `{ only: name }` for one. When a
   * function has secrets of its own, each deployment package gets its own file (see lib/functions.js).
   */
  async packageSecrets(artifacts) {
    const settings = this.settings();
    const plan = functionSecrets.planPackages({
      service: this.serverless.service,
      scope: bakeScope(artifacts, this.options),
      serviceDir: this.serviceDir(),
      packageDir: this.packageDir(),
      config: (this.serverless.service.custom || {}).secretBaker,
    });
    this.functionPackages = plan;
    const request = { ...this.bakeRequest(settings), packages: plan ? plan.document : undefined };
    const { output } = request;
    this.log.verbose(`Secret Baker: running ${request.cli.jar} (from ${request.cli.source}) with java from ${request.javaCommand.source}`);
    const progress = this.log.progress(`Baking SSM SecureString ciphertexts into ${SECRETS_FILE}`);
    let result;
    try {
      const early = this.earlyBake;
      this.earlyBake = null;
      result = await this.reuseLastBake(request);
      if (result) {
        if (early) early.cancel();
      } else {
        // An early bake was started without packages, so it stands in only when there are none (see lib/early.js).
        result = (early && (await early.take(request))) || (await bakeFast(request));
        reuse.remember(request, result);
      }
    } finally {
      progress.remove();
    }
    this.rememberBakedFile(output);
    if (plan) {
      this.rememberBakedFile(plan.stagingDir);
      plan.warnings.forEach((warning) => this.log.warning(`Secret Baker: ${warning}`));
    }
    this.report(result, request.region);
    this.includeInPackage();
    const summary = result.summary || {};
    const statements = summary.policyStatements;
    const bakedFor = plan ? bakedFileFor(plan, summary, output) : () => ({ file: output, policyStatements: statements });
    if (artifacts) {
      await this.addToArtifacts(artifacts, (name) => bakedFor(name).file);
    }
    if (artifacts && artifacts.all) {
      this.grantDecrypt(statements, settings, (name) => bakedFor(name).policyStatements, plan ? summary.sharedRolePolicyStatements : statements);
    }
  }

  /**
   * After the Framework zipped the functions packaged individually: each zip took the service folder's file, so
   * those whose package holds other secrets get theirs instead, written into the zip before its hash is taken.
   */
  async addToFunctionZips() {
    const plan = this.functionPackages;
    this.functionPackages = null;
    if (!plan) return;
    const service = this.serverless.service;
    const shared = fs.existsSync(plan.serviceFile) ? await fs.promises.readFile(plan.serviceFile) : null;
    for (const pack of plan.packages) {
      if (pack.kind !== 'function' || !fs.existsSync(pack.file)) continue;
      const content = await fs.promises.readFile(pack.file);
      if (shared && content.equals(shared)) continue;
      const zip = functionSecrets.functionZip(service, pack.functions[0], this.packageDir());
      try {
        await require('./lib/artifact').copyWithEntry(zip, zip, SECRETS_FILE, content);
      } catch (error) {
        throw new SecretBakerError(`Cannot add ${SECRETS_FILE} to ${zip} (functions.${pack.functions[0]}): ${error.message}`, { cause: error });
      }
      this.log.verbose(`Secret Baker: put the secrets of functions.${pack.functions[0]} into ${path.relative(this.serviceDir(), zip) || zip}`);
    }
  }

  packageDir() {
    const service = this.serverless.service;
    return path.resolve(this.serviceDir(), this.options.package || (service.package && service.package.path) || '.serverless');
  }

  /**
   * Adds the least-privilege kms:Decrypt statements the CLI wrote for what was baked to the role the Framework
   * creates for the functions, and prints them for functions (or a provider) with a role of their own, which
   * this plugin does not change. custom.secretBakerOptions.iam: false turns this off. `statementsFor(name)` is
   * what function `name` needs, `roleStatements` what the functions that run with the managed role need.
   */
  grantDecrypt(statements, settings, statementsFor = () => statements, roleStatements = statements) {
    if (!Array.isArray(statements) || statements.length === 0) return;
    if (settings.iam !== undefined && typeof settings.iam !== 'boolean') {
      throw new SecretBakerError(`custom.secretBakerOptions.iam must be true or false, but it is ${JSON.stringify(settings.iam)}.`);
    }
    const text = JSON.stringify(statements, null, 2);
    if (settings.iam === false) {
      this.log.notice(`Secret Baker: custom.secretBakerOptions.iam is false, so no IAM statement was added; the functions' roles need:\n${text}`);
      return;
    }
    const service = this.serverless.service;
    const provider = typeof this.serverless.getProvider === 'function' ? this.serverless.getProvider('aws') : null;
    const roleId = provider && provider.naming ? provider.naming.getRoleLogicalId() : 'IamRoleLambdaExecution';
    const template = service.provider && service.provider.compiledCloudFormationTemplate;
    const role = template && template.Resources && template.Resources[roleId];
    const ownRoles = service.getAllFunctions().filter((name) => (service.getFunction(name) || {}).role);
    if (role && Array.isArray(roleStatements) && roleStatements.length > 0) {
      role.Properties.Policies[0].PolicyDocument.Statement.push(...roleStatements);
      const arns = roleStatements.reduce((n, s) => n + s.Condition.StringEquals['kms:EncryptionContext:PARAMETER_ARN'].length, 0);
      this.log.notice(`Secret Baker: allowed ${roleId} kms:Decrypt of the ${arns} baked ${arns === 1 ? 'parameter' : 'parameters'} only (their keys, their PARAMETER_ARN encryption context)`);
    }
    const outside = role ? ownRoles : service.getAllFunctions();
    // Each function needs the statements of its own package; functions needing the same are named together.
    const byStatements = new Map();
    for (const name of outside) {
      const own = statementsFor(name);
      if (!Array.isArray(own) || own.length === 0) continue;
      const ownText = JSON.stringify(own, null, 2);
      if (!byStatements.has(ownText)) byStatements.set(ownText, []);
      byStatements.get(ownText).push(name);
    }
    for (const [ownText, names] of byStatements) {
      this.log.warning(
        `Secret Baker: ${names.map((name) => `functions.${name}`).join(', ')} ${names.length === 1 ? 'uses a role' : 'use roles'} ` +
          `that this plugin does not manage; add these statements to ${names.length === 1 ? 'it' : 'them'} so that the baked secrets can be decrypted:\n${ownText}`,
      );
    }
  }

  report({ summary, notes, reusedWithCalls }, region) {
    for (const note of notes) {
      if (note.trim() === '' || note.startsWith('Picked up ')) continue;
      this.log.warning(`Secret Baker: ${note}`);
    }
    const secrets = summary && Array.isArray(summary.secrets) ? summary.secrets : [];
    const count = `${secrets.length} ${secrets.length === 1 ? 'secret' : 'secrets'}`;
    const packages = summary && Array.isArray(summary.packages) ? summary.packages : [];
    const perPackage = packages.length > 1 ? ` of ${packages.length} packages (${packages.map(describePackage).join('; ')})` : '';
    // With no secrets there is nothing to check: the record only spares starting a JVM to write {}.
    if (reusedWithCalls === undefined || secrets.length === 0) {
      this.log.notice(`Secret Baker: baked ${count} from Parameter Store (${region}) into ${SECRETS_FILE}${perPackage}; nothing was decrypted`);
    } else {
      const calls = `${reusedWithCalls} GetParameters ${reusedWithCalls === 1 ? 'call' : 'calls'}`;
      this.log.notice(
        `Secret Baker: Parameter Store (${region}) still holds the ${count} of the last bake (same versions and ciphertexts, ` +
          `checked with ${calls}), so ${SECRETS_FILE}${perPackage} was written from it; nothing was decrypted`,
      );
    }
    for (const secret of secrets) {
      const version = secret.version === undefined ? '' : ` version ${secret.version}${secret.latestVersion === false ? ' (pinned)' : ''}`;
      const key = secret.keyId ? `, key ${secret.keyId}` : '';
      this.log.verbose(`  ${secret.name} <- ${secret.parameter}${version}${key}`);
    }
  }

  includeInPackage() {
    const service = this.serverless.service;
    service.package = service.package || {};
    // package.patterns arrived in Framework 2.32; older releases only know package.include.
    const key = knowsPatterns(this.serverless.version) ? 'patterns' : 'include';
    service.package[key] = service.package[key] || [];
    if (!service.package[key].includes(SECRETS_FILE)) {
      // Patterns listed last win, so this includes the file even when earlier patterns exclude *.json.
      service.package[key].push(SECRETS_FILE);
    }
  }

  /**
   * A prebuilt artifact (package.artifact of the service or a function) is not built from the service folder,
   * so the file is added to a copy of it in the package folder, and the deployment points at the copy.
   */
  async addToArtifacts(artifacts, secretsFileFor) {
    const service = this.serverless.service;
    const serviceDir = this.serviceDir();
    const holders = [];
    const functionNames = artifacts.only ? [artifacts.only] : service.getAllFunctions();
    // As the Framework decides: a function without an artifact of its own deploys the service's artifact
    // unless it is packaged individually.
    let serviceArtifactUsed = false;
    for (const name of functionNames) {
      const fn = service.getFunction(name);
      if (!fn || fn.image) continue;
      if (fn.package && fn.package.artifact) {
        holders.push({ holder: fn.package, label: `functions.${name}.package.artifact`, secretsFile: secretsFileFor(name) });
      } else if (!(fn.package && fn.package.individually)) {
        serviceArtifactUsed = true;
      }
    }
    if (serviceArtifactUsed && service.package && service.package.artifact) {
      holders.push({ holder: service.package, label: 'package.artifact', secretsFile: secretsFileFor(null) });
    }
    if (holders.length === 0) return;

    const packageDir = this.packageDir();
    await fs.promises.mkdir(packageDir, { recursive: true });
    const copies = new Map(); // source and secrets file -> copy
    const usedNames = new Set();
    for (const { holder, label, secretsFile } of holders) {
      const artifact = holder.artifact;
      if (/^(s3|https?):\/\//i.test(String(artifact))) {
        this.log.warning(
          `Secret Baker: ${label} is a remote artifact (${artifact}); ${SECRETS_FILE} cannot be added to it. ` +
            'Build the artifact locally, or add the file to it when you build it (for example with the secret-baker Maven plugin).',
        );
        continue;
      }
      const source = path.resolve(serviceDir, String(artifact));
      const key = `${source}\0${secretsFile}`;
      if (!copies.has(key)) {
        if (!fs.existsSync(source)) {
          throw new SecretBakerError(`Cannot add ${SECRETS_FILE} to ${label}: there is no file at ${source}. Build the artifact first or fix the path.`);
        }
        const copy = copyPath(packageDir, source, usedNames);
        try {
          // Loaded here, not with the plugin: the zip libraries are needed only for prebuilt artifacts.
          await require('./lib/artifact').copyWithEntry(source, copy, SECRETS_FILE, await fs.promises.readFile(secretsFile));
        } catch (error) {
          throw new SecretBakerError(`Cannot add ${SECRETS_FILE} to a copy of ${source} (${label}): ${error.message}`, { cause: error });
        }
        copies.set(key, copy);
        this.log.notice(
          `Secret Baker: added ${SECRETS_FILE} to ${path.relative(serviceDir, copy) || copy}, a copy of ${path.relative(serviceDir, source) || source}, which stays unchanged`,
        );
      }
      holder.artifact = copies.get(key);
    }
  }

  /**
   * `serverless secret-baker status`: runs the CLI's status on the packaged artifact with the resolved
   * custom.secretBaker, prints what it printed, and exits with its code (3: bake and deploy again).
   */
  async status() {
    const custom = this.serverless.service.custom || {};
    const config = custom.secretBaker === undefined ? null : custom.secretBaker;
    const cli = locateCliJar({ configured: this.settings().cliJar, serviceDir: this.serviceDir() });
    const aws = awsSettings({ serverless: this.serverless, options: this.options });
    // Packages that differ (per-function secrets, individual packaging) are each checked against their own secrets.
    const packages = functionSecrets.statusPackages({
      service: this.serverless.service,
      config,
      packageDir: this.packageDir(),
      only: this.options.function,
      artifact: this.options.artifact && path.resolve(this.serviceDir(), String(this.options.artifact)),
    });
    if (packages && packages.document.packages.length === 0) {
      throw new SecretBakerError(
        `No packaged artifact to check (looked for ${packages.lookedFor.join(', ') || `a package of functions.${this.options.function}`}). ` +
          'Run `serverless package` first, or point --artifact at the deployed package or jar.',
      );
    }
    const java = javaCommand();
    const jar = fs.realpathSync(cli.jar);
    const file = packages ? undefined : this.packagedArtifact();
    const { code, lines } = await withFastStart({ jar, javaCommand: java, userOptions: javaOptionsFrom() }, (javaOptions) => runStatus({
      javaCommand: java,
      jar,
      file,
      packages: packages ? packages.document : undefined,
      config,
      region: aws.region,
      stage: aws.stage,
      profile: aws.profile,
      env: aws.env,
      json: this.options.json === true,
      javaOptions,
    }));
    this.writeText(lines.join('\n'));
    process.exitCode = code;
  }

  /** --artifact, else what `serverless package` left: the copy of package.artifact, or the service's zip. */
  packagedArtifact() {
    const serviceDir = this.serviceDir();
    if (this.options.artifact) return path.resolve(serviceDir, String(this.options.artifact));
    const service = this.serverless.service;
    const packageDir = path.resolve(serviceDir, this.options.package || (service.package && service.package.path) || '.serverless');
    const candidates = [];
    if (service.package && service.package.artifact && !/^(s3|https?):\/\//i.test(String(service.package.artifact))) {
      candidates.push(path.join(packageDir, path.basename(String(service.package.artifact))));
    }
    const name = typeof service.service === 'string' ? service.service : service.serviceObject && service.serviceObject.name;
    if (name) candidates.push(path.join(packageDir, `${name}.zip`));
    const found = candidates.find((file) => fs.existsSync(file));
    if (!found) {
      throw new SecretBakerError(
        `No packaged artifact to check (looked for ${candidates.join(', ') || 'the service package'}). ` +
          'Run `serverless package` first, or point --artifact at the deployed package or jar.',
      );
    }
    return found;
  }

  rememberBakedFile(file) {
    if (this.options[CLEANUP_OPTION] !== false) {
      // If a later step of the command fails, the after-hooks never run; the file still must not linger.
      removeOnExit(file);
    }
  }

  cleanupPackageSecrets() {
    const file = path.join(this.serviceDir(), SECRETS_FILE);
    const staging = path.join(this.packageDir(), functionSecrets.STAGING_FOLDER);
    if (this.options[CLEANUP_OPTION] === false) {
      const more = fs.existsSync(staging) ? `, and each function's in ${path.relative(this.serviceDir(), staging) || staging}` : '';
      this.log.notice(`Secret Baker: kept ${SECRETS_FILE} (--no-${CLEANUP_OPTION})${more}`);
      return;
    }
    if (fs.existsSync(file)) {
      fs.unlinkSync(file);
      this.log.verbose(`Secret Baker: removed ${SECRETS_FILE} from the service folder`);
    }
    if (filesToRemoveOnExit.has(staging)) fs.rmSync(staging, { recursive: true, force: true });
    filesToRemoveOnExit.delete(file);
    filesToRemoveOnExit.delete(staging);
  }
}

const filesToRemoveOnExit = new Set();
let exitHandlerInstalled = false;

function removeOnExit(file) {
  filesToRemoveOnExit.add(file);
  if (!exitHandlerInstalled) {
    process.once('exit', removeFilesLeftBehind);
    exitHandlerInstalled = true;
  }
}

function removeFilesLeftBehind() {
  for (const file of filesToRemoveOnExit) {
    // A file, or the folder of the functions' files.
    fs.rmSync(file, { recursive: true, force: true });
  }
  filesToRemoveOnExit.clear();
}

/** A file name in the package folder for the copy of `source`: its own name unless that is taken. */
function copyPath(packageDir, source, usedNames) {
  const extension = path.extname(source);
  const stem = path.basename(source, extension);
  let name = `${stem}${extension}`;
  for (let n = 2; usedNames.has(name) || path.join(packageDir, name) === source; n++) {
    name = `${stem}-${n}${extension}`;
  }
  usedNames.add(name);
  return path.join(packageDir, name);
}

/** `api: 2 secrets`, or `the service's: 1 secret` for the service folder's file without functions. */
function describePackage(pack) {
  const n = Array.isArray(pack.secrets) ? pack.secrets.length : 0;
  const who = Array.isArray(pack.functions) && pack.functions.length ? pack.functions.join(', ') : 'the service\'s';
  return `${who}: ${n} ${n === 1 ? 'secret' : 'secrets'}`;
}

/** Which packages a bake is for: see functions.planPackages. */
function bakeScope(artifacts, options) {
  if (artifacts) return artifacts.all ? { all: true } : { only: artifacts.only };
  return options.function ? { only: options.function } : { local: true };
}

/**
 * For a function (null: the service's package), the file baked for its package and that package's policy
 * statements, from the plan and the CLI's summary (one entry per package, in the plan's order).
 */
function bakedFileFor(plan, summary, serviceFile) {
  const baked = (summary && Array.isArray(summary.packages) ? summary.packages : []);
  return (name) => {
    const index = plan.packages.findIndex((p) => (name === null ? p.file === serviceFile : p.functions.includes(name)));
    if (index < 0) return { file: serviceFile, policyStatements: [] };
    return { file: plan.packages[index].file, policyStatements: (baked[index] || {}).policyStatements || [] };
  };
}

function knowsPatterns(version) {
  const match = /^(\d+)\.(\d+)\./.exec(String(version || ''));
  if (!match) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 2 || (major === 2 && minor >= 32);
}

/** Whether the command runs one of the bake hooks above (`deploy --package DIR` deploys without packaging). */
function commandBakes(serverless, options) {
  const commands = serverless && serverless.processedInput && serverless.processedInput.commands;
  if (!Array.isArray(commands)) return false;
  switch (commands.join(' ')) {
    case 'package':
    case 'deploy function':
    case 'invoke local':
      return true;
    case 'deploy':
      return !options.package;
    case 'offline':
    case 'offline start':
      return usesServerlessOffline(serverless);
    default:
      return false;
  }
}

function usesServerlessOffline(serverless) {
  const service = (serverless && serverless.service) || {};
  let plugins = service.plugins;
  if (plugins && !Array.isArray(plugins) && Array.isArray(plugins.modules)) plugins = plugins.modules;
  if (!Array.isArray(plugins)) return false;
  return plugins.some((name) => typeof name === 'string' && /(^|[\\/])serverless-offline$/.test(name));
}

module.exports = ServerlessSecretBaker;
module.exports.SECRETS_FILE = SECRETS_FILE;
// for tests: what the exit handler would remove, and the handler itself
module.exports.filesToRemoveOnExit = filesToRemoveOnExit;
module.exports.removeFilesLeftBehind = removeFilesLeftBehind;
