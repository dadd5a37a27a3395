package dev.secretbaker.local.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.protocol.AwsJsonService;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.protocol.CallContext;
import dev.secretbaker.local.internal.protocol.JsonRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire layer of KMS ({@code X-Amz-Target: TrentService.<Operation>}, AWS JSON 1.1, signing name {@code kms}):
 * reads each request's members with AWS's checks, authorises the caller on the key's ARN, calls {@link KmsModel},
 * and writes the members KMS returns.
 */
public final class KmsService implements AwsJsonService {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> MUTATING = Set.of("CreateKey", "CreateAlias", "EnableKey", "DisableKey",
            "ScheduleKeyDeletion", "CancelKeyDeletion");
    private static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    private static final int MAX_LIST_LIMIT = 100;

    private final KmsModel model;

    public KmsService(KmsModel model) {
        this.model = model;
    }

    @Override
    public String targetPrefix() {
        return "TrentService";
    }

    @Override
    public String signingName() {
        return "kms";
    }

    @Override
    public boolean mutates(String operation) {
        return MUTATING.contains(operation);
    }

    @Override
    public AwsServiceException serverError() {
        return KmsErrors.internal();
    }

    @Override
    public JsonNode handle(String operation, JsonNode request, CallContext call) {
        JsonRequest in = new JsonRequest(request);
        return switch (operation) {
            case "CreateKey" -> createKey(in, call);
            case "CreateAlias" -> createAlias(in, call);
            case "ListAliases" -> listAliases(in, call);
            case "DescribeKey" -> describeKey(in, call);
            case "Encrypt" -> encrypt(in, call);
            case "Decrypt" -> decrypt(in, call);
            case "GenerateDataKey" -> generateDataKey(in, call);
            case "EnableKey" -> keyStateChange(in, call, "kms:EnableKey", model::enableKey);
            case "DisableKey" -> keyStateChange(in, call, "kms:DisableKey", model::disableKey);
            case "CancelKeyDeletion" -> cancelKeyDeletion(in, call);
            case "ScheduleKeyDeletion" -> scheduleKeyDeletion(in, call);
            default -> throw AwsServiceException.unknownOperation();
        };
    }

    private JsonNode createKey(JsonRequest in, CallContext call) {
        String description = in.string("Description", false, 0, 8192);
        String keyUsage = in.string("KeyUsage", false);
        String keySpec = in.string("KeySpec", false);
        String customerMasterKeySpec = in.string("CustomerMasterKeySpec", false);
        String origin = in.string("Origin", false);
        in.string("Policy", false, 1, 32768);
        in.bool("BypassPolicyLockoutSafetyCheck");
        Boolean multiRegion = in.bool("MultiRegion");
        in.ignoredList("Tags");
        in.throwIfFailed();
        call.authorize("kms:CreateKey", "*");
        if (keyUsage != null && !keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw KmsErrors.unsupported("This emulator supports only KeyUsage ENCRYPT_DECRYPT, not " + keyUsage + ".");
        }
        String spec = keySpec != null ? keySpec : customerMasterKeySpec;
        if (spec != null && !spec.equals(SYMMETRIC_DEFAULT)) {
            throw KmsErrors.unsupported("This emulator supports only KeySpec SYMMETRIC_DEFAULT, not " + spec + ".");
        }
        if (origin != null && !origin.equals("AWS_KMS")) {
            throw KmsErrors.unsupported("This emulator supports only Origin AWS_KMS, not " + origin + ".");
        }
        if (Boolean.TRUE.equals(multiRegion)) {
            throw KmsErrors.unsupported("This emulator does not support multi-Region keys.");
        }
        ObjectNode out = NODES.objectNode();
        out.set("KeyMetadata", keyMetadata(model.createKey(description, null)));
        return out;
    }

    private JsonNode createAlias(JsonRequest in, CallContext call) {
        String aliasName = in.string("AliasName", true, 1, 256);
        String targetKeyId = in.string("TargetKeyId", true, 1, 2048);
        in.throwIfFailed();
        KeyMetadata key = model.describeKey(targetKeyId);
        call.authorize("kms:CreateAlias", model.aliasArn(aliasName));
        call.authorize("kms:CreateAlias", key.arn());
        model.createAlias(aliasName, targetKeyId);
        return NODES.objectNode();
    }

