package dev.secretbaker.local.internal.ssm;

import dev.secretbaker.local.internal.kms.KeyMaterialService;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small, real KeyMaterialService for model tests: AES-256-GCM per key, the encryption context bound as
 * length-prefixed sorted pairs in the additional authenticated data, KMS error codes.
 */
final class TestKeyMaterial implements KeyMaterialService {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "111122223333";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Set<String> awsManaged = new HashSet<>();
    private final Set<String> disabled = new HashSet<>();

    TestKeyMaterial() {
        String ssmKey = createKey();
        awsManaged.add(ssmKey);
        aliases.put(AWS_SSM_ALIAS, ssmKey);
    }

    String createKey() {
        String arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + UUID.randomUUID();
        byte[] material = new byte[32];
        random.nextBytes(material);
        keys.put(arn, new SecretKeySpec(material, "AES"));
        return arn;
    }

    void alias(String aliasName, String keyArn) {
        aliases.put(aliasName, keyArn);
    }

    void disable(String keyArn) {
        disabled.add(keyArn);
    }

    String awsSsmKeyArn() {
        return aliases.get(AWS_SSM_ALIAS);
    }

    @Override
    public String resolveKeyArn(String keyId) {
        String prefix = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":";
        String arn;
        if (keyId.startsWith(prefix + "alias/")) {
            arn = aliases.get(keyId.substring(prefix.length()));
        } else if (keyId.startsWith("alias/")) {
            arn = aliases.get(keyId);
        } else if (keyId.startsWith("arn:")) {
            arn = keys.containsKey(keyId) ? keyId : null;
        } else {
            arn = keys.containsKey(prefix + "key/" + keyId) ? prefix + "key/" + keyId : null;
        }
        if (arn == null) {
            throw new AwsServiceException("NotFoundException", 400, "Key '" + keyId + "' does not exist");
        }
        return arn;
    }

    @Override
    public boolean isAwsManaged(String keyArn) {
        return awsManaged.contains(keyArn);
    }

    @Override
    public byte[] encrypt(String keyArn, byte[] plaintext, Map<String, String> encryptionContext) {
        SecretKey key = usableKey(keyArn);
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(encryptionContext));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(2 + arn.length + iv.length + sealed.length)
                    .putShort((short) arn.length).put(arn).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decryptOnBehalfOfService(byte[] blob, Map<String, String> encryptionContext) {
        try {
            ByteBuffer in = ByteBuffer.wrap(blob);
            byte[] arn = new byte[in.getShort()];
            in.get(arn);
            byte[] iv = new byte[12];
            in.get(iv);
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            SecretKey key = usableKey(new String(arn, StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(encryptionContext));
            return cipher.doFinal(sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof AwsServiceException kmsError && !kmsError.errorCode().equals("NotFoundException")) {
                throw kmsError;
            }
            throw new AwsServiceException("InvalidCiphertextException", 400, null);
        }
    }

    @Override
    public DataKey generateDataKey(String keyArn, Map<String, String> encryptionContext) {
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        return new DataKey(keyArn, plaintext, encrypt(keyArn, plaintext, encryptionContext));
    }

    private SecretKey usableKey(String keyArn) {
        SecretKey key = keys.get(keyArn);
        if (key == null) {
            throw new AwsServiceException("NotFoundException", 400, "Key '" + keyArn + "' does not exist");
        }
        if (disabled.contains(keyArn)) {
            throw new AwsServiceException("DisabledException", 400, keyArn + " is disabled.");
        }
        return key;
    }

    private static byte[] aad(Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(context).forEach((k, v) -> {
            for (String s : new String[] {k, v}) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        });
        return out.toByteArray();
    }
}
