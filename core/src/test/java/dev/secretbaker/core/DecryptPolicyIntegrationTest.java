package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The generated policy is least privilege, proven by the emulator evaluating its conditions as IAM does: a
 * principal holding only that policy decrypts every baked secret, and nothing else under the same keys.
 */
class DecryptPolicyIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static SsmClient adminSsm;
    private static String keyArn;

    @TempDir
    Path folder;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        // kms:DescribeKey: one parameter names its key by ARN, which the bake checks is not AWS managed.
        aws.addPrincipal("deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters", "kms:DescribeKey"), List.of("*"));
        adminSsm = LocalAwsClients.ssm(aws);
        try (KmsClient kms = LocalAwsClients.kms(aws)) {
            var key = kms.createKey(r -> r.description("policy test")).keyMetadata();
            keyArn = key.arn();
            kms.createAlias(r -> r.aliasName("alias/policy-test").targetKeyId(key.keyId()));
            String otherKey = kms.createKey(r -> r.description("another key")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/policy-other").targetKeyId(otherKey));
        }
        put("/policy/by-alias", "alias/policy-test");
        put("/policy/by-arn", keyArn);
        put("/policy/neighbour", "alias/policy-test");
        put("/policy/other-key", "alias/policy-other");
    }

    private static void put(String name, String keyId) {
        adminSsm.putParameter(r -> r.name(name).value("value of " + name).type(ParameterType.SECURE_STRING).keyId(keyId));
    }

    private BakeResult bake(Path output, String... parameters) {
        List<SecretRequest> requests = java.util.Arrays.stream(parameters)
                .map(p -> new SecretRequest("S" + p.hashCode(), p, "test")).toList();
        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).build())) {
            return baker.bake(requests, output);
        }
    }

    private static String decrypt(KmsClient kms, BakedSecret secret, Map<String, String> context) {
        return kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                .encryptionContext(context)).plaintext().asUtf8String();
    }

    private static void accessDenied(Throwable e) {
        assertThat(((KmsException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }

    private List<BakedSecret> secrets(Path file) throws Exception {
        return SecretsFile.read(Files.readAllBytes(file)).secrets();
    }

    @Test
    void policyOfABake_decryptsEveryBakedSecret_andNothingElseUnderTheSameKey() throws Exception {
        Path baked = folder.resolve("baked.json");
        BakeResult result = bake(baked, "/policy/by-alias", "/policy/by-arn");
        Path others = folder.resolve("others.json");
        bake(others, "/policy/neighbour", "/policy/other-key");
        String document = DecryptPolicy.forBake(result.parameters()).toDocument();
        aws.addPrincipal("function-from-bake", document);

        try (KmsClient function = LocalAwsClients.kms(aws, "function-from-bake")) {
            for (BakedSecret secret : secrets(baked)) {
                assertThat(decrypt(function, secret, Map.of("PARAMETER_ARN", secret.arn())))
                        .isEqualTo("value of " + secret.arn().substring(secret.arn().indexOf(":parameter") + 10));
            }
            for (BakedSecret other : secrets(others)) {
                assertThatThrownBy(() -> decrypt(function, other, Map.of("PARAMETER_ARN", other.arn())))
                        .isInstanceOf(KmsException.class).satisfies(DecryptPolicyIntegrationTest::accessDenied)
                        .hasMessageContaining("kms:Decrypt");
            }
            BakedSecret own = secrets(baked).get(0);
            assertThatThrownBy(() -> decrypt(function, own, Map.of()))
                    .as("a Decrypt with no encryption context")
                    .isInstanceOf(KmsException.class).satisfies(DecryptPolicyIntegrationTest::accessDenied);
        }
    }

    @Test
    void policyOfABakedFile_decryptsItsSecrets_andRefusesAnotherParameterAndAMissingContext() throws Exception {
        Path baked = folder.resolve("baked.json");
        bake(baked, "/policy/by-alias");
        Path others = folder.resolve("others.json");
        bake(others, "/policy/neighbour");
        aws.addPrincipal("function-from-file", DecryptPolicy.forSecrets(secrets(baked)).toDocument());

        try (KmsClient function = LocalAwsClients.kms(aws, "function-from-file")) {
            BakedSecret own = secrets(baked).get(0);
            assertThat(decrypt(function, own, Map.of("PARAMETER_ARN", own.arn()))).isEqualTo("value of /policy/by-alias");
            BakedSecret neighbour = secrets(others).get(0);
            assertThatThrownBy(() -> decrypt(function, neighbour, Map.of("PARAMETER_ARN", neighbour.arn())))
                    .isInstanceOf(KmsException.class).satisfies(DecryptPolicyIntegrationTest::accessDenied);
            assertThatThrownBy(() -> decrypt(function, own, Map.of()))
                    .isInstanceOf(KmsException.class).satisfies(DecryptPolicyIntegrationTest::accessDenied);
        }
    }

    @Test
    void policyOfABake_namesTheKeyByArn_orByAliasThroughResourceAliases() {
        BakeResult result = bake(folder.resolve("baked.json"), "/policy/by-alias", "/policy/by-arn");

        List<DecryptPolicy.Statement> statements = DecryptPolicy.forBake(result.parameters()).statements();

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).resource()).isEqualTo("arn:aws:kms:" + aws.region() + ":" + aws.accountId() + ":key/*");
        assertThat(statements.get(0).aliases()).containsExactly("alias/policy-test");
        assertThat(statements.get(0).parameterArns()).containsExactly(result.parameters().get(0).arn());
        assertThat(statements.get(1).resource()).isEqualTo(keyArn);
        assertThat(statements.get(1).aliases()).isEmpty();
        assertThat(statements.get(1).parameterArns()).containsExactly(result.parameters().get(1).arn());
    }
}
