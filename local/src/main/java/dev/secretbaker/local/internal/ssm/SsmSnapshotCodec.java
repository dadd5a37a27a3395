package dev.secretbaker.local.internal.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.ssm.StoredVersion.ValueEncoding;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.TreeMap;

/**
 * The state file's form of Parameter Store's parameters: every version with its ciphertext, labels and the last
 * version number, so that a restart restores them exactly.
 */
final class SsmSnapshotCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SsmSnapshotCodec() {
    }

    static JsonNode encode(Collection<Parameter> parameters) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("parameters");
        for (Parameter parameter : parameters) {
            ObjectNode p = list.addObject();
            p.put("name", parameter.name);
            p.put("lastVersion", parameter.lastVersion);
            ObjectNode labels = p.putObject("labels");
            parameter.labels.forEach(labels::put);
            ArrayNode versions = p.putArray("versions");
            for (StoredVersion v : parameter.versions.values()) {
                ObjectNode node = versions.addObject();
                node.put("version", v.version());
                node.put("type", v.type().wireName());
                node.put("encoding", v.encoding().name());
                if (v.plainValue() != null) {
                    node.put("value", v.plainValue());
                }
                if (v.ciphertext() != null) {
                    node.put("ciphertext", Base64.getEncoder().encodeToString(v.ciphertext()));
                }
                putIfPresent(node, "keyId", v.keyId());
                putIfPresent(node, "keyArn", v.keyArn());
                node.put("tier", v.tier().wireName());
                putIfPresent(node, "description", v.description());
                putIfPresent(node, "allowedPattern", v.allowedPattern());
                node.put("dataType", v.dataType());
                putIfPresent(node, "policies", v.policies());
                node.put("lastModifiedDate", v.lastModifiedDate().toString());
                node.put("lastModifiedUser", v.lastModifiedUser());
            }
        }
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static TreeMap<String, Parameter> decode(JsonNode snapshot) {
        TreeMap<String, Parameter> restored = new TreeMap<>();
        for (JsonNode p : snapshot.path("parameters")) {
            Parameter parameter = new Parameter(p.get("name").asText());
            for (JsonNode node : p.path("versions")) {
                parameter.add(new StoredVersion(
                        node.get("version").asLong(),
                        ParameterType.fromWire(node.get("type").asText()),
                        text(node, "value"),
                        node.has("ciphertext") ? Base64.getDecoder().decode(node.get("ciphertext").asText()) : null,
                        ValueEncoding.valueOf(node.get("encoding").asText()),
                        text(node, "keyId"),
                        text(node, "keyArn"),
                        ParameterTier.fromWire(node.get("tier").asText()),
                        text(node, "description"),
                        text(node, "allowedPattern"),
                        node.path("dataType").asText(SsmModel.DEFAULT_DATA_TYPE),
                        text(node, "policies"),
                        Instant.parse(node.get("lastModifiedDate").asText()),
                        text(node, "lastModifiedUser")));
            }
            if (parameter.versions.isEmpty()) {
                continue;
            }
            parameter.lastVersion = Math.max(parameter.lastVersion, p.path("lastVersion").asLong(0));
            p.path("labels").fields().forEachRemaining(e -> parameter.labels.put(e.getKey(), e.getValue().asLong()));
            restored.put(parameter.name, parameter);
        }
        return restored;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
