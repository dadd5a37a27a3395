package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.core.SsmOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmClientsTest {

    @Test
    void explicitOptions_setRegionEndpointAndAttempts() {
        SsmOptions options = SsmOptions.builder()
                .region("eu-west-1")
                .endpointUrl(URI.create("http://127.0.0.1:4566"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .maxAttempts(5)
                .build();

        try (SsmClient ssm = SsmClients.create(options)) {
            assertThat(ssm.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
            assertThat(ssm.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
            assertThat(ssm.serviceClientConfiguration().overrideConfiguration().retryStrategy())
                    .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(5));
        }
    }

    @Test
    void retryStrategy_keepsTheAttemptsItIsGiven() {
        assertThat(SsmClients.retryStrategy(8).maxAttempts()).isEqualTo(8);
    }
}
