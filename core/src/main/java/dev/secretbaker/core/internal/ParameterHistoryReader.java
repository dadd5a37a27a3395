package dev.secretbaker.core.internal;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;

/**
 * Finds which version of a parameter holds a given ciphertext, from {@code GetParameterHistory} with
 * {@code WithDecryption=false}: a version's ciphertext never changes, so an equal ciphertext is that version.
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
                if (ciphertext.equals(version.value()) && version.version() != null) {
                    return OptionalLong.of(version.version());
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return OptionalLong.empty();
    }

    public int calls() {
        return calls.get();
    }

    public int retries() {
        return retries.get();
    }
}
