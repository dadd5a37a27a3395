package dev.secretbaker.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * An in-memory SsmClient for unit tests of the bake's logic: GetParameters (names, ARNs, version and label
 * selectors, InvalidParameters, alphabetical order), DescribeParameters with a Name/Equals filter and
 * GetParameterHistory (each version with its own key). Records
 * every request so tests can check what was asked.
 */
final class FakeSsm implements SsmClient {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";

    record Version(long number, String type, String value, List<String> labels, String keyId) {
    }

    static final class Stored {
        final String name;
        final List<Version> versions = new ArrayList<>();
        String keyId;
        String tier = "Standard";

        Stored(String name) {
            this.name = name;
        }

        Version latest() {
            return versions.get(versions.size() - 1);
        }
    }

    final Map<String, Stored> parameters = new LinkedHashMap<>();
    final List<GetParametersRequest> getRequests = Collections.synchronizedList(new ArrayList<>());
    final List<DescribeParametersRequest> describeRequests = Collections.synchronizedList(new ArrayList<>());
    final List<GetParameterHistoryRequest> historyRequests = Collections.synchronizedList(new ArrayList<>());
    volatile Function<GetParametersRequest, RuntimeException> getFailure = r -> null;
    volatile Function<DescribeParametersRequest, RuntimeException> describeFailure = r -> null;
    /** How many parameters a DescribeParameters page holds at most; Parameter Store's pages are best effort. */
    volatile int describePageSize = 50;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** When set, each GetParameters call counts it down and waits for it to reach zero: that many calls must overlap. */
    volatile java.util.concurrent.CountDownLatch overlap;

    FakeSsm put(String name, String type, String value, String keyId, String... labels) {
        Stored stored = parameters.computeIfAbsent(name, Stored::new);
        stored.versions.add(new Version(stored.versions.size() + 1, type, value, List.of(labels),
                "SecureString".equals(type) ? keyId : null));
        stored.keyId = "SecureString".equals(type) ? keyId : null;
        return this;
    }

    FakeSsm secure(String name, String ciphertext) {
        return put(name, "SecureString", ciphertext, "alias/app");
    }

    static String arn(String name) {
        return "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter/" + (name.startsWith("/") ? name.substring(1) : name);
    }

    @Override
    public GetParametersResponse getParameters(GetParametersRequest request) {
        getRequests.add(request);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            java.util.concurrent.CountDownLatch mustOverlap = overlap;
            if (mustOverlap != null) {
                mustOverlap.countDown();
                if (!mustOverlap.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new AssertionError("only " + inFlight.get() + " GetParameters calls were ever in flight at once");
                }
            } else {
                // Long enough for parallel calls to overlap.
                Thread.sleep(5);
            }
            return answer(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private GetParametersResponse answer(GetParametersRequest request) {
        RuntimeException failure = getFailure.apply(request);
        if (failure != null) {
            throw failure;
        }
        if (!Boolean.FALSE.equals(request.withDecryption())) {
            throw new AssertionError("the bake asked for decryption");
        }
        if (request.names().isEmpty() || request.names().size() > 10) {
            throw new AssertionError("GetParameters takes 1 to 10 names, got " + request.names().size());
        }
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String requested : request.names()) {
            Parameter parameter = resolve(requested);
            if (parameter == null) {
                invalid.add(requested);
            } else {
                found.add(parameter);
            }
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
    }

    private Parameter resolve(String requested) {
        String base = requested;
        String selector = null;
        int from = requested.startsWith("arn:") ? requested.indexOf(":parameter/") + 11 : 0;
        int colon = requested.indexOf(':', from);
        if (colon >= 0) {
            base = requested.substring(0, colon);
            selector = requested.substring(colon + 1);
        }
        Stored stored = null;
        for (Stored candidate : parameters.values()) {
            if (candidate.name.equals(base) || arn(candidate.name).equals(base)) {
                stored = candidate;
            }
        }
        if (stored == null) {
            return null;
        }
        Version version = stored.latest();
        if (selector != null) {
            version = null;
            for (Version v : stored.versions) {
                if (selector.equals(String.valueOf(v.number())) || v.labels().contains(selector)) {
                    version = v;
                }
            }
            if (version == null) {
                return null;
            }
        }
        return Parameter.builder().name(stored.name).arn(arn(stored.name)).type(version.type()).value(version.value())
                .version(version.number()).selector(selector == null ? null : ":" + selector).build();
    }

    @Override
    public DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
        describeRequests.add(request);
        RuntimeException failure = describeFailure.apply(request);
        if (failure != null) {
            throw failure;
        }
        List<String> names = request.parameterFilters().get(0).values();
        if (names.size() > 50) {
            throw new AssertionError("a filter takes at most 50 values");
        }
        List<ParameterMetadata> metadata = new ArrayList<>();
        for (String name : names) {
            Stored stored = parameters.get(name);
            if (stored != null) {
                metadata.add(ParameterMetadata.builder().name(name).type(stored.latest().type()).keyId(stored.keyId)
                        .tier(stored.tier).version(stored.latest().number()).build());
            }
        }
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(metadata.size(), from + describePageSize);
        return DescribeParametersResponse.builder().parameters(metadata.subList(from, to))
                .nextToken(to < metadata.size() ? String.valueOf(to) : null).build();
    }

    /** Every version, oldest first, each with its own key, in one page; a name or ARN, no selector. */
    @Override
    public GetParameterHistoryResponse getParameterHistory(GetParameterHistoryRequest request) {
        historyRequests.add(request);
        Stored stored = parameters.values().stream()
                .filter(p -> p.name.equals(request.name()) || arn(p.name).equals(request.name())).findFirst()
                .orElseThrow(() -> ParameterNotFoundException.builder().message(request.name()).build());
        return GetParameterHistoryResponse.builder().parameters(stored.versions.stream()
                .map(v -> ParameterHistory.builder().name(stored.name).type(v.type()).keyId(v.keyId())
                        .value(v.value()).version(v.number()).labels(v.labels()).build())
                .toList()).build();
    }

    @Override
    public String serviceName() {
        return "ssm";
    }

    @Override
    public void close() {
    }
}
