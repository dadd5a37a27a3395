package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.status.BakedSecretsSource;
import dev.secretbaker.core.status.SecretState;
import dev.secretbaker.core.status.SecretStatus;
import dev.secretbaker.core.status.StatusChecker;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Failed calls name where they went: the endpoint and region, with the fix for a wrong one. */
class CallTargetIntegrationTest {

    private static final List<SecretRequest> ONE = List.of(new SecretRequest("DB_PASSWORD", "/app/db-password",
            "custom.secretBaker.DB_PASSWORD"));

    @Test
    void bake_whenNothingListensOnALoopbackEndpoint_namesItAndAsksWhetherTheEmulatorRuns() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort);

        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(endpoint).region("eu-central-1")
                .credentialsProvider(LocalAwsClients.credentials(LocalPrincipal.admin()))
                .maxAttempts(2).build())) {
            assertThatThrownBy(() -> baker.verify(ONE)).isInstanceOfSatisfying(BakeException.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.reason()).contains("DB_PASSWORD", "could not be reached at " + endpoint
                                + " (region eu-central-1) after 2 attempts", "Connection refused");
                        assertThat(problem.fix()).contains("Nothing answered at " + endpoint,
                                "is the local emulator running?", "secret-baker local");
                    }));
        }
    }

    @Test
    void bake_againstAnEndpointOfAnotherRegion_pointsAtTheRegionNotTheCredentials() {
        try (LocalAws emulator = LocalAws.builder().region("eu-west-1").build().start();
                Baker baker = Baker.create(SsmOptions.builder().endpointUrl(emulator.endpoint()).region("us-east-1")
                        .credentialsProvider(LocalAwsClients.credentials(emulator.principal("admin"))).build())) {
            assertThatThrownBy(() -> baker.verify(ONE)).isInstanceOfSatisfying(BakeException.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.reason()).contains("DB_PASSWORD", "Parameter Store at " + emulator.endpoint()
                                        + " (region us-east-1) refused the request: the region it was signed for"
                                        + " (us-east-1) is not the region that endpoint serves",
                                "InvalidSignatureException: Credential should be scoped to a valid region.");
                        assertThat(problem.fix()).contains("Set the region to the one the endpoint serves",
                                "the credentials are not the problem", "The local emulator prints its region");
                        assertThat(problem.fix()).doesNotContain("Check the AWS credentials");
                    }));
        }
    }

    @Test
    void status_afterTheEmulatorStopped_saysSoForEachSecret() {
        BakedSecretsSource.Baked baked;
        URI endpoint;
        try (LocalAws emulator = LocalAws.builder().build().start();
                SsmClient admin = LocalAwsClients.ssm(emulator);
                KmsClient kms = LocalAwsClients.kms(emulator)) {
            String keyId = kms.createKey(r -> r.description("status")).keyMetadata().keyId();
            admin.putParameter(r -> r.name("/app/db-password").type(ParameterType.SECURE_STRING).keyId(keyId)
                    .value("status-test-value"));
            try (Baker baker = Baker.builder().ssmClient(LocalAwsClients.ssm(emulator)).build()) {
                baked = new BakedSecretsSource.Baked(baker.verify(ONE).secretsFile(), "test");
            }
            endpoint = emulator.endpoint();
        }

        try (StatusChecker checker = StatusChecker.create(SsmOptions.builder().endpointUrl(endpoint)
                .credentialsProvider(LocalAwsClients.credentials(LocalPrincipal.admin()))
                .maxAttempts(1).build())) {
            SecretStatus status = checker.check(baked, ONE).secret("DB_PASSWORD");

            assertThat(status.state()).isEqualTo(SecretState.UNKNOWN);
            assertThat(status.reason()).contains("could not be reached at " + endpoint + " (region us-east-1)",
                    "is the local emulator running?");
        }
    }
}
