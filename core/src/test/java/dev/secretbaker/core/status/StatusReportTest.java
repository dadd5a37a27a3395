package dev.secretbaker.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static final String ARN = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/db";
    private static final Instant MODIFIED = Instant.parse("2026-11-30T23:14:52.123Z");

    private static SecretStatus status(String name, SecretState state, String pin, Long baked, Long latest, Boolean newer,
            String reason) {
        return new SecretStatus(name, state, ARN, pin, baked, latest, MODIFIED, newer, reason);
    }

    private static StatusReport report(SecretStatus... secrets) {
        return new StatusReport("app.zip!/secret-baker-secrets.json", List.of(secrets), 2, 0, 0, Duration.ofMillis(40));
    }

    @Test
    void outcome_isUpToDate_onlyWhenEverySecretIsCurrentOrPinned() {
        assertThat(report(status("A", SecretState.CURRENT, null, 1L, 1L, null, null),
                status("B", SecretState.PINNED, "1", 1L, 2L, true, null)).outcome()).isEqualTo(StatusReport.Outcome.UP_TO_DATE);
        assertThat(report(status("A", SecretState.GONE, null, null, null, null, "the parameter was deleted")).outcome())
                .isEqualTo(StatusReport.Outcome.REDEPLOY);
    }

    @Test
    void outcome_isIncomplete_whenAnyStateIsUnknown_evenIfAnotherIsStale() {
        StatusReport report = report(status("A", SecretState.STALE, null, 1L, 2L, null, null),
                status("B", SecretState.UNKNOWN, null, null, null, null, "AccessDeniedException: no"));

        assertThat(report.outcome()).isEqualTo(StatusReport.Outcome.INCOMPLETE);
    }

    @Test
    void table_saysWhatEachStateMeans_inAlignedColumns() {
        List<String> table = report(
                status("CURRENT", SecretState.CURRENT, null, 1L, 1L, null, null),
                status("STALE", SecretState.STALE, null, 1L, 3L, null, null),
                status("PINNED", SecretState.PINNED, "prod", 2L, 2L, false, null),
                status("GONE", SecretState.GONE, null, null, null, null, "the parameter was deleted")).table();

        assertThat(table).hasSize(5);
        assertThat(table.get(0)).startsWith("NAME     STATE    BAKED  LATEST  LAST MODIFIED         PARAMETER");
        assertThat(table.get(1)).isEqualTo("CURRENT  current  v1     v1      2026-11-30T23:14:52Z  app/db");
        assertThat(table.get(2)).endsWith("app/db       version 3 is newer; bake and deploy again");
        assertThat(table.get(3)).contains("pinned   v2     v2").endsWith("app/db:prod  no newer version");
        assertThat(table.get(4)).contains("gone     -      -").endsWith("the parameter was deleted");
    }

    @Test
    void summary_countsTheStatesPresent_andTheCalls() {
        assertThat(report(status("A", SecretState.CURRENT, null, 1L, 1L, null, null),
                status("B", SecretState.STALE, null, 1L, 2L, null, null)).summary())
                .isEqualTo("app.zip!/secret-baker-secrets.json: 2 secrets, 1 current, 1 stale (2 SSM calls, 40 ms)");
    }

    @Test
    void json_writesNullsForWhatIsNotKnown() {
        String json = report(status("A", SecretState.UNKNOWN, null, null, null, null, "why")).toJson();

        assertThat(json).contains("\"outcome\":\"incomplete\"", "\"bakedVersion\":null", "\"latestVersion\":null",
                "\"newerVersion\":null", "\"reason\":\"why\"", "\"unknown\":1", "\"total\":2");
    }

    @Test
    void parameterArn_isValidatedAndRead_withoutTheLeadingSlashThatArnsDrop() {
        assertThat(ParameterArn.isValid(ARN)).isTrue();
        assertThat(ParameterArn.isValid("arn:aws:kms:eu-west-1:111122223333:key/abc")).isFalse();
        assertThat(ParameterArn.isValid("arn:aws:ssm::111122223333:parameter/app")).isFalse();
        assertThat(ParameterArn.region(ARN)).isEqualTo("eu-west-1");
        assertThat(ParameterArn.names(ARN, "/app/db")).isTrue();
        assertThat(ParameterArn.names(ARN, "app/db")).isTrue();
        assertThat(ParameterArn.names(ARN, ARN)).isTrue();
        assertThat(ParameterArn.names(ARN, "/app/other")).isFalse();
    }
}
