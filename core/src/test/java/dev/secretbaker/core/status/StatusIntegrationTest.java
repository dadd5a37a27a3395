package dev.secretbaker.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Every state, against the emulator, as a principal that may read parameters but never decrypt them. */
class StatusIntegrationTest {

    private static final String KEY_ALIAS = "alias/status-test";
    private static final String CHECKER = "checker";
    private static final String NO_HISTORY = "checker-without-history";

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static SsmClient admin;

    private String prefix;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        aws.addPrincipal(CHECKER, List.of("ssm:GetParameters", "ssm:DescribeParameters", "ssm:GetParameterHistory"), List.of("*"));
        aws.addPrincipal(NO_HISTORY, List.of("ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
        admin = LocalAwsClients.ssm(aws);
        try (KmsClient kms = LocalAwsClients.kms(aws)) {
            String keyId = kms.createKey(r -> r.description("status test")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(keyId));
        }
    }

    @BeforeEach
    void freshPrefix() {
        prefix = "/status/" + UUID.randomUUID().toString().substring(0, 8);
        aws.audit().clear();
    }

    private String put(String name, String value) {
        admin.putParameter(r -> r.name(prefix + name).value(value).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));
        return prefix + name;
    }

    private static SecretRequest request(String name, String parameter) {
        return new SecretRequest(name, parameter, "custom.secretBaker." + name);
    }

    private static BakedSecretsSource.Baked bake(List<SecretRequest> requests) {
        try (Baker baker = Baker.builder().ssmClient(LocalAwsClients.ssm(aws)).build()) {
            return new BakedSecretsSource.Baked(baker.verify(requests).secretsFile(), "test");
        }
    }

