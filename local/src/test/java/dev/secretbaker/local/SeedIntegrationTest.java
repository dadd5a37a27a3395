package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

class SeedIntegrationTest {

    static Path exampleSeed(Path dir) throws IOException {
        Path seed = dir.resolve("example-seed.yaml");
        try (InputStream in = LocalAws.class.getResourceAsStream("example-seed.yaml")) {
            Files.copy(in, seed);
        }
        return seed;
    }

    @Test
    void theExampleSeed_createsItsKeyParametersAndLeastPrivilegePrincipals(@TempDir Path dir) throws IOException {
        try (LocalAws aws = LocalAws.builder().seed(exampleSeed(dir)).build().start();
                SsmClient deployer = LocalAwsClients.ssm(aws, "deployer");
                KmsClient function = LocalAwsClients.kms(aws, "function");
                KmsClient deployerKms = LocalAwsClients.kms(aws, "deployer");
                SsmClient admin = LocalAwsClients.ssm(aws)) {
            assertThat(aws.defaultPrincipal().name()).isEqualTo("admin");
            assertThat(aws.principals()).extracting(LocalPrincipal::name)
                    .containsExactlyInAnyOrder("admin", "deployer", "function");

            Parameter parameter = deployer.getParameter(b -> b.name("/secret-baker-demo/db-password")).parameter();
            SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));
            Map<String, String> context = Map.of("PARAMETER_ARN", parameter.arn());
            assertThat(function.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(context)).plaintext()
                    .asUtf8String()).isEqualTo("tr0ub4dor-and-3");
            assertThatThrownBy(() -> deployerKms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(context)))
                    .hasMessageContaining("not authorized to perform: kms:Decrypt");

            assertThat(admin.getParameter(b -> b.name("/secret-baker-demo/db-password:previous")
                    .withDecryption(true)).parameter().value()).isEqualTo("correct-horse-battery-staple");
            assertThat(admin.getParameter(b -> b.name("/secret-baker-demo/endpoint")).parameter().value())
                    .isEqualTo("https://api.example.com");
            assertThat(aws.keyArn("alias/secret-baker-demo"))
                    .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/0b9f2a4e-5c1d-4e8a-9f3b-2d7c6e1a8b40");
        }
    }

    @Test
    void theExampleSeedAtTheRepositoryRoot_isTheOneShippedInTheJar(@TempDir Path dir) throws IOException {
        Path root = Path.of("..", "examples", "local-seed.yaml");
        assertThat(root).exists();
        assertThat(Files.readString(root)).isEqualTo(Files.readString(exampleSeed(dir)));
    }

    @Test
    void aSeedOnARestoredState_createsOnlyWhatIsMissing(@TempDir Path dir) throws IOException {
        Path seed = exampleSeed(dir);
        Path state = dir.resolve("state.json");
        try (LocalAws aws = LocalAws.builder().seed(seed).stateFile(state).build().start()) {
            assertThat(aws.principal("function").accessKeyId()).isEqualTo("AKIALOCALFUNCTION001");
        }
        try (LocalAws aws = LocalAws.builder().seed(seed).stateFile(state).build().start();
                SsmClient ssm = LocalAwsClients.ssm(aws)) {
            assertThat(ssm.getParameterHistory(b -> b.name("/secret-baker-demo/db-password")).parameters()).hasSize(2);
        }
    }

    @Test
    void seedKeysAndFaults_areApplied(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                keys:
                  - aliases: [alias/off, alias/off-too]
                    state: Disabled
                faults:
                  throttleRate: 0.25
                  tpsLimits: {GetParameters: 40}
                  seed: 7
                """);
        try (LocalAws aws = LocalAws.builder().seed(seed).build().start()) {
            aws.faults().throttleRate(0);
            try (KmsClient kms = LocalAwsClients.kms(aws)) {
                assertThat(kms.describeKey(b -> b.keyId("alias/off-too")).keyMetadata().keyState())
                        .isEqualTo(KeyState.DISABLED);
            }
            assertThat(aws.faults().tpsLimits()).containsEntry("GetParameters", 40);
        }
    }

    @Test
    void aSeedEntryThatIsNotValid_failsTheStart_namingTheEntry(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                parameters:
                  - name: /ok
                    value: fine
                  - name: /bad
                    type: Secret
                    value: do-not-print-me
                """);

        assertThatThrownBy(() -> LocalAws.builder().seed(seed).build().start())
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("parameters[1] (/bad)")
                .hasMessageContaining("'type' must be one of String, StringList, SecureString")
                .hasMessageNotContaining("do-not-print-me");
    }

    @Test
    void aParameterUnderAnUnknownKey_failsTheStart(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                parameters:
                  - name: /orphan
                    keyId: alias/missing
                    value: x
                """);

        assertThatThrownBy(() -> LocalAws.builder().seed(seed).build().start())
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("parameter /orphan")
                .hasMessageContaining("alias/missing");
    }

    @Test
    void aSeedPrincipalWithAPolicy_decryptsOnlyWithTheKeyItsAliasNames_createdAfterTheStart(@TempDir Path dir)
            throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                principals:
                  - name: admin
                    allow: ["*"]
                  - name: my-function
                    policy:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Action: kms:Decrypt
                          Resource: "*"
                          Condition:
                            ForAnyValue:StringEquals:
                              kms:ResourceAliases: alias/my-app-secrets
                """);
        try (LocalAws aws = LocalAws.builder().seed(seed).build().start();
                KmsClient admin = LocalAwsClients.kms(aws);
                SsmClient ssm = LocalAwsClients.ssm(aws);
                KmsClient function = LocalAwsClients.kms(aws, "my-function")) {
            // The key does not exist when the seed is read: the user creates it afterwards, as in AWS.
            String mine = admin.createKey(b -> b.description("mine")).keyMetadata().keyId();
            admin.createAlias(b -> b.aliasName("alias/my-app-secrets").targetKeyId(mine));
            String other = admin.createKey(b -> b.description("someone else's")).keyMetadata().keyId();
            ssm.putParameter(b -> b.name("/my-app/db-password").type("SecureString").keyId("alias/my-app-secrets")
                    .value("mine-to-read"));
            ssm.putParameter(b -> b.name("/other/db-password").type("SecureString").keyId(other)
                    .value("not-mine"));

            assertThat(decrypt(ssm, function, "/my-app/db-password")).isEqualTo("mine-to-read");
            assertThatThrownBy(() -> decrypt(ssm, function, "/other/db-password"))
                    .hasMessageContaining("User: arn:aws:iam::111122223333:user/my-function is not authorized to"
                            + " perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/" + other);
        }
    }

    @Test
    void aSeedPrincipalWithAPolicyItCannotEvaluate_failsTheStart_namingThePrincipal(@TempDir Path dir)
            throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                principals:
                  - name: my-function
                    policy: {Statement: [{Effect: Allow, Action: kms:Decrypt, Resource: "*",
                              Condition: {DateGreaterThan: {aws:CurrentTime: "2020-01-01T00:00:00Z"}}}]}
                """);

        assertThatThrownBy(() -> LocalAws.builder().seed(seed).build().start())
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("principals[0] (my-function)")
                .hasMessageContaining("DateGreaterThan");
    }

    @Test
    void aSeedPrincipalWithAPolicyAsJsonText_isTheSameAsWrittenInYaml(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.yaml");
        Files.writeString(seed, """
                principals:
                  - name: reader
                    policy: '{"Statement": {"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*"}}'
                  - name: broken
                    policy: [not, a, document]
                """);

        assertThatThrownBy(() -> LocalAws.builder().seed(seed).build().start())
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("principals[1] (broken): 'policy' must be an IAM policy document");
        Files.writeString(seed, Files.readString(seed).replaceAll("(?s)  - name: broken.*", ""));
        try (LocalAws aws = LocalAws.builder().seed(seed).build().start();
                SsmClient admin = LocalAwsClients.ssm(aws);
                SsmClient reader = LocalAwsClients.ssm(aws, "reader")) {
            admin.putParameter(b -> b.name("/plain").type("String").value("v"));
            assertThat(reader.getParameter(b -> b.name("/plain")).parameter().value()).isEqualTo("v");
            assertThatThrownBy(() -> reader.deleteParameter(b -> b.name("/plain")))
                    .hasMessageContaining("not authorized to perform: ssm:DeleteParameter");
        }
    }

    private static String decrypt(SsmClient ssm, KmsClient kms, String name) {
        Parameter parameter = ssm.getParameter(b -> b.name(name)).parameter();
        SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));
        return kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("PARAMETER_ARN", parameter.arn())))
                .plaintext().asUtf8String();
    }
}
