package dev.secretbaker.local.internal.ssm;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import dev.secretbaker.local.internal.kms.KeyMaterialService;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encrypts and decrypts SecureString values as Parameter Store does: under the encryption context
 * {@code {"PARAMETER_ARN": arn}}, a raw KMS ciphertext for the Standard tier and an AWS Encryption SDK message
 * (envelope encryption, its own data key per value) for the Advanced tier. Every KMS failure reaches the caller
 * as the {@link AwsServiceException} KMS raised.
 */
final class SecureStringCipher {

    static final String CONTEXT_KEY = "PARAMETER_ARN";

    /**
     * Parameter Store writes signed, non-committing messages (algorithm suite 0x0378, the Encryption SDK's
     * long-standing default); decrypting them therefore needs a commitment policy that allows them.
     */
    static final CryptoAlgorithm MESSAGE_ALGORITHM = CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384;

    private final KeyMaterialService kms;
    private final AwsCrypto crypto = AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
            .withEncryptionAlgorithm(MESSAGE_ALGORITHM)
            .build();

    SecureStringCipher(KeyMaterialService kms) {
        this.kms = kms;
    }

    static Map<String, String> context(String parameterArn) {
        return Map.of(CONTEXT_KEY, parameterArn);
    }

    byte[] encryptStandard(String keyArn, String parameterArn, String value) {
        return kms.encrypt(keyArn, value.getBytes(StandardCharsets.UTF_8), context(parameterArn));
    }

    byte[] encryptAdvanced(String keyArn, String parameterArn, String value) {
        try {
            return crypto.encryptData(new KmsBackedMasterKey(kms, keyArn), value.getBytes(StandardCharsets.UTF_8),
                    context(parameterArn)).getResult();
        } catch (AwsCryptoException e) {
            throw unwrap(e);
        }
    }

    String decrypt(StoredVersion version, String parameterArn) {
        byte[] plaintext = switch (version.encoding()) {
            case KMS_CIPHERTEXT -> kms.decryptOnBehalfOfService(version.ciphertext(), context(parameterArn));
            case ENCRYPTION_SDK_MESSAGE -> decryptMessage(version.keyArn(), parameterArn, version.ciphertext());
            case PLAINTEXT -> throw new IllegalStateException("not a SecureString: " + version);
        };
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    private byte[] decryptMessage(String keyArn, String parameterArn, byte[] message) {
        CryptoResult<byte[], KmsBackedMasterKey> result;
        try {
            result = crypto.decryptData(new KmsBackedMasterKey(kms, keyArn), message);
        } catch (AwsCryptoException | IllegalArgumentException e) {
            throw unwrap(e);
        }
        // The Encryption SDK takes no expected context, so the binding to this parameter is checked here.
        if (!parameterArn.equals(result.getEncryptionContext().get(CONTEXT_KEY))) {
            throw new AwsServiceException("InvalidCiphertextException", 400, null);
        }
        return result.getResult();
    }

    private static AwsServiceException unwrap(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException kmsError) {
                return kmsError;
            }
        }
        return new AwsServiceException("InvalidCiphertextException", 400, null);
    }
}
