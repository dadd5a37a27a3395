'use strict';

/**
 * A failure worded for the person running the Framework: what went wrong and how to fix it. The plugin turns
 * it into the Framework's own error class in one place (index.js), so helpers stay independent of it.
 */
class SecretBakerError extends Error {
  constructor(message, { cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'SecretBakerError';
  }
}

module.exports = { SecretBakerError };
