/**
 * The bake: {@link dev.secretbaker.core.Baker} reads SecureString ciphertexts from Parameter Store without
 * decrypting them, checks them, and writes {@code secret-baker-secrets.json}.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Calls.</b> Identical references are read once. {@code GetParameters} takes 10 names (its limit) with
 *       {@code WithDecryption=false}; then {@code DescribeParameters} takes up to 50 names per call (the limit of a
 *       {@code ParameterFilters} {@code Name}/{@code Equals} filter's values and of {@code MaxResults}) for each
 *       parameter's type, key and tier. For N distinct references that is {@code ceil(N/10) + ceil(N/50)} calls, within
 *       {@code 2 * ceil(N/10)}; more only if Parameter Store pages a description (its results are best effort) or
 *       a batch holds a malformed reference and is asked again one reference at a time to name the culprit.</li>
 *   <li><b>Pace.</b> At most 4 calls at once; {@code GetParameters} at most 20 per second after a burst of 10 (half
 *       of Parameter Store's default 40 per second, which every reader in the account and region shares), and
 *       {@code DescribeParameters}, which has its own quota, 5 per second. The SDK retries throttling, 5xx answers
 *       and I/O failures (standard strategy, 8 attempts, full-jitter exponential backoff, no circuit breaker).</li>
 *   <li><b>Checks.</b> The type is the one {@code GetParameters} reports for the selected version: anything but
 *       {@code SecureString} is refused, and its value (a plaintext) is never copied out of the SDK response. The
 *       key is the one {@code DescribeParameters} reports, which is the latest version's: {@code alias/aws/ssm} (or
 *       its alias ARN) is refused, since only Parameter Store itself can decrypt with it. A parameter whose key was
 *       given by the AWS managed key's id or ARN rather than its alias is not recognised (that would need
 *       {@code kms:DescribeKey}, which the baking identity should not need). A pinned older version is checked
 *       against the latest version's key. A parameter read by ARN that Parameter Store does not describe to this
 *       account (shared from another account) is baked with its key unknown. Missing parameters, versions and
 *       labels are refused, told apart where the parameter itself exists.</li>
 *   <li><b>One error.</b> Every problem of a run is collected into one {@link dev.secretbaker.core.BakeException}
 *       of {@link dev.secretbaker.core.BakeProblem}s, each with what is wrong and what to do; no value ever.</li>
 *   <li><b>Output.</b> Written only when every secret passed, atomically (temporary file in the same folder,
 *       flushed to disk, renamed over the target, folder synced), mode {@code rw-r--r--} so that the function's
 *       user can read it. Missing parent folders are created; a folder as output is refused; an older file is
 *       left as it was on any failure. {@link dev.secretbaker.core.SecretsFileOutput#delete} removes only a file
 *       that parses as a secrets file.</li>
 *   <li><b>Client.</b> {@link dev.secretbaker.core.SsmOptions} builds an {@code SsmClient} on the JDK's URL
 *       connection HTTP client; unset options follow the SDK's default chains for region, credentials and
 *       endpoint ({@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL}, profiles).</li>
 * </ul>
 */
package dev.secretbaker.core;
