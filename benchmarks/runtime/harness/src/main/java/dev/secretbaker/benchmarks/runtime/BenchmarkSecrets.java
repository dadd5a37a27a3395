package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Bakes SecureStrings on the emulator into a secrets file, as the bake would. */
final class BenchmarkSecrets {

    static final String NAME = "DB_PASSWORD";
    static final String VALUE = "benchmark-value-0123456789abcdef";

    private BenchmarkSecrets() {
    }

    /**
     * Writes {@code secret-baker-secrets.json} with {@code count} secrets into {@code taskRoot}: {@link #NAME}
     * first, then {@code SECRET_2}, ...; every value is as long as {@link #VALUE}. Returns the secrets.
     */
    static List<BakedSecret> bake(LocalAws aws, Path taskRoot, int count) throws IOException {
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("benchmark")).keyMetadata().arn();
            List<BakedSecret> secrets = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = i == 1 ? NAME : "SECRET_" + i;
                String path = "/bench/" + taskRoot.getFileName() + "/" + name;
                String value = i == 1 ? VALUE : VALUE.substring(0, VALUE.length() - 2) + String.format("%02d", i);
                ssm.putParameter(r -> r.name(path).value(value).type(ParameterType.SECURE_STRING).keyId(key));
                var parameter = ssm.getParameter(r -> r.name(path).withDecryption(false)).parameter();
                secrets.add(new BakedSecret(name, parameter.value(), parameter.arn()));
            }
            Files.write(taskRoot.resolve(SecretsFile.FILE_NAME), SecretsFile.of(secrets).toJson());
            return secrets;
        }
    }
}
