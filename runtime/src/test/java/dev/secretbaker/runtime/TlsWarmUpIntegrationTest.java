package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.local.LocalAws;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
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
    void prepare_initialisesTlsWithoutConnecting() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(200);

            assertThat(TlsWarmUp.prepare(URI.create("https://127.0.0.1:" + listening.getLocalPort()))).isTrue();
            // An endpoint this machine cannot reach, or whose name it cannot resolve, is prepared all the same.
            assertThat(TlsWarmUp.prepare(URI.create("https://kms.us-east-1.amazonaws.com"))).isTrue();
            assertThatThrownBy(listening::accept).as("no connection was made").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void startInBackground_ignoresPlainHttpAndUnknownEndpoints() {
        TlsWarmUp.prepareInBackground(URI.create("http://127.0.0.1:1"));
        TlsWarmUp.prepareInBackground(null);
        TlsWarmUp.startInBackground(URI.create("http://127.0.0.1:1"));
        TlsWarmUp.startInBackground(null);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("secret-baker-tls-warm-up")
                || t.getName().equals("secret-baker-tls-preparation"));
    }
}
