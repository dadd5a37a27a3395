package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;

/** Faults are seen through the SDK as the AWS errors (or network failures) they imitate. Retries are off. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FaultsIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    @AfterEach
    void clearFaults() {
        aws.aws().faults().clear();
    }

    @Test
    void throttling_isThrottlingExceptionWithStatus400(LocalAws emulator, KmsClient kms) {
        emulator.faults().throttleRate(1.0);

        assertThatThrownBy(kms::listAliases)
                .isInstanceOf(KmsException.class)
                .satisfies(e -> {
                    AwsServiceException error = (AwsServiceException) e;
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.isThrottlingException()).isTrue();
                });
        assertThat(emulator.audit().eventsOf("ListAliases")).last()
                .extracting(AuditEvent::outcome).isEqualTo("ThrottlingException");
    }

    @Test
    void aTpsLimit_throttlesCallsAboveIt(LocalAws emulator, KmsClient kms) {
        emulator.faults().tpsLimit("ListAliases", 2);

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                kms.listAliases();
                outcomes.add("OK");
            } catch (KmsException e) {
                outcomes.add(e.awsErrorDetails().errorCode());
            }
        }

        assertThat(outcomes).contains("OK", "ThrottlingException");
        assertThat(outcomes.subList(0, 2)).containsOnly("OK");
        // Other operations are not capped.
        kms.describeKey(b -> b.keyId("alias/aws/ssm"));
    }

    @Test
    void serverErrors_areKmsInternalExceptionWithStatus500(LocalAws emulator, KmsClient kms) {
        emulator.faults().serverErrorRate(1.0);

        assertThatThrownBy(kms::listAliases)
                .isInstanceOf(KmsInternalException.class)
                .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(500));
    }

    @Test
    void aDroppedConnection_isAnSdkClientException(LocalAws emulator, KmsClient kms) {
        emulator.faults().dropConnectionRate(1.0);

        assertThatThrownBy(kms::listAliases).isInstanceOf(SdkClientException.class);
        assertThat(emulator.audit().eventsOf("ListAliases")).last()
                .extracting(AuditEvent::outcome).isEqualTo(AuditEvent.CONNECTION_DROPPED);

        emulator.faults().clear();
        assertThat(kms.listAliases().aliases()).isNotEmpty();
    }

    @Test
    void aSeededRate_injectsTheSameFaultsEveryRun(LocalAws emulator, KmsClient kms) {
        List<String> first = runWithSeed(emulator, kms, 42);
        List<String> second = runWithSeed(emulator, kms, 42);

        assertThat(first).isEqualTo(second).contains("OK", "ThrottlingException");
    }

    private static List<String> runWithSeed(LocalAws emulator, KmsClient kms, long seed) {
        emulator.faults().clear().seed(seed).throttleRate(0.5);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                kms.listAliases();
                outcomes.add("OK");
            } catch (KmsException e) {
                outcomes.add(e.awsErrorDetails().errorCode());
            }
        }
        return outcomes;
    }

    @Test
    void aClientWithTheSdksDefaultRetries_getsThroughOccasionalThrottling(LocalAws emulator) {
        emulator.audit().clear();
        // Seed 12 throttles the 1st, 2nd and 7th attempts: two retries in a row, then one more.
        emulator.faults().seed(12).throttleRate(0.3);

        try (KmsClient retrying = LocalAwsClients.kmsBuilder(emulator, "admin").build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(retrying.listAliases().aliases()).isNotEmpty();
            }
        }
        assertThat(emulator.audit().eventsOf("ListAliases")).extracting(AuditEvent::outcome)
                .contains("ThrottlingException", "OK");
    }

    @Test
    void latency_holdsEachAnswerBackLongerThanAClientWaits(LocalAws emulator) {
        emulator.faults().latency(Duration.ofMinutes(1));

        try (KmsClient impatient = LocalAwsClients.kmsBuilder(emulator, LocalAws.ADMIN)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(2)).build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            assertThatThrownBy(impatient::listAliases).isInstanceOf(SdkClientException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);

            emulator.faults().latency(Duration.ZERO);
            assertThat(impatient.listAliases().aliases()).isNotEmpty();
        }
    }

    @Test
    void latency_delaysCallsButTheyStillSucceed(LocalAws emulator, KmsClient kms) {
        emulator.faults().latency(Duration.ofMillis(50));

        assertThat(kms.listAliases().aliases()).isNotEmpty();
        assertThat(emulator.audit().eventsOf("ListAliases")).last().extracting(AuditEvent::outcome).isEqualTo("OK");
    }
}
