'use strict';

const PREFIX = 'Secret Baker';

/**
 * One logging interface over the Framework's two: the v3+ plugin utilities (`log`, `progress`) when the
 * Framework passes them, else `serverless.cli.log` (v2 and older), where verbose lines show only with
 * --verbose.
 */
function createLog(serverless, utils = {}, options = {}) {
  if (utils && utils.log) {
    const { log } = utils;
    return {
      notice: (message) => log.notice(message),
      info: (message) => log.info(message),
      verbose: (message) => (log.verbose ? log.verbose(message) : log.info(message)),
      warning: (message) => log.warning(message),
      progress: (message) => {
        if (!utils.progress || typeof utils.progress.create !== 'function') return { remove() {} };
        const progress = utils.progress.create({ message });
        return { remove: () => progress.remove() };
      },
    };
  }
  const cliLog = (message) => {
    if (serverless && serverless.cli && typeof serverless.cli.log === 'function') {
      serverless.cli.log(message, PREFIX);
    }
  };
  return {
    notice: cliLog,
    info: cliLog,
    verbose: (message) => {
      if (options.verbose) cliLog(message);
    },
    warning: (message) => cliLog(`Warning: ${message}`),
    progress: () => ({ remove() {} }),
  };
}

module.exports = { createLog };
