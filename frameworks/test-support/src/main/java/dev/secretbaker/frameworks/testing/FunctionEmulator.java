package dev.secretbaker.frameworks.testing;

import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator as a function under test sees it: on the port that the build put in the tests' environment
 * ({@code AWS_ENDPOINT_URL}, with the {@code function} principal's keys), holding {@code test-seed.yaml}. Secrets
 * files are made by a real bake, as the {@code deployer}.
 */
public final class FunctionEmulator {

    /** The plaintexts of the seed's parameters: tests look for them where they must never appear. */
    public static final String DB_PASSWORD = "db-password-plaintext-5e1c";
    public static final String API_KEY = "api-key-plaintext-93ab";
    public static final String UNDECRYPTABLE = "undecryptable-plaintext-40d7";

    private FunctionEmulator() {
    }

    /** The extension to register in a test class: the emulator, started once for the class. */
    public static LocalAwsExtension extension() {
        return LocalAwsExtension.create(b -> b.seed(Path.of(required("frameworks.seed")))
                .port(Integer.parseInt(required("frameworks.emulatorPort"))));
    }

    /** Bakes {@code DB_PASSWORD} and {@code API_KEY}, in that order, into {@code file}. */
    public static Path bakeDefaultSecrets(LocalAws aws, Path file) {
        return bake(aws, file, "DB_PASSWORD", "/frameworks/db-password", "API_KEY", "/frameworks/api-key");
    }

    /** Bakes the given name and parameter pairs, in order, into {@code file}. */
    public static Path bake(LocalAws aws, Path file, String... namesAndParameters) {
        List<SecretRequest> requests = new ArrayList<>();
        for (int i = 0; i < namesAndParameters.length; i += 2) {
            requests.add(new SecretRequest(namesAndParameters[i], namesAndParameters[i + 1], "test"));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).build())) {
            baker.bake(requests, file);
        }
        return file;
    }

    /** The file the runtime library finds first: {@code SECRET_BAKER_FILE} in the tests' environment. */
    public static Path defaultLocation() {
        return Path.of(System.getenv("SECRET_BAKER_FILE"));
    }

    /** The KMS Decrypt calls the function made since the audit trail was last cleared. */
    public static List<AuditEvent> decryptCalls(LocalAws aws) {
        // The emulator records a call just after answering it: wait until the trail has stopped growing.
        List<AuditEvent> calls = functionDecrypts(aws);
        for (int stableReads = 0, i = 0; stableReads < 3 && i < 200; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            List<AuditEvent> again = functionDecrypts(aws);
            stableReads = again.size() == calls.size() ? stableReads + 1 : 0;
            calls = again;
        }
        return calls;
    }

    private static List<AuditEvent> functionDecrypts(LocalAws aws) {
        return aws.audit().events().stream()
                .filter(e -> e.principal().equals("function") && e.operation().equals("Decrypt"))
                .toList();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests with"
                    + " ./mvnw verify, which sets it");
        }
        return value;
    }
}