    private JsonNode listAliases(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", false, 1, 2048);
        Integer limit = in.integer("Limit");
        String marker = in.string("Marker", false, 1, 320);
        if (limit != null && (limit < 1 || limit > MAX_LIST_LIMIT)) {
            in.fail("Value '" + limit + "' at 'limit' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
        }
        in.throwIfFailed();
        call.authorize("kms:ListAliases", "*");
        List<AliasEntry> aliases = model.listAliases(keyId);
        int start = 0;
        if (marker != null) {
            start = decodeMarker(marker, aliases.size());
        }
        int size = limit == null ? MAX_LIST_LIMIT : limit;
        int end = Math.min(aliases.size(), start + size);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Aliases");
        for (AliasEntry alias : aliases.subList(start, end)) {
            ObjectNode a = list.addObject();
            a.put("AliasName", alias.aliasName());
            a.put("AliasArn", alias.aliasArn());
            a.put("TargetKeyId", alias.targetKeyId());
            a.set("CreationDate", epochSeconds(alias.creationDate()));
            a.set("LastUpdatedDate", epochSeconds(alias.lastUpdatedDate()));
        }
        boolean truncated = end < aliases.size();
        if (truncated) {
            out.put("NextMarker", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("aliases:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        out.put("Truncated", truncated);
        return out;
    }

    private static int decodeMarker(String marker, int size) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith("aliases:")) {
                int position = Integer.parseInt(decoded.substring("aliases:".length()));
                if (position >= 0 && position <= size) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new AwsServiceException("InvalidMarkerException", 400, "The marker that specifies where pagination"
                + " should next begin is not valid.");
    }

    private JsonNode describeKey(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", true, 1, 2048);
        in.ignoredList("GrantTokens");
        in.throwIfFailed();
        KeyMetadata key = model.describeKey(keyId);
        call.authorize("kms:DescribeKey", key.arn());
        ObjectNode out = NODES.objectNode();
        out.set("KeyMetadata", keyMetadata(key));
        return out;
    }

    private JsonNode encrypt(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", true, 1, 2048);
        byte[] plaintext = in.blob("Plaintext", true, 1, KmsModel.MAX_PLAINTEXT_BYTES);
        Map<String, String> context = in.stringMap("EncryptionContext");
        String algorithm = in.string("EncryptionAlgorithm", false);
        in.ignoredList("GrantTokens");
        boolean dryRun = Boolean.TRUE.equals(in.bool("DryRun"));
        in.throwIfFailed();
        KeyMetadata key = authorized(model.describeKey(keyId), "kms:Encrypt", call);
        checkAlgorithm(algorithm);
        if (dryRun) {
            throw KmsErrors.dryRun();
        }
        byte[] blob = model.encrypt(key.arn(), plaintext, context);
        ObjectNode out = NODES.objectNode();
        out.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
        out.put("KeyId", key.arn());
        out.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
        return out;
    }

    private JsonNode decrypt(JsonRequest in, CallContext call) {
        byte[] blob = in.blob("CiphertextBlob", true, 1, KmsModel.MAX_CIPHERTEXT_BYTES);
        Map<String, String> context = in.stringMap("EncryptionContext");
        String keyId = in.string("KeyId", false, 1, 2048);
        String algorithm = in.string("EncryptionAlgorithm", false);
        in.ignoredList("GrantTokens");
        if (in.stringMap("Recipient") != null) {
            throw KmsErrors.unsupported("This emulator does not support Recipient (Nitro Enclaves attestation).");
        }
        boolean dryRun = Boolean.TRUE.equals(in.bool("DryRun"));
        in.throwIfFailed();
        KeyMetadata key = model.keyOfCiphertext(blob);
        call.authorize("kms:Decrypt", key.arn(), conditionKeys(key, context, algorithm, call));
        model.checkDirectUse(key, "kms:Decrypt", principalArn(call));
        checkAlgorithm(algorithm);
        if (dryRun) {
            throw KmsErrors.dryRun();
        }
        KmsModel.Decrypted decrypted = model.decrypt(blob, context, keyId);
        ObjectNode out = NODES.objectNode();
        out.put("KeyId", decrypted.keyArn());
        out.put("Plaintext", Base64.getEncoder().encodeToString(decrypted.plaintext()));
        out.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
        return out;
    }

    private JsonNode generateDataKey(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", true, 1, 2048);
        Map<String, String> context = in.stringMap("EncryptionContext");
        Integer numberOfBytes = in.integer("NumberOfBytes");
        String keySpec = in.string("KeySpec", false);
        in.ignoredList("GrantTokens");
        boolean dryRun = Boolean.TRUE.equals(in.bool("DryRun"));
        if (numberOfBytes != null && (numberOfBytes < 1 || numberOfBytes > 1024)) {
            in.fail("Value '" + numberOfBytes + "' at 'numberOfBytes' failed to satisfy constraint: Member must have"
                    + " value " + (numberOfBytes < 1 ? "greater than or equal to 1" : "less than or equal to 1024"));
        }
        if (keySpec != null && !keySpec.equals("AES_256") && !keySpec.equals("AES_128")) {
            in.fail("Value '" + keySpec + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum"
                    + " value set: [AES_256, AES_128]");
        }
        in.throwIfFailed();
        if ((numberOfBytes == null) == (keySpec == null)) {
            throw KmsErrors.validation("Please specify either number of bytes or key spec.");
        }
        int bytes = numberOfBytes != null ? numberOfBytes : keySpec.equals("AES_256") ? 32 : 16;
        KeyMetadata key = authorized(model.describeKey(keyId), "kms:GenerateDataKey", call);
        if (dryRun) {
            throw KmsErrors.dryRun();
        }
        KeyMaterialService.DataKey dataKey = model.generateDataKey(key.arn(), context, bytes);
        ObjectNode out = NODES.objectNode();
        out.put("CiphertextBlob", Base64.getEncoder().encodeToString(dataKey.ciphertextBlob()));
        out.put("Plaintext", Base64.getEncoder().encodeToString(dataKey.plaintext()));
        out.put("KeyId", dataKey.keyArn());
        return out;
    }

    private JsonNode keyStateChange(JsonRequest in, CallContext call, String action,
            java.util.function.Function<String, KeyMetadata> change) {
        String keyId = in.string("KeyId", true, 1, 2048);
        in.throwIfFailed();
        KeyMetadata key = authorized(model.describeKey(keyId), action, call);
        change.apply(key.arn());
        return NODES.objectNode();
    }

    private JsonNode scheduleKeyDeletion(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", true, 1, 2048);
        Integer days = in.integer("PendingWindowInDays");
        in.throwIfFailed();
        KeyMetadata key = authorized(model.describeKey(keyId), "kms:ScheduleKeyDeletion", call);
        KeyMetadata scheduled = model.scheduleKeyDeletion(key.arn(), days);
        ObjectNode out = NODES.objectNode();
        out.put("KeyId", scheduled.arn());
        out.set("DeletionDate", epochSeconds(scheduled.deletionDate()));
        out.put("KeyState", scheduled.state().name());
        out.put("PendingWindowInDays", scheduled.pendingDeletionWindowInDays());
        return out;
    }

    private JsonNode cancelKeyDeletion(JsonRequest in, CallContext call) {
        String keyId = in.string("KeyId", true, 1, 2048);
        in.throwIfFailed();
        KeyMetadata key = authorized(model.describeKey(keyId), "kms:CancelKeyDeletion", call);
        model.cancelKeyDeletion(key.arn());
        ObjectNode out = NODES.objectNode();
        out.put("KeyId", key.arn());
        return out;
    }

    /**
     * The key, once both the caller's policies and the key's own policy allow the action on it (the policy of an
     * AWS managed key allows no direct use).
     */
    /** The IAM condition keys KMS sets for a cryptographic operation, for policies with conditions. */
    private Map<String, List<String>> conditionKeys(KeyMetadata key, Map<String, String> context, String algorithm,
            CallContext call) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, String> encryptionContext = context == null ? Map.of() : context;
        encryptionContext.forEach((name, value) -> keys.put("kms:EncryptionContext:" + name, List.of(value)));
        keys.put("kms:EncryptionContextKeys", List.copyOf(encryptionContext.keySet()));
        keys.put("kms:ResourceAliases", model.listAliases(key.keyId()).stream().map(AliasEntry::aliasName).toList());
        keys.put("kms:CallerAccount", List.of(call.accountId()));
        keys.put("kms:EncryptionAlgorithm", List.of(algorithm == null ? SYMMETRIC_DEFAULT : algorithm));
        return keys;
    }

    private KeyMetadata authorized(KeyMetadata key, String action, CallContext call) {
        call.authorize(action, key.arn());
        model.checkDirectUse(key, action, principalArn(call));
        return key;
    }

    private static void checkAlgorithm(String algorithm) {
        if (algorithm != null && !algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw KmsErrors.invalidKeyUsage("The encryption algorithm " + algorithm
                    + " is not valid for this KMS key. Use SYMMETRIC_DEFAULT.");
        }
    }

    private static String principalArn(CallContext call) {
        String principal = call.principal();
        return principal.startsWith("arn:") ? principal
                : "arn:" + KmsModel.partitionOf(call.region()) + ":iam::" + call.accountId() + ":user/" + principal;
    }

    /** The {@code KeyMetadata} structure as DescribeKey and CreateKey return it. */
    static ObjectNode keyMetadata(KeyMetadata key) {
        ObjectNode m = NODES.objectNode();
        m.put("AWSAccountId", key.accountId());
        m.put("KeyId", key.keyId());
        m.put("Arn", key.arn());
        m.set("CreationDate", epochSeconds(key.creationDate()));
        m.put("Enabled", key.enabled());
        m.put("Description", key.description());
        m.put("KeyUsage", "ENCRYPT_DECRYPT");
        m.put("KeyState", key.state().name());
        if (key.deletionDate() != null) {
            m.set("DeletionDate", epochSeconds(key.deletionDate()));
            m.put("PendingDeletionWindowInDays", key.pendingDeletionWindowInDays());
        }
        m.put("Origin", "AWS_KMS");
        m.put("KeyManager", key.keyManager());
        m.put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT);
        m.put("KeySpec", SYMMETRIC_DEFAULT);
        m.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
        m.put("MultiRegion", false);
        return m;
    }

    /** AWS JSON timestamps: epoch seconds, as a number with a fraction. */
    private static JsonNode epochSeconds(Instant instant) {
        return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }
}
