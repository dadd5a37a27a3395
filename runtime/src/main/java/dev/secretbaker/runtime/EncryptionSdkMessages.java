package dev.secretbaker.runtime;

/**
 * Tells an AWS Encryption SDK message (how Parameter Store stores Advanced-tier SecureStrings) from a raw KMS
 * ciphertext blob by its first bytes: message format 1 starts with version 0x01 and type 0x80, format 2 with
 * version 0x02 and a committing algorithm suite (0x0478 or 0x0578). A KMS blob starts 0x01 0x02.
 */
final class EncryptionSdkMessages {

    public static final String DEPENDENCY = "com.amazonaws:aws-encryption-sdk-java";

    private EncryptionSdkMessages() {
    }

    public static boolean isMessage(byte[] bytes) {
        if (bytes.length < 3) {
            return false;
        }
        if (bytes[0] == 0x01 && bytes[1] == (byte) 0x80) {
            return true;
        }
        return bytes[0] == 0x02 && (bytes[1] == 0x04 || bytes[1] == 0x05) && bytes[2] == 0x78;
    }

    static boolean isLibraryPresent() {
        try {
            Class.forName("com.amazonaws.encryptionsdk.AwsCrypto", false, EncryptionSdkMessages.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
