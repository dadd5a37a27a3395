package dev.secretbaker.core;

import dev.secretbaker.core.config.PackageSecrets;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.internal.CallFailure;
import dev.secretbaker.core.internal.CallTarget;
import dev.secretbaker.core.internal.FetchedParameter;
import dev.secretbaker.core.internal.KmsKeyClassifier;
import dev.secretbaker.core.internal.ParameterMetadata;
import dev.secretbaker.core.internal.ParameterHistoryReader;
import dev.secretbaker.core.internal.ParameterReference;
import dev.secretbaker.core.internal.ParameterStoreReader;
import dev.secretbaker.core.internal.Problems;
import dev.secretbaker.core.internal.RateLimiter;
import dev.secretbaker.core.internal.SsmClients;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The bake: reads each configured parameter's ciphertext from Parameter Store without decrypting it, checks
 * that a function will be able to decrypt it, and writes the secrets file.
 *
 * <pre>
 * try (Baker baker = Baker.create(SsmOptions.builder().region("eu-west-1").build())) {
 *     BakeResult result = baker.bake(requests, Path.of("secret-baker-secrets.json"));
 * }
 * </pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>Only {@code GetParameters} with {@code WithDecryption=false}, {@code DescribeParameters} and, where needed
 *       (below), {@code GetParameterHistory} and KMS {@code DescribeKey}; never {@code Decrypt}.
 *       A plaintext value (of a parameter that is not a SecureString) is never copied out of the SDK response.</li>
 *   <li>Identical references are read once; at most {@code ceil(N/10)} {@code GetParameters} calls and
 *       {@code ceil(N/50)} {@code DescribeParameters} calls for N distinct references (more only if Parameter
 *       Store pages a description, or a batch holds a reference it rejects and is asked again one by one).</li>
 *   <li>Refused, all in one {@link BakeException}: a parameter that is not a SecureString, one encrypted with the
 *       AWS managed key {@code alias/aws/ssm}, a missing parameter, version or label, and any call that still
 *       fails after the SDK's retries.</li>
 *   <li>All-or-nothing: the file is written atomically and only when every secret passed; on failure an older
 *       file is left as it was.</li>
 * </ul>
 *
 * <p>The key reported and checked is the baked version's own: {@code DescribeParameters} describes the latest
 * version, so a secret pinned to an older version (or a parameter named by ARN) has its key read from
 * {@code GetParameterHistory}, one call per such parameter. An AWS managed key is recognised however it is named:
 * by an {@code alias/aws/...} alias at no cost, and by key id or key ARN through one KMS {@code DescribeKey} per
 * distinct key (a customer's alias is known to be customer managed without a call).
 *
 * <p>A Baker can run any number of bakes, one at a time or concurrently; close it to release the SSM client it
 * created (a client passed in with {@link Builder#ssmClient} is left open).
 */
public final class Baker implements AutoCloseable {

    /** Parallel calls at most. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    /**
     * Calls per second at most: half of Parameter Store's default throughput (about 40 per second, shared by
     * every reader in the account and region), so that functions reading it at the same time are not throttled.
     */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 20;
    /** Calls that may start at once before the rate applies: one bake of up to 100 secrets is not slowed. */
    public static final int DEFAULT_BURST = 10;
    /**
     * DescribeParameters has a throughput quota of its own, lower than GetParameters'; one call describes 50
     * parameters, so a bake needs few.
     */
    static final double DESCRIBE_REQUESTS_PER_SECOND = 5;
    static final int DESCRIBE_BURST = 5;

    // Built on first use from options, so that a bake of no secrets needs no region or credentials.
    private SsmClient ssm;
    private final SsmOptions options;
    /** Created on first use: only a key named by id or key ARN needs DescribeKey. */
    private final Supplier<KmsClient> kms;
    private KmsClient ownKms;
    private final boolean ownsClient;
    private final int maxAttempts;
    private final int maxConcurrency;
    private final RateLimiter getLimiter;
    private final RateLimiter describeLimiter;

    private Baker(Builder builder) {
        if (builder.ssmClient != null) {
            this.ssm = builder.ssmClient;
            this.options = null;
            this.ownsClient = false;
            this.maxAttempts = 0;
            this.kms = builder.kmsClient != null ? () -> builder.kmsClient : ownedKms(() -> SsmClients.kmsLike(ssm()));
        } else {
            SsmOptions options = builder.options == null ? SsmOptions.defaults() : builder.options;
            this.options = options;
            this.ownsClient = true;
            this.maxAttempts = options.maxAttempts();
            this.kms = builder.kmsClient != null ? () -> builder.kmsClient : ownedKms(() -> SsmClients.createKms(options, ssm()));
        }
        this.maxConcurrency = builder.maxConcurrency;
        this.getLimiter = new RateLimiter(builder.requestsPerSecond, builder.burst);
        this.describeLimiter = new RateLimiter(DESCRIBE_REQUESTS_PER_SECOND, DESCRIBE_BURST);
    }

    /**
     * A Baker with its own SSM client built from these options when the first secret is read; {@link #bake} and
     * {@link #verify} throw a {@link BakeException} if no region is set anywhere (and there are secrets to read).
     *
     * @param options how to build the SSM client
     * @return the Baker; close it to close the client
     */
    public static Baker create(SsmOptions options) {
        return builder().ssmOptions(options).build();
    }

    /** {@return a builder for a Baker with its own pace, concurrency or SSM client} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything {@link #bake} checks, without writing anything.
     *
     * @param requests the configured secrets
     * @return what each secret resolved to
     * @throws BakeException listing every problem found
     */
    public BakeResult verify(List<SecretRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        long start = System.nanoTime();
        return run(requests, start);
    }

    /**
     * Reads, checks and writes the secrets file atomically to {@code output} (parent folders are created; a
     * folder as output is refused).
     *
     * @param requests the configured secrets
     * @param output   the secrets file to write
     * @return what each secret resolved to, and where the file was written
     * @throws BakeException listing every problem found; nothing was written and an older file is unchanged
     */
    public BakeResult bake(List<SecretRequest> requests, Path output) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(output, "output");
        long start = System.nanoTime();
        BakeResult verified = run(requests, start);
        Path written = write(output, verified.secretsFile());
        return verified.writtenTo(written, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Bakes one secrets file per deployment package from one read of Parameter Store: a parameter that several
     * packages hold is read once. Every package is checked before any file is written; each file is then
     * written atomically to the package's {@link PackageSecrets#file() file}.
     *
     * @param packages what each package holds and where its file goes
     * @return one result per package, in the same order; each reports the calls of the whole bake
     * @throws BakeException listing every problem found in any package; then nothing was written
     */
    public List<BakeResult> bakePackages(List<PackageSecrets> packages) {
        Objects.requireNonNull(packages, "packages");
        long start = System.nanoTime();
        List<BakeProblem> problems = new ArrayList<>();
        Map<List<String>, SecretRequest> union = new LinkedHashMap<>();
        for (PackageSecrets pack : packages) {
            checkNames(pack.secrets(), problems);
            for (SecretRequest request : pack.secrets()) {
                union.putIfAbsent(List.of(request.name(), request.parameter()), request);
            }
        }
        Read all = read(List.copyOf(union.values()), problems);
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        if (all.parameters().size() != union.size()) {
            throw new IllegalStateException("a bake without problems skipped a secret");
        }
        Map<List<String>, Integer> index = new HashMap<>();
        for (List<String> key : union.keySet()) {
            index.put(key, index.size());
        }
        List<BakeResult> results = new ArrayList<>();
        for (PackageSecrets pack : packages) {
            List<BakedParameter> parameters = new ArrayList<>();
            List<BakedSecret> secrets = new ArrayList<>();
            for (SecretRequest request : pack.secrets()) {
                int i = index.get(List.of(request.name(), request.parameter()));
                parameters.add(all.parameters().get(i));
                secrets.add(all.secrets().get(i));
            }
            results.add(new BakeResult(parameters, SecretsFile.of(secrets), all.calls(), duration, null));
        }
        List<BakeResult> written = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            Path output = write(Path.of(packages.get(i).file()), results.get(i).secretsFile());
            written.add(results.get(i).writtenTo(output, Duration.ofNanos(System.nanoTime() - start)));
        }
        return written;
    }

    private static Path write(Path output, SecretsFile content) {
        try {
            return SecretsFileOutput.write(output, content);
        } catch (OutputFileException e) {
            throw new BakeException(List.of(BakeProblem.ofRun(e.getMessage(),
                    "Choose an output file in a folder this user can write to.")), e);
        }
    }

    private BakeResult run(List<SecretRequest> requests, long start) {
        List<BakeProblem> problems = new ArrayList<>();
        checkNames(requests, problems);
        Read read = read(requests, problems);
        return new BakeResult(read.parameters(), SecretsFile.of(read.secrets()), read.calls(),
                Duration.ofNanos(System.nanoTime() - start), null);
    }

    /** What was read for each request, in order, and the calls it took. */
    private record Read(List<BakedParameter> parameters, List<BakedSecret> secrets, ApiCalls calls) {
    }

    private static void checkNames(List<SecretRequest> requests, List<BakeProblem> problems) {
        Map<String, SecretRequest> byName = new HashMap<>();
        for (SecretRequest request : requests) {
            SecretRequest first = byName.putIfAbsent(request.name(), request);
            if (first != null) {
                problems.add(Problems.duplicateName(request, first));
            }
        }
    }

    /** Reads and checks every request; without a problem, each one is baked, in order. */
    private Read read(List<SecretRequest> requests, List<BakeProblem> problems) {
        Set<String> distinct = new LinkedHashSet<>();
        for (SecretRequest request : requests) {
            if (request.parameter().isBlank()) {
                problems.add(Problems.emptyReference(request));
            } else {
                distinct.add(request.parameter());
            }
        }

        // No secrets, no client: nothing to read, and no region or credentials needed.
        SsmClient client = distinct.isEmpty() ? null : ssm();
        ParameterStoreReader.Lookup lookup;
        try {
            lookup = new ParameterStoreReader(client, getLimiter, describeLimiter, maxConcurrency)
                    .read(distinct.stream().map(ParameterReference::parse).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BakeException(List.of(Problems.interrupted()), e);
        }

        Map<String, List<String>> secretsByReference = new LinkedHashMap<>();
        for (SecretRequest request : requests) {
            secretsByReference.computeIfAbsent(request.parameter(), k -> new ArrayList<>()).add(request.name());
        }
        Set<String> failedReferences = new LinkedHashSet<>();
        Set<String> undescribed = new LinkedHashSet<>();
        for (CallFailure failure : lookup.failures) {
            (failure.operation().equals("GetParameters") ? failedReferences : undescribed).addAll(failure.references());
            if (failure.references().size() == 1 && failure.operation().equals("GetParameters") && isRejection(failure)) {
                for (SecretRequest request : requests) {
                    if (request.parameter().equals(failure.references().get(0))) {
                        problems.add(Problems.rejectedReference(request, failure.error()));
                    }
                }
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String reference : failure.references()) {
                // GetParameters failures name references; DescribeParameters failures name parameters.
                names.addAll(failure.operation().equals("GetParameters")
                        ? secretsByReference.getOrDefault(reference, List.of(reference))
                        : secretsUsingParameter(lookup, reference, requests));
            }
            problems.add(Problems.callFailed(failure, names.isEmpty() ? failure.references() : inConfigurationOrder(names, requests),
                    maxAttempts, CallTarget.of(ssm)));
        }

        String region = client == null ? null : region();
        ParameterHistoryReader history = new ParameterHistoryReader(client, describeLimiter);
        Map<String, Optional<String>> versionKeys = new HashMap<>();
        KmsKeyClassifier keys = new KmsKeyClassifier(kms);
        List<BakedParameter> baked = new ArrayList<>();
        List<BakedSecret> secrets = new ArrayList<>();
        for (SecretRequest request : requests) {
            if (request.parameter().isBlank() || failedReferences.contains(request.parameter())) {
                continue;
            }
            ParameterReference reference = ParameterReference.parse(request.parameter());
            FetchedParameter fetched = lookup.found.get(request.parameter());
            if (fetched == null) {
                if (lookup.missing.contains(request.parameter())) {
                    problems.add(Problems.missing(request, reference, lookup.metadata.get(reference.base()), region));
                }
                continue;
            }
            if (!fetched.isSecureString()) {
                problems.add(Problems.notSecureString(request, fetched));
                continue;
            }
            if (undescribed.contains(fetched.name())) {
                continue; // its description failed; reported above
            }
            if (fetched.arn() == null || fetched.ciphertext() == null || fetched.ciphertext().isEmpty()) {
                problems.add(Problems.incomplete(request, fetched));
                continue;
            }
            ParameterMetadata metadata = lookup.metadata.get(fetched.name());
            if (metadata == null && !fetched.name().startsWith("arn:")) {
                problems.add(Problems.notDescribed(request, fetched));
                continue;
            }
            String keyId;
            if (metadata != null && metadata.version() == fetched.version()) {
                keyId = metadata.keyId();
            } else {
                // A pinned older version may be encrypted with another key than the latest, which is all that
                // DescribeParameters describes (and it takes no ARN): the baked version's own key is in its history.
                try {
                    keyId = versionKey(history, versionKeys, fetched);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BakeException(List.of(Problems.interrupted()), e);
                } catch (SdkException e) {
                    problems.add(Problems.versionKeyUnreadable(request, fetched, e));
                    continue;
                }
            }
            if (keyId != null) {
                try {
                    if (keys.isAwsManaged(keyId)) {
                        problems.add(Problems.awsManagedKey(request, fetched, keyId));
                        continue;
                    }
                } catch (SdkException e) {
                    problems.add(Problems.keyNotClassified(request, keyId, e));
                    continue;
                }
            }
            baked.add(new BakedParameter(request.name(), request.parameter(), request.source(), fetched.name(),
                    fetched.arn(), fetched.version(), keyId, metadata == null ? null : metadata.tier(),
                    metadata == null || metadata.version() == fetched.version()));
            secrets.add(new BakedSecret(request.name(), fetched.ciphertext(), fetched.arn()));
        }

        if (!problems.isEmpty()) {
            throw new BakeException(problems);
        }
        ApiCalls calls = new ApiCalls(lookup.getParametersCalls.get(), lookup.describeParametersCalls.get(),
                history.calls(), keys.calls(), lookup.retries.get() + history.retries());
        return new Read(baked, secrets, calls);
    }

    private static List<String> secretsUsingParameter(ParameterStoreReader.Lookup lookup, String parameterName,
            List<SecretRequest> requests) {
        List<String> names = new ArrayList<>();
        for (SecretRequest request : requests) {
            FetchedParameter fetched = lookup.found.get(request.parameter());
            if (fetched != null && fetched.name().equals(parameterName) && fetched.isSecureString()) {
                names.add(request.name());
            } else if (fetched == null && ParameterReference.parse(request.parameter()).base().equals(parameterName)) {
                names.add(request.name());
            }
        }
        return names;
    }

    private static boolean isRejection(CallFailure failure) {
        return failure.error() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode());
    }

    /** The key of the fetched version, from the parameter's history; read once per parameter and version. */
    private static String versionKey(ParameterHistoryReader history, Map<String, Optional<String>> versionKeys,
            FetchedParameter fetched) throws InterruptedException {
        String key = fetched.name() + "\n" + fetched.version();
        Optional<String> known = versionKeys.get(key);
        if (known == null) {
            known = history.keyIdOf(fetched.name(), fetched.version());
            versionKeys.put(key, known);
        }
        return known.orElse(null);
    }

    private String region() {
        try {
            Region region = ssm().serviceClientConfiguration().region();
            return region == null ? "this region" : region.id();
        } catch (UnsupportedOperationException e) {
            return "this region"; // a hand-made client that does not report its configuration
        }
    }

    /** Calls are batched by sorted name; a message lists the secrets as the configuration does. */
    private static List<String> inConfigurationOrder(Set<String> names, List<SecretRequest> requests) {
        Set<String> rest = new LinkedHashSet<>(names);
        List<String> ordered = new ArrayList<>(names.size());
        for (SecretRequest request : requests) {
            if (rest.remove(request.name())) {
                ordered.add(request.name());
            }
        }
        ordered.addAll(rest);
        return ordered;
    }

    private synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = SsmClients.create(options);
        }
        return ssm;
    }

    private Supplier<KmsClient> ownedKms(Supplier<KmsClient> create) {
        return () -> {
            synchronized (this) {
                if (ownKms == null) {
                    ownKms = create.get();
                }
                return ownKms;
            }
        };
    }

    @Override
    public synchronized void close() {
        if (ownsClient && ssm != null) {
            ssm.close();
        }
        if (ownKms != null) {
            ownKms.close();
        }
    }

    /** Builds a {@link Baker}; every setting is optional. */
    public static final class Builder {
        private SsmOptions options;
        private SsmClient ssmClient;
        private KmsClient kmsClient;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
        private int burst = DEFAULT_BURST;

        private Builder() {
        }

        /**
         * How to build the SSM client; ignored when {@link #ssmClient} is set.
         *
         * @param options the SSM client's options
         * @return this builder
         */
        public Builder ssmOptions(SsmOptions options) {
            this.options = options;
            return this;
        }

        /**
         * A ready client, e.g. one a build tool already configured; the Baker does not close it.
         *
         * @param ssmClient the client to call SSM with
         * @return this builder
         */
        public Builder ssmClient(SsmClient ssmClient) {
            this.ssmClient = ssmClient;
            return this;
        }

        /**
         * A ready KMS client for {@code DescribeKey}, asked only about a key named by id or key ARN; the Baker does
         * not close it. By default one is made like the SSM client (same region, credentials and endpoint).
         *
         * @param kmsClient the client
         * @return this builder
         */
        public Builder kmsClient(KmsClient kmsClient) {
            this.kmsClient = kmsClient;
            return this;
        }

        /**
         * How many GetParameters calls may be in flight at once.
         *
         * @param maxConcurrency at least 1
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1");
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * The pace of GetParameters calls: {@code burst} at once, then {@code requestsPerSecond}.
         *
         * @param requestsPerSecond more than 0
         * @param burst             at least 1
         * @return this builder
         */
        public Builder requestsPerSecond(double requestsPerSecond, int burst) {
            if (!(requestsPerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("requestsPerSecond must be > 0 and burst at least 1");
            }
            this.requestsPerSecond = requestsPerSecond;
            this.burst = burst;
            return this;
        }

        /** {@return a Baker with this builder's settings} */
        public Baker build() {
            return new Baker(this);
        }
    }
}
