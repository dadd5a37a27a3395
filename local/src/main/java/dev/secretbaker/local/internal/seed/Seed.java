package dev.secretbaker.local.internal.seed;

import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.local.internal.kms.KeyState;
import java.util.List;
import java.util.Map;

/** A parsed seed file: what the emulator creates at start, in this order. */
public record Seed(List<KeySeed> keys, List<ParameterSeed> parameters, List<LocalPrincipal> principals,
        FaultSeed faults) {

    /** A customer managed key; {@code id} fixes its key id (so that policies can name its ARN). */
    public record KeySeed(String id, List<String> aliases, String description, KeyState state) {
    }

    /** A parameter and its versions, oldest first. */
    public record ParameterSeed(String name, String type, String keyId, String tier, String description,
            List<VersionSeed> versions) {
    }

    /** One version's value and labels. {@link #toString()} leaves the value out. */
    public record VersionSeed(String value, List<String> labels) {
        @Override
        public String toString() {
            return "VersionSeed[labels=" + labels + "]";
        }
    }

    /** Faults; null members are not set. */
    public record FaultSeed(Long latencyMillis, Double throttleRate, Map<String, Integer> tpsLimits,
            Double serverErrorRate, Double dropConnectionRate, Long seed) {
    }
}
