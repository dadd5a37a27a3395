package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container credentials endpoint: caching until shortly before expiry, retries, and refusals. */
class ContainerCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failuresLeft;
    private volatile Instant expiration = NOW.plus(Duration.ofHours(6));
    private final Map<String, String> env = new HashMap<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/creds", exchange -> {
            int n = requests.incrementAndGet();
            if (failuresLeft > 0) {
                failuresLeft--;
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"AccessKeyId\":\"AKID" + n + "\",\"SecretAccessKey\":\"secret\",\"Token\":\"token\","
                    + "\"Expiration\":\"" + expiration + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + "/creds");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DefaultCredentials credentials() {
        return new DefaultCredentials(env::get, clock);
    }

    @Test
    void credentials_areKeptUntilFiveMinutesBeforeTheyExpire() {
        DefaultCredentials credentials = credentials();

        assertThat(credentials.resolve().accessKeyId()).isEqualTo("AKID1");
        now = NOW.plus(Duration.ofHours(5));
        assertThat(credentials.resolve().accessKeyId()).isEqualTo("AKID1");
        now = NOW.plus(Duration.ofHours(6)).minus(Duration.ofMinutes(4));
        assertThat(credentials.resolve().accessKeyId()).isEqualTo("AKID2");
        assertThat(credentials.resolve().sessionToken()).isEqualTo("token");
    }

    @Test
    void serverErrors_areRetried() {
        failuresLeft = 2;

        assertThat(credentials().resolve().accessKeyId()).isEqualTo("AKID3");
        assertThat(requests).hasValue(3);
    }

    @Test
    void environmentKeys_winOverTheContainerEndpoint() {
        env.put("AWS_ACCESS_KEY_ID", "ENVKEY");
        env.put("AWS_SECRET_ACCESS_KEY", "envsecret");

        assertThat(credentials().resolve().accessKeyId()).isEqualTo("ENVKEY");
        assertThat(requests).hasValue(0);
    }

    @Test
    void plainHttpToANonLoopbackHost_isRefused() {
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds");

        assertThatThrownBy(() -> credentials().resolve()).isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("https");
        assertThat(requests).hasValue(0);
    }
}
