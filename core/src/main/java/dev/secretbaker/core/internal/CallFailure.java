package dev.secretbaker.core.internal;

import java.util.List;

/** A Parameter Store call that failed for good (after the SDK's retries), with the references it was about. */
public record CallFailure(String operation, List<String> references, RuntimeException error) {

    public CallFailure {
        references = List.copyOf(references);
    }
}
