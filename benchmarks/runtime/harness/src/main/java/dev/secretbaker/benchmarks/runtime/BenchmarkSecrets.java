package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Bakes one SecureString on the emulator into a secrets file, as the bake would. */
final class BenchmarkSecrets {

    static final String NAME = "DB_PASSWORD";
    static final String VALUE = "benchmark-value-0123456789abcdef";

    private BenchmarkSecrets() {
    }

    /** Writes {@code secret-baker-secrets.json} into {@code taskRoot}; returns the file. */
    static Path bake(LocalAws aws, Path taskRoot) throws IOException {
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("benchmark")).keyMetadata().arn();
            ssm.putParameter(r -> r.name("/bench/db-password").value(VALUE).type(ParameterType.SECURE_STRING).keyId(key));
            var parameter = ssm.getParameter(r -> r.name("/bench/db-password").withDecryption(false)).parameter();
            Path file = taskRoot.resolve(SecretsFile.FILE_NAME);
            Files.write(file, SecretsFile.of(List.of(new BakedSecret(NAME, parameter.value(), parameter.arn()))).toJson());
            return file;
        }
    }
}
