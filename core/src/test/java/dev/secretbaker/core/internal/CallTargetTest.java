package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

class CallTargetTest {

    @Test
    void of_aClientWithoutAnEndpoint_namesAwsEndpointForItsRegion() {
        try (SsmClient ssm = SsmClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            CallTarget target = CallTarget.of(ssm);

            assertThat(target.describe()).isEqualTo("at https://ssm.eu-west-1.amazonaws.com (region eu-west-1)");
            assertThat(target.isLoopback()).isFalse();
        }
    }

    @Test
    void of_aClientWithAnEndpoint_namesThatEndpoint() {
        try (SsmClient ssm = SsmClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:4566"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            CallTarget target = CallTarget.of(ssm);

            assertThat(target.describe()).isEqualTo("at http://127.0.0.1:4566 (region us-east-1)");
            assertThat(target.isLoopback()).isTrue();
        }
    }

    @Test
    void isLoopback_isTrueForThisMachineOnly() {
        for (String loopback : new String[] {"http://localhost:4566", "https://LOCALHOST", "http://127.0.0.1:9",
                "http://127.1.2.3", "http://[::1]:4566", "http://emulator.localhost:80"}) {
            assertThat(new CallTarget(URI.create(loopback), "us-east-1").isLoopback()).as(loopback).isTrue();
        }
        for (String remote : new String[] {"https://ssm.us-east-1.amazonaws.com", "http://10.0.0.1:4566",
                "http://128.0.0.1", "http://localhost.example.com", "http://[::2]"}) {
            assertThat(new CallTarget(URI.create(remote), "us-east-1").isLoopback()).as(remote).isFalse();
        }
        assertThat(new CallTarget(null, null).isLoopback()).isFalse();
        assertThat(new CallTarget(null, null).describe()).isEmpty();
    }
}
