package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.local.LocalAws;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TlsWarmUpIntegrationTest {

    @Test
    void handshake_verifiesTheCertificate_soAnEndpointThisJvmDoesNotTrust_fails() {
        try (LocalAws aws = LocalAws.builder().tls().build().start()) {
            assertThat(TlsWarmUp.handshake(aws.endpoint())).isFalse(); // the test JVM trusts the JDK's roots only
        }
    }

    @Test
    void handshake_withNothingListening_failsQuietly() {
        assertThat(TlsWarmUp.handshake(URI.create("https://127.0.0.1:1"))).isFalse();
    }

    @Test
    void startInBackground_ignoresPlainHttpAndUnknownEndpoints() {
        TlsWarmUp.startInBackground(URI.create("http://127.0.0.1:1"));
        TlsWarmUp.startInBackground(null);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("secret-baker-tls-warm-up"));
    }
}
