package dev.secretbaker.local.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.state.PersistentModel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS's state and rules for one account and region: symmetric keys with their own 256-bit material, aliases,
 * key states, and AES-256-GCM encryption that binds the encryption context. Thread-safe: state changes under
 * the model's lock, cryptography outside it.
 *
 * <p>Also the {@link KeyMaterialService} SSM uses in-process; that path may use AWS managed keys, which a
 * direct call over the wire may not (see {@link #checkDirectUse}). The wire layer is {@link KmsService}, the errors
 * {@link KmsErrors}, the state file's form {@link KmsSnapshotCodec}.
 */
public final class KmsModel implements KeyMaterialService, PersistentModel {

    public static final String STATE_KEY = "kms";
    public static final int MAX_PLAINTEXT_BYTES = 4096;
    public static final int MAX_CIPHERTEXT_BYTES = 6144;
    static final int DATA_KEY_BYTES = 32;
    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]+");

    private final String region;
    private final String accountId;
    private final String partition;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, Key> keys = new LinkedHashMap<>();
    private final TreeMap<String, Alias> aliases = new TreeMap<>();

    public KmsModel(String region, String accountId) {
        this(region, accountId, Clock.systemUTC());
    }

    public KmsModel(String region, String accountId, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.partition = partitionOf(region);
        this.clock = clock;
        ensureAwsManagedSsmKey();
    }

    /** The partition of a region, as ARNs spell it. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String keyArn(UUID keyId) {
        return "arn:" + partition + ":kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public String aliasArn(String aliasName) {
        return "arn:" + partition + ":kms:" + region + ":" + accountId + ":" + aliasName;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keys and aliases

    /** Creates a customer managed symmetric key; {@code keyId} may fix its id (seed files), else it is random. */
    public synchronized KeyMetadata createKey(String description, UUID keyId) {
        UUID id = keyId != null ? keyId : UUID.randomUUID();
        if (keys.containsKey(id)) {
            throw new AwsServiceException("AlreadyExistsException", 400, "Key '" + keyArn(id) + "' already exists");
        }
        Key key = newKey(id, description == null ? "" : description, false);
        keys.put(id, key);
        return key.metadata();
    }

    private Key newKey(UUID id, String description, boolean awsManaged) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        return new Key(id, keyArn(id), material, description, awsManaged, clock.instant());
    }

    private void ensureAwsManagedSsmKey() {
        if (aliases.containsKey(AWS_SSM_ALIAS)) {
            return;
        }
        Key key = newKey(UUID.randomUUID(), "Default key that protects my SSM parameters when no other key is defined",
                true);
        keys.put(key.id, key);
        Instant now = clock.instant();
        aliases.put(AWS_SSM_ALIAS, new Alias(AWS_SSM_ALIAS, key.id, now, now));
    }

    public synchronized void createAlias(String aliasName, String targetKeyId) {
        if (!aliasName.startsWith("alias/")) {
            throw KmsErrors.validation("1 validation error detected: Value '" + aliasName + "' at 'aliasName' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$");
        }
        if (aliasName.startsWith("alias/aws/")) {
            throw KmsErrors.invalidAliasName("Alias must not begin with 'alias/aws/'. This prefix is reserved for"
                    + " aliases of AWS managed keys.");
        }
        if (!ALIAS_NAME.matcher(aliasName).matches()) {
            throw KmsErrors.validation("1 validation error detected: Value '" + aliasName + "' at 'aliasName' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$");
        }
        if (targetKeyId.startsWith("alias/") || targetKeyId.contains(":alias/")) {
            throw KmsErrors.validation("Aliases must refer to keys. Not aliases");
        }
        Key key = resolve(targetKeyId);
        if (key.awsManaged) {
            throw KmsErrors.invalidAliasName("Cannot point an alias at an AWS managed key.");
        }
        if (key.state == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn);
        }
        if (aliases.containsKey(aliasName)) {
            throw KmsErrors.aliasExists(aliasArn(aliasName));
        }
        Instant now = clock.instant();
        aliases.put(aliasName, new Alias(aliasName, key.id, now, now));
    }

    /** Aliases in name order; only those of one key when {@code keyId} is given. */
    public synchronized List<AliasEntry> listAliases(String keyId) {
        UUID only = keyId == null ? null : resolve(keyId).id;
        List<AliasEntry> out = new ArrayList<>();
        for (Alias alias : aliases.values()) {
            if (only == null || alias.target().equals(only)) {
                out.add(new AliasEntry(alias.name(), aliasArn(alias.name()), alias.target().toString(),
                        alias.created(), alias.updated()));
            }
        }
        return out;
    }

    public synchronized KeyMetadata describeKey(String keyId) {
        return resolve(keyId).metadata();
    }

    /** All keys, in creation order. */
    public synchronized List<KeyMetadata> keys() {
        return keys.values().stream().map(Key::metadata).toList();
    }

    public synchronized KeyMetadata enableKey(String keyId) {
        Key key = notPendingDeletion(keyId);
        key.state = KeyState.Enabled;
        return key.metadata();
    }

    public synchronized KeyMetadata disableKey(String keyId) {
        Key key = notPendingDeletion(keyId);
        key.state = KeyState.Disabled;
        return key.metadata();
    }

    public synchronized KeyMetadata scheduleKeyDeletion(String keyId, Integer pendingWindowInDays) {
        int days = pendingWindowInDays == null ? 30 : pendingWindowInDays;
        if (days < 7) {
            throw KmsErrors.validation("1 validation error detected: Value '" + days + "' at 'pendingWindowInDays'"
                    + " failed to satisfy constraint: Member must have value greater than or equal to 7");
        }
        if (days > 30) {
            throw KmsErrors.validation("1 validation error detected: Value '" + days + "' at 'pendingWindowInDays'"
                    + " failed to satisfy constraint: Member must have value less than or equal to 30");
        }
        Key key = notPendingDeletion(keyId);
        key.state = KeyState.PendingDeletion;
        key.pendingWindowInDays = days;
        key.deletionDate = clock.instant().plus(Duration.ofDays(days));
        return key.metadata();
    }

    /** CancelKeyDeletion: the key comes back disabled, as in KMS. */
    public synchronized KeyMetadata cancelKeyDeletion(String keyId) {
        Key key = resolve(keyId);
        if (key.state != KeyState.PendingDeletion) {
            throw KmsErrors.notPendingDeletion(key.arn);
        }
        key.state = KeyState.Disabled;
        key.deletionDate = null;
        key.pendingWindowInDays = null;
        return key.metadata();
    }

    /**
     * Refuses a direct (over the wire) use of an AWS managed key: its key policy allows use only through the
     * AWS service that owns it, and no administration at all.
     */
    public void checkDirectUse(KeyMetadata key, String action, String principalArn) {
        if (key.awsManaged() && !action.equals("kms:DescribeKey")) {
            throw KmsErrors.notAllowedByKeyPolicy(principalArn, action, key.arn());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cryptography

    /** The key a Decrypt would use for a blob, for authorisation before decrypting; InvalidCiphertext if none. */
    public synchronized KeyMetadata keyOfCiphertext(byte[] ciphertextBlob) {
        CiphertextBlob blob = CiphertextBlob.parse(ciphertextBlob);
        Key key = blob == null ? null : keys.get(blob.keyId());
        if (key == null) {
            throw KmsErrors.invalidCiphertext();
        }
        return key.metadata();
    }

    @Override
    public byte[] encrypt(String keyId, byte[] plaintext, Map<String, String> encryptionContext) {
        Material material = usableMaterial(keyId);
        byte[] iv = new byte[CiphertextBlob.IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(material.bytes, "AES"),
                    new GCMParameterSpec(CiphertextBlob.TAG_LENGTH * 8, iv));
            cipher.updateAAD(CiphertextBlob.aad(material.id, encryptionContext));
            return new CiphertextBlob(material.id, iv, cipher.doFinal(plaintext)).toBytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts a blob; when {@code expectedKeyId} is given it must name the blob's key (IncorrectKeyException). */
    public Decrypted decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, String expectedKeyId) {
        CiphertextBlob blob = CiphertextBlob.parse(ciphertextBlob);
        if (blob == null) {
            throw KmsErrors.invalidCiphertext();
        }
        Material material;
        synchronized (this) {
            Key key = keys.get(blob.keyId());
            if (key == null) {
                throw KmsErrors.invalidCiphertext();
            }
            if (expectedKeyId != null && !resolve(expectedKeyId).id.equals(key.id)) {
                throw KmsErrors.incorrectKey();
            }
            material = usable(key);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(material.bytes, "AES"),
                    new GCMParameterSpec(CiphertextBlob.TAG_LENGTH * 8, blob.iv()));
            cipher.updateAAD(CiphertextBlob.aad(blob.keyId(), encryptionContext));
            return new Decrypted(material.arn, cipher.doFinal(blob.sealed()));
        } catch (AEADBadTagException e) {
            throw KmsErrors.invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] decryptOnBehalfOfService(byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        return decrypt(ciphertextBlob, encryptionContext, null).plaintext();
    }

    @Override
    public DataKey generateDataKey(String keyId, Map<String, String> encryptionContext) {
        return generateDataKey(keyId, encryptionContext, DATA_KEY_BYTES);
    }

    public DataKey generateDataKey(String keyId, Map<String, String> encryptionContext, int numberOfBytes) {
        byte[] plaintext = new byte[numberOfBytes];
        random.nextBytes(plaintext);
        String arn = resolveKeyArn(keyId);
        return new DataKey(arn, plaintext, encrypt(arn, plaintext, encryptionContext));
    }

    @Override
    public synchronized String resolveKeyArn(String keyId) {
        return resolve(keyId).arn;
    }

    @Override
    public synchronized boolean isAwsManaged(String keyArn) {
        return resolve(keyArn).awsManaged;
    }

    /** A decrypted plaintext and the ARN of the key that decrypted it. */
    public record Decrypted(String keyArn, byte[] plaintext) {
        @Override
        public String toString() {
            return "Decrypted[keyArn=" + keyArn + ", plaintext=(" + plaintext.length + " bytes)]";
        }
    }

    private record Material(UUID id, String arn, byte[] bytes) {
    }

    private synchronized Material usableMaterial(String keyId) {
        return usable(resolve(keyId));
    }

    private Material usable(Key key) {
        if (key.state == KeyState.Disabled) {
            throw KmsErrors.disabled(key.arn);
        }
        if (key.state == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn);
        }
        return new Material(key.id, key.arn, key.material);
    }

    /** Resolves a key to change the state of; a key pending deletion can only have its deletion cancelled. */
    private Key notPendingDeletion(String keyId) {
        Key key = resolve(keyId);
        if (key.state == KeyState.PendingDeletion) {
            throw KmsErrors.pendingDeletion(key.arn);
        }
        return key;
    }

    /** Resolves a KeyId as KMS accepts it: key id, key ARN, alias name or alias ARN. Caller holds the lock. */
    private Key resolve(String keyId) {
        String arnPrefix = "arn:" + partition + ":kms:" + region + ":" + accountId + ":";
        String local = keyId.startsWith(arnPrefix) ? keyId.substring(arnPrefix.length()) : keyId;
        if (local.startsWith("alias/")) {
            Alias alias = aliases.get(local);
            if (alias == null) {
                throw KmsErrors.aliasNotFound(aliasArn(local));
            }
            return keys.get(alias.target());
        }
        if (keyId.startsWith("arn:") && local.equals(keyId)) {
            // An ARN of another account, region or partition: KMS treats it as a key it cannot find.
            throw KmsErrors.keyNotFound(keyId);
        }
        String id = local.startsWith("key/") ? local.substring(4) : local;
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw KmsErrors.invalidKeyId(keyId);
        }
        if (!uuid.toString().equals(id.toLowerCase(java.util.Locale.ROOT))) {
            throw KmsErrors.invalidKeyId(keyId);
        }
        Key key = keys.get(uuid);
        if (key == null) {
            throw KmsErrors.keyNotFound(keyArn(uuid));
        }
        return key;
    }

    // ---------------------------------------------------------------------------------------------------------
    // State file

    @Override
    public String stateKey() {
        return STATE_KEY;
    }

    @Override
    public synchronized JsonNode snapshot() {
        return KmsSnapshotCodec.encode(keys.values(), aliases.values());
    }

    @Override
    public synchronized void restore(JsonNode snapshot) {
        KmsSnapshotCodec.Restored restored = KmsSnapshotCodec.decode(snapshot, this::keyArn);
        keys.clear();
        keys.putAll(restored.keys());
        aliases.clear();
        aliases.putAll(restored.aliases());
        ensureAwsManagedSsmKey();
    }
}
