package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secretbaker.format.BakedSecret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retries and the translation of KMS failures into the public exceptions. */
class SecretDecrypterTest {

    private static final String ARN = "arn:aws:ssm:us-east-1:111122223333:parameter/db/password";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final BakedSecret SECRET = new BakedSecret("DB_PASSWORD",
            Base64.getEncoder().encodeToString(new byte[] {0x01, 0x02, 0x02, 0x00, 0x78, 0x11, 0x22}), ARN);

    /** Answers with the queued failures, then with a plaintext. */
    private static final class QueuedKms implements KmsDecryptor {
        final Deque<KmsCallException> failures = new ArrayDeque<>();
        int calls;

        @Override
        public byte[] decrypt(byte[] blob, Map<String, String> context, KmsTarget target) {
            calls++;
            KmsCallException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "s3cr3t-plaintext".getBytes();
        }

        @Override
        public String describeEndpoint(KmsTarget target) {
            return "https://kms." + target.region() + ".amazonaws.com";
        }
    }

    private final QueuedKms kms = new QueuedKms();
    private final List<Long> sleeps = new ArrayList<>();

    private SecretDecrypter decrypter(int attempts) {
        return new SecretDecrypter(kms, new RetryPolicy(attempts, 100, 1_000, sleeps::add));
    }

    private static KmsCallException kmsError(String code, int status, String message) {
        return new KmsCallException(code, status, message, null);
    }

    @Test
    void throttlingServerErrorsAndIoErrors_areRetriedWithJitteredBackoffWithinTheCap() {
        kms.failures.add(kmsError("ThrottlingException", 400, "Rate exceeded"));
        kms.failures.add(kmsError("KMSInternalException", 500, null));
        kms.failures.add(kmsError(KmsCallException.IO_ERROR, 0, "Connection reset"));
        kms.failures.add(kmsError("ThrottlingException", 400, "Rate exceeded"));

        assertThat(decrypter(5).decrypt(SECRET)).asString().isEqualTo("s3cr3t-plaintext");

        assertThat(kms.calls).isEqualTo(5);
        assertThat(sleeps).hasSize(4);
        assertThat(sleeps.get(0)).isBetween(0L, 100L);
        assertThat(sleeps.get(1)).isBetween(0L, 200L);
        assertThat(sleeps.get(2)).isBetween(0L, 400L);
        assertThat(sleeps.get(3)).isBetween(0L, 800L);
    }

    @Test
    void retries_stopAfterMaxAttempts() {
        for (int i = 0; i < 10; i++) {
            kms.failures.add(kmsError("ThrottlingException", 400, "Rate exceeded"));
        }

        KmsThrottledException e = catchThrowableOfType(KmsThrottledException.class, () -> decrypter(4).decrypt(SECRET));

        assertThat(e.attempts()).isEqualTo(4);
        assertThat(kms.calls).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void anInterruptWhileWaitingToRetry_endsWithTheTypedFailure() {
        kms.failures.add(kmsError("ThrottlingException", 400, "Rate exceeded"));
        SecretDecrypter interrupted = new SecretDecrypter(kms, new RetryPolicy(4, 100, 1_000, millis -> {
            throw new KmsCallException(KmsCallException.IO_ERROR, 0, "interrupted while waiting to retry", null);
        }));

        assertThatThrownBy(() -> interrupted.decrypt(SECRET)).isInstanceOf(KmsThrottledException.class);
        assertThat(kms.calls).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "AccessDeniedException, KmsAccessDeniedException",
            "InvalidCiphertextException, InvalidCiphertextException",
            "IncorrectKeyException, InvalidCiphertextException",
            "DisabledException, KmsKeyUnavailableException",
            "KMSInvalidStateException, KmsKeyUnavailableException",
            "NotFoundException, KmsKeyUnavailableException",
            "UnrecognizedClientException, SecretDecryptionException",
            "ValidationException, SecretDecryptionException",
    })
    void clientErrors_areNotRetriedAndBecomeTypedExceptions(String code, String type) {
        kms.failures.add(kmsError(code, 400, "User: arn:aws:iam::111122223333:user/x is not authorized to perform:"
                + " kms:Decrypt on resource: " + KEY_ARN));

        Throwable e = catchThrowableOfType(SecretDecryptionException.class, () -> decrypter(4).decrypt(SECRET));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(((SecretDecryptionException) e).errorCode()).isEqualTo(code);
        assertThat(((SecretDecryptionException) e).secretName()).isEqualTo("DB_PASSWORD");
        assertThat(e.getMessage()).contains("DB_PASSWORD").doesNotContain(SECRET.ciphertext());
        assertThat(kms.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void accessDenied_takesTheKeyArnFromKmsAndWordsTheStatement() {
        kms.failures.add(kmsError("AccessDeniedException", 400, "User: arn:aws:sts::111122223333:assumed-role/fn/fn is"
                + " not authorized to perform: kms:Decrypt on resource: " + KEY_ARN
                + " because no identity-based policy allows the kms:Decrypt action"));

        KmsAccessDeniedException e = catchThrowableOfType(KmsAccessDeniedException.class, () -> decrypter(4).decrypt(SECRET));

        assertThat(e.keyArn()).isEqualTo(KEY_ARN);
        assertThat(e.getMessage()).contains("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + KEY_ARN + "\"}");
    }

    @Test
    void accessDenied_withoutAKeyArn_saysWhereToFindTheKey() {
        kms.failures.add(kmsError("AccessDeniedException", 400, null));

        KmsAccessDeniedException e = catchThrowableOfType(KmsAccessDeniedException.class, () -> decrypter(4).decrypt(SECRET));

        assertThat(e.keyArn()).isNull();
        assertThat(e.getMessage()).contains("<key arn>").contains("describe-parameters");
    }

    @Test
    void aCiphertextThatIsNotBase64_isInvalidWithoutCallingKms() {
        BakedSecret garbled = new BakedSecret("X", "%%%not-base64%%%", ARN);

        assertThatThrownBy(() -> decrypter(4).decrypt(garbled)).isInstanceOf(InvalidCiphertextException.class)
                .hasMessageContaining("not base64").hasMessageNotContaining("%%%");
        assertThat(kms.calls).isZero();
    }

    @Test
    void anEncryptionSdkMessage_isRecognisedByItsBytesAndNeverSentToKmsAsABlob() {
        // Version 1, type 0x80, then a header too short to parse: refused before any KMS call.
        BakedSecret message = new BakedSecret("X", Base64.getEncoder().encodeToString(new byte[] {0x01, (byte) 0x80, 0x03, 0x78}), ARN);

        assertThatThrownBy(() -> decrypter(4).decrypt(message)).isInstanceOf(InvalidCiphertextException.class)
                .hasMessageContaining("Encryption SDK");
        assertThat(kms.calls).isZero();
    }
}
