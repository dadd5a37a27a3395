package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class ConcurrencyIntegrationTest {

    static final int CLIENTS = 200;
    static final int CALLS_PER_CLIENT = 5;

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoHundredConcurrentSdkClients_allCompleteWithoutAnError(LocalAws emulator, KmsClient admin, SsmClient ssm)
            throws Exception {
        String keyArn = admin.createKey(b -> b.description("shared")).keyMetadata().arn();
        ssm.putParameter(b -> b.name("/load/secret").type(ParameterType.SECURE_STRING).keyId(keyArn).value("v"));
        emulator.audit().clear();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                try (KmsClient kms = LocalAwsClients.kms(emulator); SsmClient ssmClient = LocalAwsClients.ssm(emulator)) {
                    ready.countDown();
                    go.await();
                    int done = 0;
                    for (int call = 0; call < CALLS_PER_CLIENT; call++) {
                        String plaintext = "client-" + n + "-" + call;
                        Map<String, String> context = Map.of("client", Integer.toString(n));
                        SdkBytes blob = kms.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String(plaintext))
                                .encryptionContext(context)).ciphertextBlob();
                        String back = kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(context)).plaintext()
                                .asUtf8String();
                        if (!back.equals(plaintext)) {
                            throw new AssertionError("client " + n + " got another client's plaintext");
                        }
                        ssmClient.getParameter(b -> b.name("/load/secret"));
                        done++;
                    }
                    return done;
                }
            }));
        }
        ready.await(1, TimeUnit.MINUTES);
        go.countDown();
        int completed = 0;
        for (Future<Integer> result : results) {
            completed += result.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(completed).isEqualTo(CLIENTS * CALLS_PER_CLIENT);
        assertThat(emulator.audit().events()).hasSize(CLIENTS * CALLS_PER_CLIENT * 3)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("OK"));
    }
}
