package dev.secretbaker.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Reads parameters from Parameter Store without decrypting them: {@code GetParameters} in batches of 10 (its
 * limit), then {@code DescribeParameters} for the type, key and tier, in batches of 50 names (the limit of a
 * filter's values). Batches run in parallel, at most {@code maxConcurrency} at a time and no faster than the
 * rate limiter allows, so that the bake leaves room in Parameter Store's throughput for everyone else.
 *
 * <p>Every read has {@code WithDecryption=false}. The reader never calls KMS.
 */
public final class ParameterStoreReader {

    public static final int GET_PARAMETERS_BATCH = 10;
    public static final int DESCRIBE_PARAMETERS_BATCH = 50;

    private final SsmClient ssm;
    private final RateLimiter getLimiter;
    private final RateLimiter describeLimiter;
    private final int maxConcurrency;

    /**
     * @param getLimiter      paces GetParameters, whose throughput quota is shared with every other reader
     * @param describeLimiter paces DescribeParameters, which has a quota of its own
     */
    public ParameterStoreReader(SsmClient ssm, RateLimiter getLimiter, RateLimiter describeLimiter, int maxConcurrency) {
        this.ssm = ssm;
        this.getLimiter = getLimiter;
        this.describeLimiter = describeLimiter;
        this.maxConcurrency = maxConcurrency;
    }

    /** What one read found. Maps are keyed by reference text (found, missing) and parameter name (metadata). */
    public static final class Lookup {
        public final Map<String, FetchedParameter> found = new LinkedHashMap<>();
        public final Set<String> missing = new LinkedHashSet<>();
        public final Map<String, ParameterMetadata> metadata = new LinkedHashMap<>();
        public final List<CallFailure> failures = new ArrayList<>();
        public final AtomicInteger getParametersCalls = new AtomicInteger();
        public final AtomicInteger describeParametersCalls = new AtomicInteger();
        public final AtomicInteger retries = new AtomicInteger();
    }

    /**
     * Reads the given references (distinct, in configuration order).
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting for the calls
     */
    public Lookup read(List<ParameterReference> references) throws InterruptedException {
        return read(references, true);
    }

    /**
     * Reads the given references with {@code GetParameters} only: no key, tier or type description. For checks
     * that compare ciphertexts and versions, which {@code GetParameters} alone answers.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting for the calls
     */
    public Lookup fetch(List<ParameterReference> references) throws InterruptedException {
        return read(references, false);
    }

    private Lookup read(List<ParameterReference> references, boolean describe) throws InterruptedException {
        Lookup lookup = new Lookup();
        if (references.isEmpty()) {
            return lookup;
        }
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.min(maxConcurrency, Math.max(1, (references.size() + GET_PARAMETERS_BATCH - 1) / GET_PARAMETERS_BATCH)),
                daemonThreads());
        try {
            List<Callable<Void>> gets = new ArrayList<>();
            for (List<ParameterReference> batch : batches(references, GET_PARAMETERS_BATCH)) {
                gets.add(() -> {
                    getParameters(batch, lookup);
                    return null;
                });
            }
            runAll(executor, gets);
            if (!describe) {
                return lookup;
            }

            // Key and tier come from DescribeParameters, which takes names, not ARNs or selectors. The base name of
            // a missing selector is described too, to tell a missing version from a missing parameter.
            Set<String> names = new LinkedHashSet<>();
            synchronized (lookup) {
                for (FetchedParameter parameter : lookup.found.values()) {
                    if (!parameter.name().startsWith("arn:")) {
                        names.add(parameter.name());
                    }
                }
                for (String missing : lookup.missing) {
                    ParameterReference reference = ParameterReference.parse(missing);
                    if (reference.hasSelector() && !reference.isArn()) {
                        names.add(reference.base());
                    }
                }
            }
            List<Callable<Void>> describes = new ArrayList<>();
            for (List<String> batch : batches(new ArrayList<>(names), DESCRIBE_PARAMETERS_BATCH)) {
                describes.add(() -> {
                    describeParameters(batch, lookup);
                    return null;
                });
            }
            runAll(executor, describes);
            return lookup;
        } finally {
            executor.shutdownNow();
        }
    }

    private void getParameters(List<ParameterReference> batch, Lookup lookup) throws InterruptedException {
        List<String> names = batch.stream().map(ParameterReference::text).toList();
        GetParametersResponse response;
        try {
            response = callGetParameters(names, lookup);
        } catch (ParameterNotFoundException | ParameterVersionNotFoundException e) {
            // One bad selector fails the whole call; ask for each reference alone to learn which one.
            if (batch.size() > 1) {
                for (ParameterReference reference : batch) {
                    getParameters(List.of(reference), lookup);
                }
            } else {
                synchronized (lookup) {
                    lookup.missing.add(names.get(0));
                }
            }
            return;
        } catch (SsmException e) {
            if (batch.size() > 1 && isAboutOneReference(e)) {
                for (ParameterReference reference : batch) {
                    getParameters(List.of(reference), lookup);
                }
                return;
            }
            fail(lookup, new CallFailure("GetParameters", names, e));
            return;
        } catch (RuntimeException e) {
            fail(lookup, new CallFailure("GetParameters", names, e));
            return;
        }
        synchronized (lookup) {
            for (ParameterReference reference : batch) {
                Parameter match = match(reference, response.parameters());
                if (match != null) {
                    lookup.found.put(reference.text(), toFetched(match));
                } else {
                    lookup.missing.add(reference.text());
                }
            }
        }
    }

    private GetParametersResponse callGetParameters(List<String> names, Lookup lookup) throws InterruptedException {
        getLimiter.acquire();
        lookup.getParametersCalls.incrementAndGet();
        return ssm.getParameters(r -> r.names(names)
                .withDecryption(false)
                .overrideConfiguration(countRetries(lookup.retries)));
    }

    private void describeParameters(List<String> names, Lookup lookup) throws InterruptedException {
        ParameterStringFilter byName = ParameterStringFilter.builder().key("Name").option("Equals").values(names).build();
        String nextToken = null;
        try {
            // Results are best effort: a page may hold fewer than asked for, so follow the token to the end.
            do {
                describeLimiter.acquire();
                lookup.describeParametersCalls.incrementAndGet();
                String token = nextToken;
                DescribeParametersResponse response = ssm.describeParameters(r -> r.parameterFilters(byName)
                        .maxResults(DESCRIBE_PARAMETERS_BATCH)
                        .nextToken(token)
                        .overrideConfiguration(countRetries(lookup.retries)));
                synchronized (lookup) {
                    response.parameters().forEach(p -> lookup.metadata.put(p.name(), new ParameterMetadata(
                            p.name(), p.typeAsString(), p.keyId(), p.tierAsString(), p.version() == null ? 0 : p.version())));
                }
                nextToken = response.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
        } catch (RuntimeException e) {
            fail(lookup, new CallFailure("DescribeParameters", names, e));
        }
    }

    /**
     * The returned parameter that answers a reference. {@code GetParameters} returns the parameter's plain name and
     * ARN, and the selector separately, so a reference matches on name or ARN plus selector.
     */
    static Parameter match(ParameterReference reference, Collection<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            boolean sameParameter = reference.base().equals(parameter.name()) || reference.base().equals(parameter.arn());
            if (sameParameter && sameSelector(reference, parameter)) {
                return parameter;
            }
        }
        return null;
    }

    private static boolean sameSelector(ParameterReference reference, Parameter parameter) {
        String selector = parameter.selector();
        if (selector != null && selector.startsWith(":")) {
            selector = selector.substring(1);
        }
        if (selector == null || selector.isEmpty()) {
            // No selector echoed: a version reference still matches on the version number.
            return !reference.hasSelector()
                    || (reference.selectsVersion() && parameter.version() != null
                    && Long.parseLong(reference.selector()) == parameter.version());
        }
        return selector.equals(reference.selector());
    }

    private static FetchedParameter toFetched(Parameter parameter) {
        String type = parameter.typeAsString();
        long version = parameter.version() == null ? 0 : parameter.version();
        // A value of any other type is plaintext: it stays in the SDK response and is never copied.
        String ciphertext = FetchedParameter.SECURE_STRING.equals(type) ? parameter.value() : null;
        return new FetchedParameter(parameter.name(), parameter.arn(), type == null ? "unknown" : type, version, ciphertext,
                parameter.lastModifiedDate());
    }

    /** A 400 answer that one malformed reference causes for the whole batch. */
    private static boolean isAboutOneReference(SsmException e) {
        if (e.awsErrorDetails() == null) {
            return false;
        }
        String code = e.awsErrorDetails().errorCode();
        return "ValidationException".equals(code) || "InvalidKeyId".equals(code);
    }

    private static void fail(Lookup lookup, CallFailure failure) {
        synchronized (lookup) {
            lookup.failures.add(failure);
        }
    }

    /** Adds the SDK's retries of each call to {@code retries}. */
    static java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> countRetries(AtomicInteger retries) {
        MetricPublisher publisher = new MetricPublisher() {
            @Override
            public void publish(MetricCollection metrics) {
                metrics.metricValues(CoreMetric.RETRY_COUNT).forEach(retries::addAndGet);
            }

            @Override
            public void close() {
            }
        };
        return o -> o.addMetricPublisher(publisher);
    }

    private static void runAll(ExecutorService executor, List<Callable<Void>> tasks) throws InterruptedException {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(executor.submit(task));
        }
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "secret-baker-ssm-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
