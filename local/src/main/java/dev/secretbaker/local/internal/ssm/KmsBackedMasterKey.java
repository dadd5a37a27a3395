package dev.secretbaker.local.internal.ssm;

import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.DataKey;
import com.amazonaws.encryptionsdk.EncryptedDataKey;
import com.amazonaws.encryptionsdk.MasterKey;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.UnsupportedProviderException;
import dev.secretbaker.local.internal.kms.KeyMaterialService;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Encryption SDK master key backed by the emulator's KMS, shaped like the SDK's own KMS master key:
 * provider id {@code aws-kms}, provider information = the key ARN, encrypted data key = a KMS ciphertext blob.
 * Messages it writes are therefore the ones AWS writes, and a KMS-backed Encryption SDK client decrypts them.
 */
final class KmsBackedMasterKey extends MasterKey<KmsBackedMasterKey> {

    static final String PROVIDER_ID = "aws-kms";

    private final KeyMaterialService kms;
    private final String keyArn;

    KmsBackedMasterKey(KeyMaterialService kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    @Override
    public String getProviderId() {
        return PROVIDER_ID;
    }

    @Override
    public String getKeyId() {
        return keyArn;
    }

    @Override
    public DataKey<KmsBackedMasterKey> generateDataKey(CryptoAlgorithm algorithm, Map<String, String> context) {
        KeyMaterialService.DataKey dataKey = kms.generateDataKey(keyArn, context);
        byte[] plaintext = dataKey.plaintext();
        if (plaintext.length != algorithm.getDataKeyLength()) {
            throw new IllegalStateException("KMS returned a " + plaintext.length + "-byte data key; "
                    + algorithm + " needs " + algorithm.getDataKeyLength());
        }
        return new DataKey<>(new SecretKeySpec(plaintext, algorithm.getDataKeyAlgo()), dataKey.ciphertextBlob(),
                dataKey.keyArn().getBytes(StandardCharsets.UTF_8), this);
    }

    @Override
    public DataKey<KmsBackedMasterKey> encryptDataKey(CryptoAlgorithm algorithm, Map<String, String> context,
            DataKey<?> dataKey) {
        byte[] blob = kms.encrypt(keyArn, dataKey.getKey().getEncoded(), context);
        return new DataKey<>(dataKey.getKey(), blob, keyArn.getBytes(StandardCharsets.UTF_8), this);
    }

    @Override
    public DataKey<KmsBackedMasterKey> decryptDataKey(CryptoAlgorithm algorithm,
            Collection<? extends EncryptedDataKey> encryptedDataKeys, Map<String, String> context)
            throws UnsupportedProviderException, AwsCryptoException {
        byte[] ownKeyArn = keyArn.getBytes(StandardCharsets.UTF_8);
        AwsServiceException lastKmsError = null;
        for (EncryptedDataKey edk : encryptedDataKeys) {
            if (!PROVIDER_ID.equals(edk.getProviderId()) || !Arrays.equals(ownKeyArn, edk.getProviderInformation())) {
                continue;
            }
            try {
                byte[] plaintext = kms.decryptOnBehalfOfService(edk.getEncryptedDataKey(), context);
                return new DataKey<>(new SecretKeySpec(plaintext, algorithm.getDataKeyAlgo()),
                        edk.getEncryptedDataKey(), edk.getProviderInformation(), this);
            } catch (AwsServiceException e) {
                lastKmsError = e;
            }
        }
        if (lastKmsError != null) {
            // Let the KMS error through unchanged so that SSM can word it as it words any KMS failure.
            throw lastKmsError;
        }
        throw buildCannotDecryptDksException();
    }
}
