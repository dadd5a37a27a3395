package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalPrincipal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SnapStart hooks, driven through the CRaC API ({@code org.crac}) as Lambda drives them: a context that the
 * client registers with, whose checkpoint and restore call every registered resource.
 */
class SnapStartIntegrationTest {

    private static Emulator emulator;
    private static BakedSecret first;
    private static BakedSecret second;

    @TempDir
    Path dir;

    private final SnapshotContext snapshot = new SnapshotContext();

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        String key = emulator.createKey();
        first = emulator.bake("FIRST", "first value", key);
        second = emulator.bake("SECOND", "second value", key);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void clearAudit() {
        emulator.clearAudit();
    }

    @Test
    void theClient_registersOneResourceWithTheCracContext() throws Exception {
        client(Emulator.writeFile(dir, first, second), emulator.lambdaEnvironment(admin())).build();

        assertThat(snapshot.resources).hasSize(1);
    }

    @Test
    void beforeCheckpoint_primesTheDecryptPath_withoutCallingKmsOrUsingCredentials() throws Exception {
        Map<String, String> noCredentials = emulator.lambdaEnvironment(admin());
        noCredentials.remove("AWS_ACCESS_KEY_ID");
        noCredentials.remove("AWS_SECRET_ACCESS_KEY");
        BakedSecretsClient client = client(Emulator.writeFile(dir, first, second), noCredentials).build();

        snapshot.checkpoint();

        assertThat(client.toString()).contains("secrets=[FIRST, SECOND], decrypted=0");
        assertThat(emulator.aws.audit().events()).isEmpty();
    }

    @Test
    void beforeCheckpoint_forgetsPlaintextDecryptedDuringInit_andTheNextGetDecryptsAgain() throws Exception {
        BakedSecretsClient client = client(Emulator.writeFile(dir, first, second), emulator.lambdaEnvironment(admin())).build();
        assertThat(client.get("FIRST")).isEqualTo("first value");

        snapshot.checkpoint();

        assertThat(client.toString()).contains("decrypted=0");
        snapshot.restore();
        assertThat(client.get("FIRST")).isEqualTo("first value");
        assertThat(emulator.decryptCalls()).isEqualTo(2);
    }

    @Test
    void keepPlaintextInSnapshot_keepsWhatWasDecrypted() throws Exception {
        BakedSecretsClient client = client(Emulator.writeFile(dir, first, second), emulator.lambdaEnvironment(admin()))
                .keepPlaintextInSnapshot(true).build();
        client.get("FIRST");

        snapshot.checkpoint();
        snapshot.restore();

        assertThat(client.toString()).contains("decrypted=1");
        assertThat(client.get("FIRST")).isEqualTo("first value");
        assertThat(emulator.decryptCalls()).isEqualTo(1);
    }

    @Test
    void bothHooks_dropTheContainerCredentials_soNoneIsInTheSnapshotOrReusedAfterARestore() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        LocalPrincipal admin = admin();
        HttpServer credentials = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentials.createContext("/creds", exchange -> {
            fetches.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"" + admin.accessKeyId() + "\",\"SecretAccessKey\":\""
                    + admin.secretAccessKey() + "\",\"Expiration\":\"2999-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentials.start();
        try {
            Map<String, String> env = emulator.lambdaEnvironment(admin);
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + credentials.getAddress().getPort() + "/creds");
            BakedSecretsClient client = client(Emulator.writeFile(dir, first, second), env).build();
            client.get("FIRST");
            client.get("SECOND");
            assertThat(fetches).hasValue(1);

            snapshot.checkpoint();
            client.get("FIRST"); // forgotten before the checkpoint, with the credentials
            assertThat(fetches).hasValue(2);
            snapshot.restore();
            client.get("SECOND");

            assertThat(fetches).hasValue(3);
        } finally {
            credentials.stop(0);
        }
    }

    @Test
    void decryptAfterRestore_decryptsEverySecretInTheBackground_soTheFirstGetFindsItReady() throws Exception {
        BakedSecretsClient client = client(Emulator.writeFile(dir, first, second), emulator.lambdaEnvironment(admin()))
                .decryptAfterRestore(true).build();

        snapshot.checkpoint();
        assertThat(emulator.decryptCalls()).isZero();
        snapshot.restore();

        for (int i = 0; i < 500 && !client.toString().contains("decrypted=2"); i++) {
            Thread.sleep(20);
        }
        assertThat(client.toString()).contains("decrypted=2");
        assertThat(client.get("SECOND")).isEqualTo("second value");
        assertThat(emulator.decryptCalls()).isEqualTo(2);
    }

    @Test
    void snapStartHooksOff_registersNothing() throws Exception {
        client(Emulator.writeFile(dir, first), emulator.lambdaEnvironment(admin())).snapStartHooks(false).build();

        assertThat(snapshot.resources).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static LocalPrincipal admin() {
        return emulator.aws.principal(LocalAws.ADMIN);
    }

    private BakedSecretsClient.Builder client(Path file, Map<String, String> env) {
        return Emulator.client(file, env).snapStartContext(snapshot);
    }

    /** A CRaC context as a CRaC JVM's global one behaves: resources called in reverse order before, in order after. */
    static final class SnapshotContext extends Context<Resource> {
        final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).beforeCheckpoint(this);
                } catch (Exception e) {
                    CheckpointException failure = new CheckpointException();
                    failure.addSuppressed(e);
                    throw failure;
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    RestoreException failure = new RestoreException();
                    failure.addSuppressed(e);
                    throw failure;
                }
            }
        }

        void checkpoint() throws CheckpointException {
            beforeCheckpoint(null);
        }

        void restore() throws RestoreException {
            afterRestore(null);
        }
    }
}
