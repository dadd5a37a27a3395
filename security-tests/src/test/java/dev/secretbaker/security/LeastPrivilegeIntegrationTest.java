package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.runtime.BakedSecretsClient;
import dev.secretbaker.runtime.KmsAccessDeniedException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Principals shaped like the IAM roles of a real deployment, each with only what its job needs: the deployer
 * bakes and can decrypt nothing; the function decrypts and can read nothing in Parameter Store; a role for
 * another key is told exactly which statement it lacks. The emulator's audit trail shows who called what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeastPrivilegeIntegrationTest {

    private static final String DB_PASSWORD = "lp-db-password-value";
    private static final String API_KEY = "lp-api-key-value";
    private static final Figures FIGURES = Figures.of(LeastPrivilegeIntegrationTest.class);

    private LocalAws aws;
    private String appKeyArn;
    private String otherKeyArn;
    private BakeResult baked;
    private List<AuditEvent> bakeCalls;

    @BeforeAll
    void deployWithLeastPrivilegeRoles(@TempDir Path bakeFolder) {
        aws = LocalAws.create().start();
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            appKeyArn = kms.createKey(r -> r.description("app secrets")).keyMetadata().arn();
            otherKeyArn = kms.createKey(r -> r.description("another app's secrets")).keyMetadata().arn();
            ssm.putParameter(r -> r.name("/lp/db-password").value(DB_PASSWORD).type(ParameterType.SECURE_STRING)
                    .keyId(appKeyArn));
            ssm.putParameter(r -> r.name("/lp/api-key").value(API_KEY).type(ParameterType.SECURE_STRING)
                    .keyId(appKeyArn).tier(ParameterTier.ADVANCED));
        }
        // The deployer's policy: read parameters (without decryption: no kms:Decrypt) and describe them; the
        // parameters name their key by ARN, so DescribeKey tells whether it is the AWS managed key.
        aws.addPrincipal("deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters", "kms:DescribeKey"), List.of("*"));
        // The function's execution role: decrypt with the app's key, and nothing else.
        aws.addPrincipal("function", List.of("kms:Decrypt"), List.of(appKeyArn));
        // Another function's role: decrypt with another key only.
        aws.addPrincipal("other-function", List.of("kms:Decrypt"), List.of(otherKeyArn));
        aws.audit().clear();

        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).build())) {
            baked = baker.bake(List.of(new SecretRequest("DB_PASSWORD", "/lp/db-password", "test"),
                    new SecretRequest("API_KEY", "/lp/api-key", "test")), bakeFolder.resolve("secret-baker-secrets.json"));
        }
        bakeCalls = aws.audit().events();
    }

    @AfterAll
    void stop() {
        aws.close();
    }

    @Test
    void deployer_bakesWithOnlyGetParametersDescribeParametersAndDescribeKey_neverDecrypting() {
        assertThat(baked.secretsFile().names()).containsExactly("DB_PASSWORD", "API_KEY");
        List<AuditEvent> bake = bakeCalls;
        assertThat(bake).isNotEmpty().allSatisfy(event -> {
            assertThat(event.principal()).isEqualTo("deployer");
            assertThat(event.operation()).isIn("GetParameters", "DescribeParameters", "DescribeKey");
            assertThat(event.withDecryption()).isNotEqualTo(Boolean.TRUE);
            assertThat(event.outcome()).isEqualTo(AuditEvent.OK);
        });
        FIGURES.put("deployerCallsDuringBake", bake.size());
    }

    @Test
    void deployer_isDeniedEveryWayToAPlaintext() {
        BakedSecret secret = baked.secretsFile().find("DB_PASSWORD").orElseThrow();
        int denials = 0;
        try (KmsClient kms = LocalAwsClients.kms(aws, "deployer"); SsmClient ssm = LocalAwsClients.ssm(aws, "deployer")) {
            KmsException decrypt = catchThrowableOfType(KmsException.class, () -> kms.decrypt(r -> r
                    .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                    .encryptionContext(Map.of("PARAMETER_ARN", secret.arn()))));
            assertThat(decrypt).as("the deployer's kms:Decrypt is refused").isNotNull();
            assertThat(decrypt.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(decrypt.getMessage()).contains("kms:Decrypt").doesNotContain(DB_PASSWORD);
            denials++;

            SsmException withDecryption = catchThrowableOfType(SsmException.class,
                    () -> ssm.getParameters(r -> r.names("/lp/db-password").withDecryption(true)));
            assertThat(withDecryption).as("the deployer's GetParameters WithDecryption=true is refused").isNotNull();
            assertThat(withDecryption.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(withDecryption.getMessage()).doesNotContain(DB_PASSWORD);
            denials++;

            SsmException singleRead = catchThrowableOfType(SsmException.class,
                    () -> ssm.getParameter(r -> r.name("/lp/db-password").withDecryption(true)));
            assertThat(singleRead).as("the deployer's GetParameter is refused").isNotNull();
            assertThat(singleRead.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            denials++;
        }
        assertThat(aws.audit().events("deployer")).filteredOn(e -> !e.succeeded())
                .extracting(AuditEvent::outcome).containsOnly("AccessDeniedException").hasSize(denials);
        FIGURES.put("deployerDenials", denials);
    }

    @Test
    void function_decryptsWithTheRuntime_makingOnlyDecryptCalls_andHasNoParameterStoreAccess() {
        BakedSecretsClient secrets = runtimeAs("function");

        assertThat(secrets.get("DB_PASSWORD")).isEqualTo(DB_PASSWORD);
        assertThat(secrets.get("API_KEY")).isEqualTo(API_KEY);

        List<AuditEvent> calls = aws.audit().events("function");
        assertThat(calls).isNotEmpty().allSatisfy(event -> {
            assertThat(event.operation()).isEqualTo("Decrypt");
            assertThat(event.resources()).containsExactly(appKeyArn);
            assertThat(event.outcome()).isEqualTo(AuditEvent.OK);
        });

        try (SsmClient ssm = LocalAwsClients.ssm(aws, "function")) {
            assertThatThrownBy(() -> ssm.getParameters(r -> r.names("/lp/db-password").withDecryption(false)))
                    .isInstanceOfSatisfying(SsmException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> ssm.describeParameters(r -> { }))
                    .isInstanceOfSatisfying(SsmException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        }
        FIGURES.put("functionDecryptCalls", calls.size());
    }

    @Test
    void roleForAnotherKey_isDenied_withTheKeyArnAndTheStatementToAdd() {
        BakedSecretsClient secrets = runtimeAs("other-function");

        KmsAccessDeniedException denied = catchThrowableOfType(KmsAccessDeniedException.class,
                () -> secrets.get("DB_PASSWORD"));

        String statement = "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + appKeyArn + "\"}";
        assertThat(denied).as("a role for another key is refused kms:Decrypt").isNotNull();
        assertThat(denied.keyArn()).isEqualTo(appKeyArn);
        assertThat(denied.iamStatement()).isEqualTo(statement);
        assertThat(denied.getMessage()).contains(appKeyArn, statement, "DB_PASSWORD").doesNotContain(DB_PASSWORD);
        assertThat(aws.audit().events("other-function")).extracting(AuditEvent::operation, AuditEvent::outcome)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("Decrypt", "AccessDeniedException"));
    }

    private BakedSecretsClient runtimeAs(String principal) {
        return BakedSecretsClient.builder().file(baked.output().orElseThrow()).endpoint(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(principal))).build();
    }
}
