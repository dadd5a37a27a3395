package dev.secretbaker.runtime;

import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;

/**
 * Decrypt through a {@link KmsClient} the user configured. Its failures become the same {@link KmsCallException}s
 * as the default path's, so that users see the same exceptions either way. The client's own region, endpoint and
 * retries apply: the caller chose them, and the runtime adds no retries of its own on top.
 */
final class SdkKmsDecryptor implements KmsDecryptor {

    private final KmsClient client;

    public SdkKmsDecryptor(KmsClient client) {
        this.client = client;
    }

    @Override
    public byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target) {
        try {
            return client.decrypt(DecryptRequest.builder()
                            .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(ciphertextBlob))
                            .encryptionContext(encryptionContext)
                            .build())
                    .plaintext().asByteArrayUnsafe();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            throw new KmsCallException(code == null ? "HTTP" + e.statusCode() : code, e.statusCode(), message, e,
                    attempts(e));
        } catch (SdkClientException e) {
            throw new KmsCallException(KmsCallException.IO_ERROR, 0, e.getMessage(), e, attempts(e));
        }
    }

    private static int attempts(SdkException e) {
        Integer attempts = e.numAttempts();
        return attempts == null ? 1 : attempts;
    }

    @Override
    public String describeEndpoint(KmsTarget target) {
        return "the configured KmsClient";
    }
}
