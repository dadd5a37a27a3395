package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** decrypt through the command line against the emulator, with the caller's credentials from the SDK chain. */
class DecryptCommandIntegrationTest {

    private static final String VALUE = "decrypt-command-canary";

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static BakedSecret secret;
    private static String keyArn;

    @TempDir
    Path folder;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            keyArn = kms.createKey(r -> r.description("decrypt test")).keyMetadata().arn();
            ssm.putParameter(r -> r.name("/app/db").value(VALUE).type(ParameterType.SECURE_STRING).keyId(keyArn));
            var parameter = ssm.getParameter(r -> r.name("/app/db").withDecryption(false)).parameter();
            secret = new BakedSecret("DB_PASSWORD", parameter.value(), parameter.arn());
        }
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Path file() throws Exception {
        return Files.write(folder.resolve(SecretsFile.FILE_NAME), SecretsFile.of(List.of(secret)).toJson());
    }

    private static void actAs(LocalPrincipal principal) {
        // The SDK's default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", principal.accessKeyId());
        System.setProperty("aws.secretAccessKey", principal.secretAccessKey());
    }

    @Test
    void decrypt_masksTheValueByDefault() throws Exception {
        actAs(aws.principal(LocalAws.ADMIN));

        CommandRun run = CommandRun.of("decrypt", "DB_PASSWORD", "--file", file().toString(),
                "--endpoint-url", aws.endpoint().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("DB_PASSWORD: ********").contains(VALUE.length() + " bytes")
                .contains("--reveal").doesNotContain(VALUE);
    }

    @Test
    void decrypt_withReveal_printsThePlaintext() throws Exception {
        actAs(aws.principal(LocalAws.ADMIN));

        CommandRun run = CommandRun.of("decrypt", "DB_PASSWORD", "--reveal", "--file", file().toString(),
                "--endpoint-url", aws.endpoint().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(VALUE + System.lineSeparator());
    }

    @Test
    void decrypt_withoutKmsDecrypt_failsWithTheStatementToAdd() throws Exception {
        actAs(aws.addPrincipal("reader", List.of("ssm:GetParameter"), List.of("*")));

        CommandRun run = CommandRun.of("decrypt", "DB_PASSWORD", "--file", file().toString(),
                "--endpoint-url", aws.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("\"Action\":\"kms:Decrypt\",\"Resource\":\"" + keyArn + "\"")
                .doesNotContain(VALUE).doesNotContain(secret.ciphertext());
    }

    @Test
    void decrypt_ofAnUnknownName_listsTheNamesPresent() throws Exception {
        actAs(aws.principal(LocalAws.ADMIN));

        CommandRun run = CommandRun.of("decrypt", "DB_PASS", "--file", file().toString(),
                "--endpoint-url", aws.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No secret named 'DB_PASS'").contains("DB_PASSWORD");
    }
}
