package dev.secretbaker.runtime;

import dev.secretbaker.format.BakedSecret;
import java.util.Base64;
import java.util.Map;

/**
 * Decrypts one baked secret: a Standard-tier KMS blob with one {@code Decrypt} under exactly
 * {@code {"PARAMETER_ARN": arn}}, an Advanced-tier Encryption SDK message through {@link AdvancedTierDecrypter}.
 * Retries throttling, 5xx and I/O failures; every failure leaves as one of the public exception types.
 */
final class SecretDecrypter {

    public static final String CONTEXT_KEY = "PARAMETER_ARN";

    private final KmsDecryptor kms;
    private final RetryPolicy retry;

    public SecretDecrypter(KmsDecryptor kms, RetryPolicy retry) {
        this.kms = kms;
        this.retry = retry;
    }

    public byte[] decrypt(BakedSecret secret) {
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(secret.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new InvalidCiphertextException(secret.name(), secret.arn(), "the ciphertext is not base64", null);
        }
        if (blob.length == 0) {
            throw new InvalidCiphertextException(secret.name(), secret.arn(), "the ciphertext is empty", null);
        }
        KmsTarget target;
        try {
            target = KmsTarget.of(secret.arn());
        } catch (IllegalArgumentException e) {
            throw new InvalidCiphertextException(secret.name(), secret.arn(), "the arn is not an ARN", null);
        }
        if (EncryptionSdkMessages.isMessage(blob)) {
            if (!EncryptionSdkMessages.isLibraryPresent()) {
                throw new MissingDependencyException(EncryptionSdkMessages.DEPENDENCY, "Secret '" + secret.name()
                        + "' comes from an Advanced-tier parameter, stored as an AWS Encryption SDK message. Add the"
                        + " dependency com.amazonaws:aws-encryption-sdk-java (2.4 or later) to the function to decrypt it.");
            }
            return AdvancedTierDecrypter.decrypt(blob, secret, this);
        }
        return callKms(blob, Map.of(CONTEXT_KEY, secret.arn()), target, secret);
    }

    /** @see KmsDecryptor#warmUp() */
    public void warmUp() {
        kms.warmUp();
    }

    /** @see KmsDecryptor#prepare() */
    public void prepare() {
        kms.prepare();
    }

    /** Initialises the path that decrypting {@code secret} takes, without calling KMS; see {@link KmsDecryptor#prime}. */
    public void prime(BakedSecret secret) {
        try {
            byte[] blob = Base64.getMimeDecoder().decode(secret.ciphertext());
            KmsTarget target = KmsTarget.of(secret.arn());
            if (blob.length > 0 && !EncryptionSdkMessages.isMessage(blob)) {
                kms.prime(blob, Map.of(CONTEXT_KEY, secret.arn()), target);
            }
        } catch (RuntimeException e) {
            // a bad entry fails when it is asked for, with its own message
        }
    }

    /** @see KmsDecryptor#forgetSession() */
    public void forgetSession() {
        kms.forgetSession();
    }

    /** One KMS Decrypt with retries; failures translated for {@code secret}. */
    byte[] callKms(byte[] blob, Map<String, String> context, KmsTarget target, BakedSecret secret) {
        for (int attempt = 1; ; attempt++) {
            try {
                return kms.decrypt(blob, context, target);
            } catch (KmsCallException e) {
                if (!e.isRetryable() || attempt >= retry.maxAttempts()) {
                    throw KmsErrors.translate(e, secret.name(), secret.arn(), describe(target), Math.max(attempt, e.attempts()));
                }
                try {
                    retry.backOff(attempt);
                } catch (KmsCallException interrupted) {
                    // Interrupted while waiting: report the failure that made us wait.
                    throw KmsErrors.translate(e, secret.name(), secret.arn(), describe(target), attempt);
                }
            }
        }
    }

    private String describe(KmsTarget target) {
        try {
            return kms.describeEndpoint(target);
        } catch (RuntimeException e) {
            return "KMS in " + target.region();
        }
    }
}
