package dev.secretbaker.runtime;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The emulator with admin SDK clients, and the steps of a bake done by hand: create a key, put a SecureString,
 * read its ciphertext back without decryption, write the secrets file.
 */
final class Emulator implements AutoCloseable {

    final LocalAws aws;
    final KmsClient adminKms;
    final SsmClient adminSsm;

    private Emulator(LocalAws aws) {
        this.aws = aws;
        this.adminKms = kmsClient(aws.principal(LocalAws.ADMIN));
        this.adminSsm = SsmClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws.principal(LocalAws.ADMIN)))
                .httpClient(LocalAwsClients.httpClient(aws))
                .build();
    }

    static Emulator start() {
        return start(LocalAws.DEFAULT_REGION);
    }

    static Emulator start(String region) {
        return new Emulator(LocalAws.builder().region(region).build().start());
    }

    /** The emulator over HTTPS, with a root of its own that the JVM running the tests does not trust. */
    static Emulator startTls() {
        return new Emulator(LocalAws.builder().tls().build().start());
    }

    /** An SDK client for a principal, with the SDK's own retries off so that tests see each call. */
    KmsClient kmsClient(LocalPrincipal principal) {
        return kmsClient(principal, 1);
    }

    /** An SDK client for a principal that makes up to {@code attempts} calls per request, without waiting between them. */
    KmsClient kmsClient(LocalPrincipal principal, int attempts) {
        return KmsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(principal))
                .httpClient(LocalAwsClients.httpClient(aws))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(attempts)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
                .build();
    }

    static StaticCredentialsProvider credentials(LocalPrincipal principal) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(principal.accessKeyId(), principal.secretAccessKey()));
    }

    String createKey() {
        return adminKms.createKey(r -> r.keySpec(KeySpec.SYMMETRIC_DEFAULT)).keyMetadata().arn();
    }

    BakedSecret bake(String name, String value, String keyArn) {
        return bake(name, name, value, keyArn, ParameterTier.STANDARD);
    }

    BakedSecret bake(String name, String path, String value, String keyArn, ParameterTier tier) {
        adminSsm.putParameter(r -> r.name(path).value(value).type(ParameterType.SECURE_STRING).keyId(keyArn)
                .tier(tier).overwrite(true));
        var parameter = adminSsm.getParameter(r -> r.name(path).withDecryption(false)).parameter();
        return new BakedSecret(name, parameter.value(), parameter.arn());
    }

    static Path writeFile(Path dir, BakedSecret... secrets) throws IOException {
        Path file = dir.resolve(SecretsFile.FILE_NAME);
        Files.write(file, SecretsFile.of(List.of(secrets)).toJson());
        return file;
    }

    /** The environment of a Lambda function running as {@code principal}, with KMS at the emulator. */
    Map<String, String> lambdaEnvironment(LocalPrincipal principal) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", principal.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", principal.secretAccessKey());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_REGION", aws.region());
        return env;
    }

    /** A client that reads {@code file} only, calls the emulator as {@code principal}, and does not sleep between retries. */
    BakedSecretsClient.Builder client(Path file, LocalPrincipal principal) {
        return client(file, lambdaEnvironment(principal));
    }

    static BakedSecretsClient.Builder client(Path file, Map<String, String> env) {
        Environment environment = env::get;
        return BakedSecretsClient.builder()
                .environment(environment)
                .retryPolicy(new RetryPolicy(RetryPolicy.DEFAULT_MAX_ATTEMPTS, 0, 0, millis -> { }))
                .locator(new SecretsFileLocator(file, environment, null, file.getParent()));
    }

    int decryptCalls() {
        return decryptEvents().size();
    }

    List<String> decryptOutcomes() {
        List<String> outcomes = new ArrayList<>();
        decryptEvents().forEach(e -> outcomes.add(e.outcome()));
        return outcomes;
    }

    /** Forgets the recorded calls. */
    void clearAudit() {
        aws.audit().clear();
    }

    /** The Decrypt calls recorded so far; the emulator records each call before it answers. */
    List<AuditEvent> decryptEvents() {
        return aws.audit().eventsOf("Decrypt");
    }

    @Override
    public void close() {
        adminKms.close();
        adminSsm.close();
        aws.close();
    }
}
