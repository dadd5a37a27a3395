package dev.secretbaker.core;

import dev.secretbaker.format.SecretsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a bake or a verification: what each secret resolved to (in configuration order), the file
 * content, the calls made and the time taken. {@link #toString()} holds no ciphertext.
 */
public final class BakeResult {

    private final List<BakedParameter> parameters;
    private final SecretsFile secretsFile;
    private final ApiCalls apiCalls;
    private final Duration duration;
    private final Path output;

    BakeResult(List<BakedParameter> parameters, SecretsFile secretsFile, ApiCalls apiCalls, Duration duration, Path output) {
        this.parameters = List.copyOf(parameters);
        this.secretsFile = Objects.requireNonNull(secretsFile, "secretsFile");
        this.apiCalls = Objects.requireNonNull(apiCalls, "apiCalls");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.output = output;
    }

    BakeResult writtenTo(Path output, Duration duration) {
        return new BakeResult(parameters, secretsFile, apiCalls, duration, output);
    }

    /** {@return one entry per configured secret, in configuration order} */
    public List<BakedParameter> parameters() {
        return parameters;
    }

    /** {@return the file content: ciphertexts and ARNs} */
    public SecretsFile secretsFile() {
        return secretsFile;
    }

    /** {@return the SSM calls made} */
    public ApiCalls apiCalls() {
        return apiCalls;
    }

    /**
     * {@return the wall time from the first call to the file being in place} For a verification, to the end of
     * the checks.
     */
    public Duration duration() {
        return duration;
    }

    /** {@return where the file was written; empty for a verification} */
    public Optional<Path> output() {
        return Optional.ofNullable(output);
    }

    @Override
    public String toString() {
        return "BakeResult[secrets=" + secretsFile.names() + ", apiCalls=" + apiCalls + ", duration=" + duration
                + ", output=" + output + "]";
    }
}
