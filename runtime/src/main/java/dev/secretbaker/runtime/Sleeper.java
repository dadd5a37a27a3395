package dev.secretbaker.runtime;

/** Waits between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmsCallException(KmsCallException.IO_ERROR, 0, "interrupted while waiting to retry", e);
        }
    };

    void sleep(long millis);
}
