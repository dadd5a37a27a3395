package dev.secretbaker.local.internal.kms;

import java.util.Map;

/**
 * What the SSM model needs from the KMS model: the same keys, ciphertext format and rules that the
 * {@code TrentService} operations use, called in-process the way SSM calls KMS on a caller's behalf.
 * Every method throws {@link dev.secretbaker.local.internal.protocol.AwsServiceException} with KMS's error
 * codes (NotFoundException, DisabledException, KMSInvalidStateException, InvalidCiphertextException, ...).
 */
public interface KeyMaterialService {

    /** The AWS managed key SSM uses when PutParameter names no KeyId. */
    String AWS_SSM_ALIAS = "alias/aws/ssm";

    /**
     * Resolves a KeyId as AWS accepts it (key id, key ARN, alias name, alias ARN) to the key's ARN.
     * An unknown key is the caller's {@code InvalidKeyId}-style error to word; this throws NotFoundException.
     */
    String resolveKeyArn(String keyId);

    /** Whether the key is AWS managed (only usable through an AWS service such as SSM). */
    boolean isAwsManaged(String keyArn);

    /** Encrypts as {@code kms:Encrypt} does, binding the encryption context; returns the ciphertext blob. */
    byte[] encrypt(String keyArn, byte[] plaintext, Map<String, String> encryptionContext);

    /** Decrypts a blob from {@link #encrypt}, checking the context, as SSM does on a caller's behalf. */
    byte[] decryptOnBehalfOfService(byte[] ciphertextBlob, Map<String, String> encryptionContext);

    /** A 256-bit data key as {@code kms:GenerateDataKey} returns it. */
    DataKey generateDataKey(String keyArn, Map<String, String> encryptionContext);

    record DataKey(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {
    }
}
