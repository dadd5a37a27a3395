package dev.secretbaker.runtime;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.DataKey;
import com.amazonaws.encryptionsdk.EncryptedDataKey;
import com.amazonaws.encryptionsdk.MasterKey;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.UnsupportedProviderException;
import dev.secretbaker.format.BakedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Advanced-tier SecureStrings: AWS Encryption SDK messages whose data key is a KMS ciphertext. The data key is
 * decrypted through the same {@link KmsDecryptor} (and so the same retries and errors) as a Standard-tier value.
 * The Encryption SDK's decrypt takes no expected context, so the header's {@code PARAMETER_ARN} is checked against
 * the entry's ARN first. Loaded only when such a message is met and the Encryption SDK is on the classpath.
 */
final class AdvancedTierDecrypter {

    private static final String KMS_PROVIDER_ID = "aws-kms";

    // Parameter Store writes non-committing messages (suite 0x0378); this policy decrypts those and committing ones.
    private static final AwsCrypto CRYPTO = AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.RequireEncryptAllowDecrypt)
            .withMaxEncryptedDataKeys(10)
            .build();

    private AdvancedTierDecrypter() {
    }

    static byte[] decrypt(byte[] message, BakedSecret secret, SecretDecrypter decrypter) {
        Map<String, String> headerContext;
        try {
            headerContext = new ParsedCiphertext(message).getEncryptionContextMap();
        } catch (RuntimeException e) {
            throw new InvalidCiphertextException(secret.name(), secret.arn(),
                    "the Encryption SDK message header cannot be parsed", null);
        }
        String headerArn = headerContext.get(SecretDecrypter.CONTEXT_KEY);
        if (!secret.arn().equals(headerArn)) {
            throw new InvalidCiphertextException(secret.name(), secret.arn(), "the Encryption SDK message was"
                    + " encrypted for " + (headerArn == null ? "no parameter" : "parameter " + headerArn), null);
        }
        try {
            return CRYPTO.decryptData(new KmsDataKeys(secret, decrypter), message).getResult();
        } catch (SecretBakerException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SecretBakerException ours) {
                    throw ours;
                }
            }
            throw new InvalidCiphertextException(secret.name(), secret.arn(),
                    "the Encryption SDK message does not verify", null);
        }
    }

    /** Decrypts the message's {@code aws-kms} data keys with KMS; never encrypts. */
    private static final class KmsDataKeys extends MasterKey<KmsDataKeys> {

        private final BakedSecret secret;
        private final SecretDecrypter decrypter;

        KmsDataKeys(BakedSecret secret, SecretDecrypter decrypter) {
            this.secret = secret;
            this.decrypter = decrypter;
        }

        @Override
        public String getProviderId() {
            return KMS_PROVIDER_ID;
        }

        @Override
        public String getKeyId() {
            return secret.arn();
        }

        @Override
        public DataKey<KmsDataKeys> generateDataKey(CryptoAlgorithm algorithm, Map<String, String> context) {
            throw new UnsupportedOperationException("decrypt only");
        }

        @Override
        public DataKey<KmsDataKeys> encryptDataKey(CryptoAlgorithm algorithm, Map<String, String> context,
                DataKey<?> dataKey) {
            throw new UnsupportedOperationException("decrypt only");
        }

        @Override
        public DataKey<KmsDataKeys> decryptDataKey(CryptoAlgorithm algorithm,
                Collection<? extends EncryptedDataKey> encryptedDataKeys, Map<String, String> context)
                throws UnsupportedProviderException, AwsCryptoException {
            SecretBakerException failure = null;
            for (EncryptedDataKey edk : encryptedDataKeys) {
                if (!KMS_PROVIDER_ID.equals(edk.getProviderId())) {
                    continue;
                }
                String keyArn = new String(edk.getProviderInformation(), StandardCharsets.UTF_8);
                KmsTarget target;
                try {
                    target = KmsTarget.of(keyArn);
                } catch (IllegalArgumentException e) {
                    target = KmsTarget.of(secret.arn());
                }
                try {
                    byte[] plaintext = decrypter.callKms(edk.getEncryptedDataKey(), context, target, secret);
                    return new DataKey<>(new SecretKeySpec(plaintext, algorithm.getDataKeyAlgo()),
                            edk.getEncryptedDataKey(), edk.getProviderInformation(), this);
                } catch (SecretBakerException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            throw new InvalidCiphertextException(secret.name(), secret.arn(),
                    "the Encryption SDK message has no KMS-encrypted data key", null);
        }
    }
}
