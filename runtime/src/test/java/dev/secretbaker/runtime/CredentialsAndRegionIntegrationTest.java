package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the credentials and the region of the built-in KMS path come from, against the emulator. */
class CredentialsAndRegionIntegrationTest {

    private static final String TOKEN = "container-token-123";

    @TempDir
    Path dir;

    private HttpServer credentialsEndpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEndpoint() {
        if (credentialsEndpoint != null) {
            credentialsEndpoint.stop(0);
        }
    }

    /** A container credentials endpoint as Lambda SnapStart runs one: answers with the principal's keys. */
    private String serveContainerCredentials(LocalPrincipal principal) throws IOException {
        credentialsEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentialsEndpoint.createContext("/2018-06-01/credentials", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            byte[] body;
            int status;
            if (TOKEN.equals(authorization)) {
                status = 200;
                body = ("{\"AccessKeyId\":\"" + principal.accessKeyId() + "\",\"SecretAccessKey\":\""
                        + principal.secretAccessKey() + "\",\"Token\":\"session-token\",\"Expiration\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 401;
                body = "{\"message\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentialsEndpoint.start();
        return "http://127.0.0.1:" + credentialsEndpoint.getAddress().getPort() + "/2018-06-01/credentials";
    }

    @Test
    void get_withContainerCredentialsOnly_fetchesThemOnceWithTheAuthorizationToken() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            String key = emulator.createKey();
            BakedSecret one = emulator.bake("ONE", "1", key);
            BakedSecret two = emulator.bake("TWO", "2", key);
            Map<String, String> env = snapStartEnvironment(emulator, serveContainerCredentials(emulator.aws.principal(LocalAws.ADMIN)));
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN);

            BakedSecretsClient secrets = Emulator.client(Emulator.writeFile(dir, one, two), env).build();

            assertThat(secrets.get("ONE")).isEqualTo("1");
            assertThat(secrets.get("TWO")).isEqualTo("2");
            assertThat(authorizations).containsExactly(TOKEN);
            assertThat(emulator.decryptEvents()).extracting(e -> e.principal()).containsOnly("admin");
        }
    }

    @Test
    void get_withTheTokenInAFile_readsTheTokenFile() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            BakedSecret one = emulator.bake("ONE", "1", emulator.createKey());
            Map<String, String> env = snapStartEnvironment(emulator, serveContainerCredentials(emulator.aws.principal(LocalAws.ADMIN)));
            Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored-when-the-file-is-set");

            assertThat(Emulator.client(Emulator.writeFile(dir, one), env).build().get("ONE")).isEqualTo("1");
            assertThat(authorizations).containsExactly(TOKEN);
        }
    }

    @Test
    void get_withAWrongContainerToken_throwsCredentialsUnavailableAndCallsNoKms() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            BakedSecret one = emulator.bake("ONE", "1", emulator.createKey());
            Map<String, String> env = snapStartEnvironment(emulator, serveContainerCredentials(emulator.aws.principal(LocalAws.ADMIN)));
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong");
            BakedSecretsClient secrets = Emulator.client(Emulator.writeFile(dir, one), env).build();

            assertThatThrownBy(() -> secrets.get("ONE"))
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("AWS_CONTAINER_AUTHORIZATION_TOKEN");
            assertThat(emulator.decryptCalls()).isZero();
        }
    }

    @Test
    void get_withNoCredentialsAnywhere_listsTheSourcesLookedAt() throws Exception {
        try (Emulator emulator = Emulator.start()) {
            BakedSecret one = emulator.bake("ONE", "1", emulator.createKey());
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ENDPOINT_URL", emulator.aws.endpoint().toString());
            BakedSecretsClient secrets = Emulator.client(Emulator.writeFile(dir, one), env).build();

            assertThatThrownBy(() -> secrets.get("ONE"))
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .hasMessageContaining("AWS_ACCESS_KEY_ID")
                    .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        }
    }

    @Test
    void get_signsForTheRegionOfTheParameterArnNotAwsRegion() throws Exception {
        try (Emulator emulator = Emulator.start("eu-west-1")) {
            BakedSecret secret = emulator.bake("EU", "from eu-west-1", emulator.createKey());
            assertThat(secret.arn()).startsWith("arn:aws:ssm:eu-west-1:");
            Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_DEFAULT_REGION", "us-east-1");

            assertThat(Emulator.client(Emulator.writeFile(dir, secret), env).build().get("EU")).isEqualTo("from eu-west-1");
        }
    }

    @Test
    void get_ofAnEntryFromAnotherRegion_goesToThatRegionNotToTheFunctionsOwn() throws Exception {
        try (Emulator emulator = Emulator.start("eu-west-1")) {
            BakedSecret secret = emulator.bake("EU", "v", emulator.createKey());
            // The same ciphertext claimed for us-east-1: the request is signed for us-east-1, which this
            // eu-west-1 endpoint refuses, as a KMS endpoint of another region would.
            BakedSecret elsewhere = new BakedSecret("EU", secret.ciphertext(), secret.arn().replace("eu-west-1", "us-east-1"));
            BakedSecretsClient secrets = Emulator.client(Emulator.writeFile(dir, elsewhere),
                    emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN))).build();

            assertThatThrownBy(() -> secrets.get("EU")).isInstanceOf(SecretDecryptionException.class)
                    .hasMessageContaining("us-east-1");
        }
    }

    @Test
    void get_inTheChinaPartition_decryptsWithAnAwsCnArn() throws Exception {
        try (Emulator emulator = Emulator.start("cn-north-1")) {
            BakedSecret secret = emulator.bake("CN", "from china", emulator.createKey());
            assertThat(secret.arn()).startsWith("arn:aws-cn:ssm:cn-north-1:");

            assertThat(Emulator.client(Emulator.writeFile(dir, secret),
                    emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN))).build().get("CN"))
                    .isEqualTo("from china");
        }
    }

    private static Map<String, String> snapStartEnvironment(Emulator emulator, String credentialsUri) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_KMS", emulator.aws.endpoint().toString());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1"); // the service-specific variable wins
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUri);
        env.put("AWS_REGION", emulator.aws.region());
        return env;
    }
}
