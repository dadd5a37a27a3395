/**
 * The secrets file, {@code secret-baker-secrets.json}: the one contract between the build side that bakes it and
 * the function code that decrypts it.
 *
 * <p>{@link dev.secretbaker.format.SecretsFile} is the whole API: build one with
 * {@link dev.secretbaker.format.SecretsFile#of}, write it with
 * {@link dev.secretbaker.format.SecretsFile#toJson} (byte for byte what the original serverless-secret-baker
 * plugin writes), read one with {@link dev.secretbaker.format.SecretsFile#read(byte[])}. The module has no
 * dependencies, so that the Lambda-side runtime stays small and starts fast.
 */
package dev.secretbaker.format;
