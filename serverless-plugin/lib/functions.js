'use strict';

// Per-function secrets (functions.NAME.secretBaker): which deployment packages a command builds, which functions
// each one serves, and where each package's secrets file is baked. What a package holds (the service's secrets
// plus its functions' own, a function's entry replacing the service's of the same name) is decided by the CLI
// (`bake --packages-json`), as are the entry forms; this module only describes the packages.
const fs = require('fs');
const path = require('path');

const SECRETS_FILE = 'secret-baker-secrets.json';
const STAGING_FOLDER = 'secret-baker';

// Declared without a type on purpose: the Framework validates with Ajv's coerceTypes: 'array', which would turn a
// wrong shape into a right one in the configuration itself (42 into ["42"], a lone name into a list, a number
// into a string) and warn about nothing. The CLI checks every entry and names the offending one instead.
const SECRETS_SCHEMA = {
  description: 'Secret Baker: the secrets only this function\'s package gets, in any form of custom.secretBaker '
    + '(a list of names and {name, path} items, or a map of names to /parameter/paths[:version|:label]).',
};

/** Declares functions.NAME.secretBaker in the Framework's configuration schema, so that it is not warned about. */
function defineSchema(serverless) {
  const handler = serverless && serverless.configSchemaHandler;
  if (handler && typeof handler.defineFunctionProperties === 'function') {
    handler.defineFunctionProperties('aws', { properties: { secretBaker: SECRETS_SCHEMA } });
  }
}

/** Each function's own secretBaker value, by function name, for the functions that have one. */
function ownSecrets(service) {
  const own = {};
  for (const name of service.getAllFunctions()) {
    const fn = service.getFunction(name) || {};
    if (fn.secretBaker !== undefined && fn.secretBaker !== null) own[name] = fn.secretBaker;
  }
  return own;
}

function isRemote(artifact) {
  return /^(s3|https?):\/\//i.test(String(artifact));
}

/**
 * The deployment packages of these functions, as the Framework 3 packages them: a function with its own
 * package.artifact deploys that file; one packaged individually gets a zip of its own (unless the service has
 * package.artifact and only the service says individually, then that artifact); every other function deploys
 * the service's package. Container images and functions with package.disable have none; remote artifacts are
 * left out (nothing can be added to them).
 *
 * @returns {Array<{key: string, functions: string[], kind: 'service'|'function'|'artifact', artifact: string|null}>}
 */
function deploymentPackages(service, functionNames) {
  const servicePackage = service.package || {};
  const packages = new Map();
  const add = (key, kind, artifact, name) => {
    if (!packages.has(key)) packages.set(key, { key, kind, artifact, functions: [] });
    packages.get(key).functions.push(name);
  };
  for (const name of functionNames) {
    const fn = service.getFunction(name) || {};
    const own = fn.package || {};
    if (fn.image || own.disable) continue;
    if (own.artifact) {
      if (!isRemote(own.artifact)) add(`artifact:${own.artifact}`, 'artifact', own.artifact, name);
    } else if (own.individually || (servicePackage.individually && !servicePackage.artifact)) {
      add(`function:${name}`, 'function', null, name);
    } else if (!(servicePackage.artifact && isRemote(servicePackage.artifact))) {
      add('service', 'service', servicePackage.artifact || null, name);
    }
  }
  return [...packages.values()];
}

/**
 * What to bake for a command, or null when no function has secrets of its own (then every package holds
 * custom.secretBaker alone, and one file in the service folder serves them all).
 *
 * - `{ all: true }` (`package`, `deploy`): one file per deployment package. The file in the service folder is
 *   the service package's (or, when every function is packaged on its own, the service's secrets alone); the
 *   others go to the staging folder, <package folder>/secret-baker/<first function>/.
 * - `{ only: NAME }` (`deploy function`, `invoke local`): the package NAME is deployed from, in the service folder.
 * - `{ local: true }` (serverless-offline): every function runs from the service folder, so its file holds them all.
 *
 * @returns {null|{document: object, packages: object[], warnings: string[], stagingDir: string}}
 */