    private static StatusReport status(String principal, BakedSecretsSource.Baked baked, List<SecretRequest> configuration) {
        try (StatusChecker checker = StatusChecker.create(SsmOptions.builder().endpointUrl(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(principal))).build())) {
            return checker.check(baked, configuration);
        }
    }

    @Test
    void status_ofAnUnchangedParameter_isCurrent_inOneCall() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")));
        BakedSecretsSource.Baked baked = bake(config);

        StatusReport report = status(CHECKER, baked, config);

        SecretStatus db = report.secret("DB");
        assertThat(db.state()).isEqualTo(SecretState.CURRENT);
        assertThat(db.bakedVersion()).isEqualTo(1L);
        assertThat(db.latestVersion()).isEqualTo(1L);
        assertThat(db.lastModified()).isNotNull();
        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.UP_TO_DATE);
        assertThat(report.calls()).isEqualTo(1);
    }

    @Test
    void status_afterOneRotation_isStale_namingTheBakedAndLatestVersions_withoutTheHistory() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "v2-value");

        StatusReport report = status(NO_HISTORY, baked, config);

        SecretStatus db = report.secret("DB");
        assertThat(db.state()).isEqualTo(SecretState.STALE);
        assertThat(db.bakedVersion()).isEqualTo(1L);
        assertThat(db.latestVersion()).isEqualTo(2L);
        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.REDEPLOY);
        assertThat(report.getParameterHistoryCalls()).isZero();
        assertThat(report.getParametersCalls()).isEqualTo(2);
    }

    @Test
    void status_afterSeveralRotations_namesTheBakedVersionFromTheHistory() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "v2-value");
        put("/db", "v3-value");

        StatusReport report = status(CHECKER, baked, config);

        SecretStatus db = report.secret("DB");
        assertThat(db.state()).isEqualTo(SecretState.STALE);
        assertThat(db.bakedVersion()).isEqualTo(1L);
        assertThat(db.latestVersion()).isEqualTo(3L);
        assertThat(report.getParameterHistoryCalls()).isEqualTo(1);
        assertThat(aws.audit().eventsOf("GetParameterHistory")).allSatisfy(e -> assertThat(e.withDecryption()).isFalse());
    }

    @Test
    void status_afterSeveralRotations_withoutHistoryPermission_isStillStale_andSaysWhatPermissionNamesTheVersion() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "v2-value");
        put("/db", "v3-value");

        SecretStatus db = status(NO_HISTORY, baked, config).secret("DB");

        assertThat(db.state()).isEqualTo(SecretState.STALE);
        assertThat(db.bakedVersion()).isNull();
        assertThat(db.reason()).contains("ssm:GetParameterHistory");
    }

    @Test
    void status_ofAVersionPin_isPinned_andSaysANewerVersionExists() {
        String db = put("/db", "v1-value");
        put("/db", "v2-value");
        List<SecretRequest> config = List.of(request("DB", db + ":1"));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "v3-value");

        StatusReport report = status(CHECKER, baked, config);

        SecretStatus pinned = report.secret("DB");
        assertThat(pinned.state()).isEqualTo(SecretState.PINNED);
        assertThat(pinned.pin()).isEqualTo("1");
        assertThat(pinned.bakedVersion()).isEqualTo(1L);
        assertThat(pinned.latestVersion()).isEqualTo(3L);
        assertThat(pinned.newerVersion()).isTrue();
        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.UP_TO_DATE);
    }

    @Test
    void status_ofAPinToTheLatestVersion_isPinned_withNoNewerVersion_inOneCall() {
        String db = put("/db", "v1-value");
        List<SecretRequest> config = List.of(request("DB", db + ":1"));

        StatusReport report = status(CHECKER, bake(config), config);

        assertThat(report.secret("DB").state()).isEqualTo(SecretState.PINNED);
        assertThat(report.secret("DB").newerVersion()).isFalse();
        assertThat(report.calls()).isEqualTo(1);
    }

    @Test
    void status_ofALabelPin_isPinned_untilTheLabelMoves_thenStale() {
        String db = put("/db", "v1-value");
        admin.labelParameterVersion(r -> r.name(db).parameterVersion(1L).labels("prod"));
        List<SecretRequest> config = List.of(request("DB", db + ":prod"));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "v2-value");

        SecretStatus before = status(CHECKER, baked, config).secret("DB");
        admin.labelParameterVersion(r -> r.name(db).parameterVersion(2L).labels("prod"));
        SecretStatus after = status(CHECKER, baked, config).secret("DB");

        assertThat(before.state()).isEqualTo(SecretState.PINNED);
        assertThat(before.newerVersion()).isTrue();
        assertThat(after.state()).isEqualTo(SecretState.STALE);
        assertThat(after.bakedVersion()).isEqualTo(1L);
        assertThat(after.reason()).contains("label prod now selects version 2");
    }

    @Test
    void status_ofAVersionPin_fromAFileAlone_isStale_becauseOnlyTheConfigurationTellsAPin() {
        String db = put("/db", "v1-value");
        put("/db", "v2-value");
        BakedSecretsSource.Baked baked = bake(List.of(request("DB", db + ":1")));

        SecretStatus status = status(CHECKER, baked, List.of()).secret("DB");

        assertThat(status.state()).isEqualTo(SecretState.STALE);
        assertThat(status.bakedVersion()).isEqualTo(1L);
    }

    @Test
    void status_ofADeletedParameter_isGone() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")), request("API", put("/api", "api")));
        BakedSecretsSource.Baked baked = bake(config);
        admin.deleteParameter(r -> r.name(prefix + "/db"));

        StatusReport report = status(CHECKER, baked, config);

        assertThat(report.secret("DB").state()).isEqualTo(SecretState.GONE);
        assertThat(report.secret("DB").reason()).contains("deleted");
        assertThat(report.secret("API").state()).isEqualTo(SecretState.CURRENT);
        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.REDEPLOY);
    }

    @Test
    void status_ofAParameterDeletedAndCreatedAgain_isStale_andSaysTheBakedVersionIsNotInTheHistory() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "v1-value")));
        BakedSecretsSource.Baked baked = bake(config);
        admin.deleteParameter(r -> r.name(prefix + "/db"));
        put("/db", "new-v1-value");

        SecretStatus db = status(CHECKER, baked, config).secret("DB");

        assertThat(db.state()).isEqualTo(SecretState.STALE);
        assertThat(db.bakedVersion()).isNull();
        assertThat(db.reason()).contains("not in the parameter's history");
    }

    @Test
    void status_deniedAccess_isUnknown_withTheReason_andTheOthersStillReported() {
        String allowed = put("/allowed", "a");
        String denied = put("/denied", "d");
        String principal = "partial-" + prefix.substring(prefix.lastIndexOf('/') + 1);
        aws.addPrincipal(principal, List.of("ssm:GetParameters"), List.of("arn:aws:ssm:*:*:parameter" + allowed));
        List<SecretRequest> config = List.of(request("ALLOWED", allowed), request("DENIED", denied));
        BakedSecretsSource.Baked allowedFile = bake(config.subList(0, 1));
        BakedSecretsSource.Baked deniedFile = bake(config.subList(1, 2));

        SecretStatus ok = status(principal, allowedFile, config.subList(0, 1)).secret("ALLOWED");
        StatusReport report = status(principal, deniedFile, config.subList(1, 2));

        assertThat(ok.state()).isEqualTo(SecretState.CURRENT);
        assertThat(report.secret("DENIED").state()).isEqualTo(SecretState.UNKNOWN);
        assertThat(report.secret("DENIED").reason()).contains("AccessDeniedException", "ssm:GetParameters");
        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.INCOMPLETE);
    }

    @Test
    void status_withAChangedConfiguration_reportsAddedRemovedAndRepointedSecretsAsStale() {
        String db = put("/db", "v1");
        String api = put("/api", "a");
        String other = put("/other", "o");
        BakedSecretsSource.Baked baked = bake(List.of(request("DB", db), request("API", api), request("REMOVED", db)));

        StatusReport report = status(CHECKER, baked,
                List.of(request("DB", db), request("API", other), request("ADDED", other)));

        assertThat(report.secrets()).extracting(SecretStatus::name).containsExactly("DB", "API", "REMOVED", "ADDED");
        assertThat(report.secret("DB").state()).isEqualTo(SecretState.CURRENT);
        assertThat(report.secret("API").state()).isEqualTo(SecretState.STALE);
        assertThat(report.secret("API").reason()).contains("now reads " + other);
        assertThat(report.secret("REMOVED").reason()).contains("no longer configured");
        assertThat(report.secret("ADDED").reason()).contains("not in the baked file");
    }

    @Test
    void status_ofAHundredSecrets_takesTenCallsWhenCurrent_andAtMostTwentyWhenAllRotatedOnce_neverDecrypting() {
        List<SecretRequest> config = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            config.add(request("S" + i, put(String.format("/s%03d", i), "first-" + i)));
        }
        BakedSecretsSource.Baked baked = bake(config);

        StatusReport current = status(CHECKER, baked, config);
        for (int i = 0; i < 100; i++) {
            put(String.format("/s%03d", i), "second-" + i);
        }
        aws.audit().clear();
        StatusReport rotated = status(CHECKER, baked, config);

        assertThat(current.counts().get(SecretState.CURRENT)).isEqualTo(100);
        assertThat(current.calls()).isEqualTo(10);
        assertThat(rotated.secrets()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(SecretState.STALE);
            assertThat(s.bakedVersion()).isEqualTo(1L);
            assertThat(s.latestVersion()).isEqualTo(2L);
        });
        assertThat(rotated.calls()).isLessThanOrEqualTo(2 * 10);
        List<AuditEvent> events = aws.audit().events(CHECKER);
        assertThat(events).hasSize(rotated.calls()).allSatisfy(e -> {
            assertThat(e.service()).isEqualTo("ssm");
            assertThat(e.withDecryption()).isFalse();
        });
    }

    @Test
    void tableAndJson_carryNoValueAndNoCiphertext() {
        List<SecretRequest> config = List.of(request("DB", put("/db", "canary-plaintext")));
        BakedSecretsSource.Baked baked = bake(config);
        put("/db", "canary-plaintext-2");
        String ciphertext = baked.secrets().find("DB").orElseThrow().ciphertext();

        StatusReport report = status(CHECKER, baked, config);

        String everything = String.join("\n", report.table()) + report.summary() + report.toJson() + report;
        assertThat(everything).doesNotContain("canary", ciphertext, ciphertext.substring(0, 24));
        assertThat(report.toJson()).contains("\"state\":\"stale\"", "\"bakedVersion\":1", "\"latestVersion\":2",
                "\"arn\":\"arn:aws:ssm:");
    }
}
