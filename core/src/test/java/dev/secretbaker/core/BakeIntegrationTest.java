package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The bake against the embedded SSM + KMS emulator, as a least-privilege deployer. */
class BakeIntegrationTest {

    private static final String KEY_ALIAS = "alias/app-secrets";
    private static final String DEPLOYER = "deployer";

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static SsmClient adminSsm;
    private static KmsClient adminKms;
    /** 100 SecureStrings made once for the tests that need many; none of them changes parameters. */
    private static final List<SecretRequest> HUNDRED = new ArrayList<>();

    @TempDir
    Path folder;

    private String prefix;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        aws.addPrincipal(DEPLOYER, List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:DescribeParameters",
                "ssm:GetParameterHistory", "kms:DescribeKey"), List.of("*"));
        adminSsm = LocalAwsClients.ssm(aws);
        adminKms = LocalAwsClients.kms(aws);
        String keyId = adminKms.createKey(r -> r.description("app secrets")).keyMetadata().keyId();
        adminKms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(keyId));
        for (int i = 0; i < 100; i++) {
            String name = String.format("/it/shared/s%03d", i);
            adminSsm.putParameter(r -> r.name(name).value("value-" + name).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
            HUNDRED.add(request("S" + i, name));
        }
    }

    @BeforeEach
    void freshState() {
        prefix = "/it/" + UUID.randomUUID().toString().substring(0, 8);
        aws.faults().clear();
        aws.audit().clear();
    }

    @AfterEach
    void noFaultsLeft() {
        aws.faults().clear();
    }

    private Baker deployerBaker() {
        return deployerBaker(SsmOptions.DEFAULT_MAX_ATTEMPTS);
    }

    private Baker deployerBaker(int maxAttempts) {
        return Baker.create(SsmOptions.builder()
                .endpointUrl(aws.endpoint())
                .region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(DEPLOYER)))
                .maxAttempts(maxAttempts)
                .build());
    }

    private String secure(String name, String value) {
        adminSsm.putParameter(r -> r.name(prefix + name).value(value).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
        return prefix + name;
    }

    private static SecretRequest request(String name, String parameter) {
        return new SecretRequest(name, parameter, "custom.secretBaker." + name);
    }

    private String decrypt(BakedSecret secret) {
        return adminKms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                .encryptionContext(Map.of("PARAMETER_ARN", secret.arn()))).plaintext().asUtf8String();
    }

    @Test
    void bake_writesCiphertextsInConfigurationOrder_thatOnlyKmsCanTurnBackIntoTheValues() throws Exception {
        String zeta = secure("/zeta", "zeta-value");
        String alpha = secure("/alpha", "alpha-value");
        Path output = folder.resolve("secret-baker-secrets.json");

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.bake(List.of(request("ZETA", zeta), request("ALPHA", alpha)), output);
        }

        String json = Files.readString(output);
        assertThat(json).doesNotContain("zeta-value", "alpha-value");
        assertThat(result.secretsFile().names()).containsExactly("ZETA", "ALPHA");
        assertThat(decrypt(result.secretsFile().find("ZETA").orElseThrow())).isEqualTo("zeta-value");
        assertThat(decrypt(result.secretsFile().find("ALPHA").orElseThrow())).isEqualTo("alpha-value");
        assertThat(result.parameters()).allSatisfy(p -> {
            assertThat(p.keyId()).isEqualTo(KEY_ALIAS);
            assertThat(p.tier()).isEqualTo("Standard");
            assertThat(p.arn()).isEqualTo("arn:aws:ssm:" + aws.region() + ":" + aws.accountId() + ":parameter" + p.parameterName());
        });
    }

    @Test
    void bakingPrincipal_makesNoDecryptAndNoWithDecryptionTrueCall() {
        String a = secure("/a", "a-value");
        String b = secure("/b", "b-value");

        try (Baker baker = deployerBaker()) {
            baker.bake(List.of(request("A", a), request("B", b)), folder.resolve("out.json"));
        }

        List<AuditEvent> events = aws.audit().events(DEPLOYER);
        assertThat(events).isNotEmpty();
        assertThat(events).noneMatch(e -> "kms".equals(e.service()));
        assertThat(events).noneMatch(e -> "Decrypt".equals(e.operation()));
        assertThat(events).noneMatch(e -> Boolean.TRUE.equals(e.withDecryption()));
        assertThat(events).filteredOn(e -> "GetParameters".equals(e.operation()))
                .allSatisfy(e -> assertThat(e.withDecryption()).isFalse());
    }

    @Test
    void pinnedVersionLabelAndArn_bakeWhatTheySelect() {
        String db = secure("/db", "first");
        adminSsm.putParameter(r -> r.name(db).value("second").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));
        adminSsm.labelParameterVersion(r -> r.name(db).parameterVersion(1L).labels("blue"));
        String arn = "arn:aws:ssm:" + aws.region() + ":" + aws.accountId() + ":parameter" + db;

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(List.of(request("V1", db + ":1"), request("BLUE", db + ":blue"), request("LATEST", db),
                    request("BY_ARN", arn), request("ARN_V1", arn + ":1")));
        }

        assertThat(result.secretsFile().secrets()).extracting(this::decrypt).containsExactly("first", "first", "second", "second", "first");
        assertThat(result.parameters()).extracting(BakedParameter::version).containsExactly(1L, 1L, 2L, 2L, 1L);
    }

    @Test
    void advancedTierParameter_isBaked_andReportedAsAdvanced() {
        adminSsm.putParameter(r -> r.name(prefix + "/big").value("advanced-value").type(ParameterType.SECURE_STRING)
                .keyId(KEY_ALIAS).tier(ParameterTier.ADVANCED));

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(List.of(request("BIG", prefix + "/big")));
        }

        assertThat(result.parameters()).singleElement().satisfies(p -> assertThat(p.tier()).isEqualTo("Advanced"));
        assertThat(result.secretsFile().find("BIG").orElseThrow().ciphertext()).isNotBlank();
    }

    @Test
    void stringAwsManagedKeyMissingParameterAndMissingVersion_areRefusedTogether_eachNamingSecretAndPath() throws Exception {
        String good = secure("/good", "good-value");
        adminSsm.putParameter(r -> r.name(prefix + "/plain").value("plain-canary-value").type(ParameterType.STRING));
        adminSsm.putParameter(r -> r.name(prefix + "/default-key").value("default-key-value").type(ParameterType.SECURE_STRING));
        Path output = folder.resolve("secret-baker-secrets.json");

        try (Baker baker = deployerBaker()) {
            assertThatThrownBy(() -> baker.bake(List.of(
                    request("GOOD", good),
                    request("PLAIN", prefix + "/plain"),
                    request("DEFAULT_KEY", prefix + "/default-key"),
                    request("GONE", prefix + "/gone"),
                    request("OLD", good + ":9")), output))
                    .isInstanceOfSatisfying(BakeException.class, e -> {
                        assertThat(e.problems()).extracting(BakeProblem::secretName).containsExactly("PLAIN", "DEFAULT_KEY", "GONE", "OLD");
                        assertThat(e.problems()).extracting(BakeProblem::parameter)
                                .containsExactly(prefix + "/plain", prefix + "/default-key", prefix + "/gone", good + ":9");
                        assertThat(e.problems().get(0).reason()).contains("not a SecureString");
                        assertThat(e.problems().get(1).reason()).contains("alias/aws/ssm");
                        assertThat(e.problems().get(1).fix()).contains("customer managed", "aws ssm put-parameter");
                        assertThat(e.problems().get(2).reason()).contains("does not exist");
                        assertThat(e.problems().get(3).reason()).contains("Version 9", "does not exist", "latest version is 1");
                        assertThat(e.getMessage()).doesNotContain("plain-canary-value");
                    });
        }
        assertThat(output).doesNotExist();
    }

    @Test
    void throttling_isRetried_andTheBakeSucceeds() {
        List<SecretRequest> requests = secrets(30);
        aws.faults().seed(3).throttleRate(0.4);

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(requests);
        }

        assertThat(result.secretsFile().size()).isEqualTo(30);
        assertThat(result.apiCalls().retries()).isPositive();
        assertThat(aws.audit().events(DEPLOYER)).anyMatch(e -> "ThrottlingException".equals(e.outcome()));
    }

    @Test
    void aTransactionsPerSecondCap_isRetriedThrough() {
        List<SecretRequest> requests = secrets(100);
        aws.faults().tpsLimit("GetParameters", 8);

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(requests);
        }

        assertThat(result.secretsFile().size()).isEqualTo(100);
        assertThat(result.apiCalls().total()).isLessThanOrEqualTo(20);
    }

    @Test
    void serverErrorsAndDroppedConnections_areRetried_andTheBakeSucceeds() {
        List<SecretRequest> requests = secrets(30);
        aws.faults().seed(11).serverErrorRate(0.3).dropConnectionRate(0.2);

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(requests);
        }

        assertThat(result.secretsFile().size()).isEqualTo(30);
        assertThat(result.apiCalls().retries()).isPositive();
        assertThat(aws.audit().events(DEPLOYER)).anyMatch(e -> !e.succeeded());
    }

    @Test
    void failureAfterRetries_leavesAnOlderFileUntouched() throws Exception {
        List<SecretRequest> requests = secrets(15);
        Path output = folder.resolve("secret-baker-secrets.json");
        byte[] older = "{\"OLD\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/OLD\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(output, older);
        aws.faults().serverErrorRate(1.0);

        try (Baker baker = deployerBaker(3)) {
            assertThatThrownBy(() -> baker.bake(requests, output))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).allSatisfy(
                            p -> assertThat(p.reason()).contains("kept failing", "InternalServerError")));
        }

        assertThat(Files.readAllBytes(output)).isEqualTo(older);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(output);
        }
    }

    @Test
    void droppedConnectionsAfterRetries_leaveNoFile() {
        List<SecretRequest> requests = secrets(5);
        Path output = folder.resolve("build/secret-baker-secrets.json");
        aws.faults().dropConnectionRate(1.0);

        try (Baker baker = deployerBaker(3)) {
            assertThatThrownBy(() -> baker.bake(requests, output))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.getMessage()).contains("could not be reached"));
        }

        assertThat(output).doesNotExist();
    }

    @Test
    void hundredSecrets_takeAtMostTwoCallsPerTenSecrets_countedByTheEmulator() {
        List<SecretRequest> requests = secrets(100);
        List<SecretRequest> twice = new ArrayList<>(requests);
        twice.add(new SecretRequest("ALIAS_OF_0", requests.get(0).parameter(), "custom.secretBaker.ALIAS_OF_0"));

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(twice);
        }

        List<AuditEvent> events = aws.audit().events(DEPLOYER);
        assertThat(events).hasSizeLessThanOrEqualTo(2 * 10);
        assertThat(events).hasSize(result.apiCalls().total());
        assertThat(result.secretsFile().names()).containsExactlyElementsOf(twice.stream().map(SecretRequest::name).toList());
    }

    @Test
    void deployerWithoutDescribeParameters_isToldWhichPermissionToGrant() {
        String a = secure("/a", "a-value");
        aws.addPrincipal("reader-only", List.of("ssm:GetParameters"), List.of("*"));

        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("reader-only"))).build())) {
            assertThatThrownBy(() -> baker.verify(List.of(request("A", a))))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.reason()).contains("A", "DescribeParameters", "access denied");
                        assertThat(p.fix()).contains("ssm:DescribeParameters");
                    }));
        }
    }

    /** The key id and ARN of the AWS managed key alias/aws/ssm, as ListAliases and DescribeKey name it. */
    private static List<String> awsManagedSsmKeyIdAndArn() {
        String keyId = adminKms.listAliases().aliases().stream().filter(a -> a.aliasName().equals("alias/aws/ssm"))
                .findFirst().orElseThrow().targetKeyId();
        return List.of(keyId, adminKms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn());
    }

    @Test
    void aPinnedOlderVersionUnderTheAwsManagedKey_isRefused_thoughTheLatestUsesACustomerKey() {
        String db = prefix + "/db";
        adminSsm.putParameter(r -> r.name(db).value("first").type(ParameterType.SECURE_STRING)); // alias/aws/ssm
        adminSsm.putParameter(r -> r.name(db).value("second").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));

        try (Baker baker = deployerBaker()) {
            assertThatThrownBy(() -> baker.verify(List.of(request("V1", db + ":1"), request("LATEST", db))))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.secretName()).isEqualTo("V1");
                        assertThat(p.reason()).contains("AWS managed key alias/aws/ssm");
                    }));
        }
    }

    @Test
    void aPinnedOlderVersionUnderACustomerKey_isBaked_andReportsItsOwnKey_thoughTheLatestUsesTheAwsManagedKey() {
        String db = prefix + "/db";
        adminSsm.putParameter(r -> r.name(db).value("first").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
        adminSsm.putParameter(r -> r.name(db).value("second").type(ParameterType.SECURE_STRING).keyId("alias/aws/ssm").overwrite(true));

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(List.of(request("V1", db + ":1")));
        }

        assertThat(result.parameters()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(1L);
            assertThat(p.keyId()).isEqualTo(KEY_ALIAS);
        });
        assertThat(decrypt(result.secretsFile().find("V1").orElseThrow())).isEqualTo("first");
        assertThat(result.apiCalls().getParameterHistory()).isEqualTo(1);
    }

    @Test
    void theAwsManagedKeyNamedByKeyIdOrKeyArn_isRefused() {
        List<String> idAndArn = awsManagedSsmKeyIdAndArn();
        String byId = prefix + "/by-id";
        String byArn = prefix + "/by-arn";
        adminSsm.putParameter(r -> r.name(byId).value("v").type(ParameterType.SECURE_STRING).keyId(idAndArn.get(0)));
        adminSsm.putParameter(r -> r.name(byArn).value("v").type(ParameterType.SECURE_STRING).keyId(idAndArn.get(1)));

        try (Baker baker = deployerBaker()) {
            assertThatThrownBy(() -> baker.verify(List.of(request("BY_ID", byId), request("BY_ARN", byArn))))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems())
                            .extracting(BakeProblem::secretName).containsExactly("BY_ID", "BY_ARN"))
                    .hasMessageContaining("AWS managed key " + idAndArn.get(0))
                    .hasMessageContaining("AWS managed key " + idAndArn.get(1));
        }
    }

    @Test
    void aCustomerKeyNamedByIdOrArn_isBaked_withOneDescribeKeyPerKey_andAnAliasNeedsNone() {
        var key = adminKms.describeKey(r -> r.keyId(KEY_ALIAS)).keyMetadata();
        String byId = prefix + "/by-id";
        String byArn = prefix + "/by-arn";
        String byId2 = prefix + "/by-id-2";
        adminSsm.putParameter(r -> r.name(byId).value("v").type(ParameterType.SECURE_STRING).keyId(key.keyId()));
        adminSsm.putParameter(r -> r.name(byId2).value("v").type(ParameterType.SECURE_STRING).keyId(key.keyId()));
        adminSsm.putParameter(r -> r.name(byArn).value("v").type(ParameterType.SECURE_STRING).keyId(key.arn()));
        String byAlias = secure("/by-alias", "v");

        BakeResult result;
        try (Baker baker = deployerBaker()) {
            result = baker.verify(List.of(request("BY_ID", byId), request("BY_ID_2", byId2), request("BY_ARN", byArn),
                    request("BY_ALIAS", byAlias)));
        }

        assertThat(result.parameters()).extracting(BakedParameter::keyId)
                .containsExactly(key.keyId(), key.keyId(), key.arn(), KEY_ALIAS);
        assertThat(result.apiCalls().describeKey()).isEqualTo(2);
        assertThat(result.apiCalls().getParameterHistory()).isZero();
        assertThat(aws.audit().events(DEPLOYER)).filteredOn(e -> "kms".equals(e.service()))
                .extracting(AuditEvent::operation).containsOnly("DescribeKey");
    }

    @Test
    void deployerWithoutGetParameterHistoryOrDescribeKey_isToldWhichPermissionToGrant() {
        String db = prefix + "/db";
        adminSsm.putParameter(r -> r.name(db).value("first").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
        adminSsm.putParameter(r -> r.name(db).value("second").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));
        String keyId = adminKms.describeKey(r -> r.keyId(KEY_ALIAS)).keyMetadata().keyId();
        String byId = prefix + "/by-id";
        adminSsm.putParameter(r -> r.name(byId).value("v").type(ParameterType.SECURE_STRING).keyId(keyId));
        aws.addPrincipal("minimal-deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));

        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("minimal-deployer"))).build())) {
            assertThat(baker.verify(List.of(request("LATEST", db))).parameters()).hasSize(1);
            assertThatThrownBy(() -> baker.verify(List.of(request("V1", db + ":1"), request("BY_ID", byId))))
                    .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).satisfiesExactly(
                            p -> assertThat(p.fix()).contains("ssm:GetParameterHistory"),
                            p -> {
                                assertThat(p.reason()).contains(keyId, "kms:DescribeKey", "AccessDenied");
                                assertThat(p.fix()).contains("kms:DescribeKey");
                            }));
        }
    }

    private static List<SecretRequest> secrets(int count) {
        aws.audit().clear();
        return List.copyOf(HUNDRED.subList(0, count));
    }
}