function planPackages({ service, scope, serviceDir, packageDir, config }) {
  const own = ownSecrets(service);
  if (Object.keys(own).length === 0) return null;
  const all = service.getAllFunctions();
  const serviceFile = path.join(serviceDir, SECRETS_FILE);
  const stagingDir = path.join(packageDir, STAGING_FOLDER);
  const warnings = [];
  const usesSharedRole = (name) => !(service.getFunction(name) || {}).role;
  for (const name of Object.keys(own)) {
    const fn = service.getFunction(name) || {};
    if (fn.image) warnings.push(`functions.${name} is a container image, which this plugin cannot add ${SECRETS_FILE} to; functions.${name}.secretBaker is ignored.`);
  }

  let packages;
  if (scope.local) {
    packages = [{ key: 'local', kind: 'service', artifact: null, functions: all.filter((name) => !(service.getFunction(name) || {}).image), file: serviceFile }];
  } else {
    const deployed = deploymentPackages(service, all);
    if (scope.only) {
      packages = deployed.filter((p) => p.functions.includes(scope.only)).map((p) => ({ ...p, file: serviceFile }));
      if (packages.length === 0) packages = [{ key: 'service', kind: 'service', artifact: null, functions: [], file: serviceFile }];
    } else {
      packages = deployed.map((p) => ({ ...p, file: p.kind === 'service' ? serviceFile : path.join(stagingDir, p.functions[0], SECRETS_FILE) }));
      if (!packages.some((p) => p.file === serviceFile)) {
        // Individually packaged functions take the service folder's file too; with the service's secrets alone
        // in it, those without secrets of their own need no change.
        packages.unshift({ key: 'service', kind: 'service', artifact: null, functions: [], file: serviceFile });
      }
    }
    for (const p of packages) {
      const sharing = p.functions.filter((name) => own[name] !== undefined);
      if (p.functions.length > 1 && sharing.length > 0) {
        warnings.push(
          `functions ${p.functions.join(', ')} share one deployment package (package.individually is not set), so each of them ` +
            `can read the secrets of ${sharing.map((name) => `functions.${name}.secretBaker`).join(', ')}. ` +
            'Set package.individually: true to give each function only the service\'s secrets and its own.',
        );
      }
    }
  }
  const document = {
    secretBaker: config === undefined ? null : config,
    functions: own,
    // A package none of whose functions runs with the role the Framework manages need not be on that role.
    packages: packages.map((p) => ({ functions: p.functions, file: p.file, ...(p.functions.some(usesSharedRole) ? {} : { sharedRole: false }) })),
  };
  return { document, packages, warnings, stagingDir, serviceFile };
}

/** The deployed zip of an individually packaged function, as the Framework left it (or where it puts it). */
function functionZip(service, name, packageDir) {
  const fn = service.getFunction(name) || {};
  return (fn.package && fn.package.artifact) || path.join(packageDir, `${name}.zip`);
}

/**
 * What `serverless secret-baker status` checks when the packages differ (a function has secrets of its own, or
 * functions are packaged on their own), or when `only` names a function: each package that `serverless package`
 * left in the package folder, against what it should hold. Null when the service's one package is all there is.
 * With `artifact` (--artifact), that file as the package of `only`.
 *
 * @returns {null|{document: object, lookedFor: string[]}}
 */
function statusPackages({ service, config, packageDir, only, artifact }) {
  const own = ownSecrets(service);
  const document = (packages) => ({ secretBaker: config === undefined ? null : config, functions: own, packages });
  if (artifact) {
    return only ? { document: document([{ functions: [only], file: artifact }]), lookedFor: [artifact] } : null;
  }
  let packages = deploymentPackages(service, service.getAllFunctions());
  if (!only && Object.keys(own).length === 0 && packages.every((p) => p.kind === 'service')) return null;
  if (only) packages = packages.filter((p) => p.functions.includes(only));
  const files = packages.map((p) => ({ functions: p.functions, file: packagedFile(service, p, packageDir) }));
  return { document: document(files.filter((p) => fs.existsSync(p.file))), lookedFor: files.map((p) => p.file) };
}

/** Where `serverless package` leaves a package: a zip of the service or function, or the plugin's copy of an artifact. */
function packagedFile(service, pack, packageDir) {
  if (pack.artifact) return path.join(packageDir, path.basename(String(pack.artifact)));
  return path.join(packageDir, `${pack.kind === 'function' ? pack.functions[0] : service.service}.zip`);
}

module.exports = { SECRETS_SCHEMA, SECRETS_FILE, STAGING_FOLDER, defineSchema, ownSecrets, deploymentPackages, planPackages, functionZip, statusPackages };
