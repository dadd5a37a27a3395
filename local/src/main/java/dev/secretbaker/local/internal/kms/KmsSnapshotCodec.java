package dev.secretbaker.local.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** The state file's form of KMS's keys (with their material) and aliases, so that a restart restores them exactly. */
final class KmsSnapshotCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Restored(Map<UUID, Key> keys, TreeMap<String, Alias> aliases) {
    }

    private KmsSnapshotCodec() {
    }

    static JsonNode encode(Collection<Key> keys, Collection<Alias> aliases) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode keyList = root.putArray("keys");
        for (Key key : keys) {
            ObjectNode k = keyList.addObject();
            k.put("keyId", key.id.toString());
            k.put("material", Base64.getEncoder().encodeToString(key.material));
            k.put("description", key.description);
            k.put("keyManager", key.awsManaged ? "AWS" : "CUSTOMER");
            k.put("state", key.state.name());
            k.put("creationDate", key.created.toString());
            if (key.deletionDate != null) {
                k.put("deletionDate", key.deletionDate.toString());
                k.put("pendingWindowInDays", key.pendingWindowInDays);
            }
        }
        ArrayNode aliasList = root.putArray("aliases");
        for (Alias alias : aliases) {
            aliasList.addObject()
                    .put("aliasName", alias.name())
                    .put("targetKeyId", alias.target().toString())
                    .put("creationDate", alias.created().toString())
                    .put("lastUpdatedDate", alias.updated().toString());
        }
        return root;
    }

    static Restored decode(JsonNode snapshot, Function<UUID, String> keyArn) {
        Map<UUID, Key> restoredKeys = new LinkedHashMap<>();
        for (JsonNode k : snapshot.path("keys")) {
            UUID id = UUID.fromString(k.get("keyId").asText());
            byte[] material = Base64.getDecoder().decode(k.get("material").asText());
            if (material.length != 32) {
                throw new IllegalArgumentException("key " + id + " has " + material.length + " bytes of material");
            }
            Key key = new Key(id, keyArn.apply(id), material, k.path("description").asText(""),
                    "AWS".equals(k.path("keyManager").asText()), Instant.parse(k.get("creationDate").asText()));
            key.state = KeyState.valueOf(k.path("state").asText("Enabled"));
            if (k.hasNonNull("deletionDate")) {
                key.deletionDate = Instant.parse(k.get("deletionDate").asText());
                key.pendingWindowInDays = k.path("pendingWindowInDays").asInt(30);
            }
            restoredKeys.put(id, key);
        }
        TreeMap<String, Alias> restoredAliases = new TreeMap<>();
        for (JsonNode a : snapshot.path("aliases")) {
            UUID target = UUID.fromString(a.get("targetKeyId").asText());
            if (!restoredKeys.containsKey(target)) {
                throw new IllegalArgumentException("alias " + a.get("aliasName").asText() + " names a missing key");
            }
            restoredAliases.put(a.get("aliasName").asText(), new Alias(a.get("aliasName").asText(), target,
                    Instant.parse(a.get("creationDate").asText()), Instant.parse(a.get("lastUpdatedDate").asText())));
        }
        return new Restored(restoredKeys, restoredAliases);
    }
}
