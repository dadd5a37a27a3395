package dev.secretbaker.core.internal;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/**
 * Reads a parameter's versions from {@code GetParameterHistory} with {@code WithDecryption=false}: which version
 * holds a given ciphertext (a version's ciphertext never changes, so an equal ciphertext is that version), and
 * which KMS key encrypted a given version (a pinned older version may use another key than the latest).
 */
public final class ParameterHistoryReader {

    /** The most versions one history page returns. */
    static final int PAGE_SIZE = 50;

    private final SsmClient ssm;
    private final RateLimiter limiter;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    public ParameterHistoryReader(SsmClient ssm, RateLimiter limiter) {
        this.ssm = ssm;
        this.limiter = limiter;
    }

    /**
     * The version of {@code parameter} (a name or ARN, no selector) whose ciphertext is {@code ciphertext}, or
     * empty when no version in the history has it.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when a call fails after the SDK's retries
     * @throws InterruptedException                                 if interrupted while waiting for the rate limit
     */
    public OptionalLong versionOf(String parameter, String ciphertext) throws InterruptedException {
        Optional<ParameterHistory> found = find(parameter, version -> ciphertext.equals(version.value())
                && version.version() != null);
        return found.isPresent() ? OptionalLong.of(found.get().version()) : OptionalLong.empty();
    }

    /**
     * The KMS key id that Parameter Store reports for one version of {@code parameter} (a name or ARN, no selector),
     * or empty when the history has no such version.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when a call fails after the SDK's retries
     * @throws InterruptedException                                 if interrupted while waiting for the rate limit
     */
    public Optional<String> keyIdOf(String parameter, long version) throws InterruptedException {
        return find(parameter, v -> v.version() != null && v.version() == version).map(ParameterHistory::keyId);
    }

    private Optional<ParameterHistory> find(String parameter, Predicate<ParameterHistory> wanted) throws InterruptedException {
        String nextToken = null;
        do {
            limiter.acquire();
            calls.incrementAndGet();
            String token = nextToken;
            GetParameterHistoryResponse page = ssm.getParameterHistory(r -> r.name(parameter)
                    .withDecryption(false)
                    .maxResults(PAGE_SIZE)
                    .nextToken(token)
                    .overrideConfiguration(ParameterStoreReader.countRetries(retries)));
            for (ParameterHistory version : page.parameters()) {
                if (wanted.test(version)) {
                    return Optional.of(version);
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return Optional.empty();
    }

    public int calls() {
        return calls.get();
    }

    public int retries() {
        return retries.get();
    }
}
