package dev.secretbaker.local.internal.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.local.LocalAwsException;
import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.local.internal.kms.KeyState;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a seed file (YAML). Every problem is a {@link LocalAwsException} that names the file and the entry,
 * e.g. {@code parameters[2] (/demo/token): 'type' must be one of String, StringList, SecureString}.
 * Parameter values never appear in a message.
 */
public final class SeedParser {

    private static final Set<String> TOP_LEVEL = Set.of("keys", "parameters", "principals", "faults");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    private SeedParser(String source) {
        this.source = source;
    }

    public static Seed parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new LocalAwsException("Cannot read the seed file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Seed parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new LocalAwsException("The seed file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        return new SeedParser(source).seed(root);
    }

    private Seed seed(Object root) {
        if (root == null) {
            return new Seed(List.of(), List.of(), List.of(), null);
        }
        Map<String, Object> top = map(root, "the top level");
        for (String key : top.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw error("the top level", "unknown member '" + key + "'; expected keys, parameters, principals,"
                        + " faults");
            }
        }
        List<Seed.KeySeed> keys = new ArrayList<>();
        List<Object> keyItems = list(top.get("keys"), "keys");
        for (int i = 0; i < keyItems.size(); i++) {
            keys.add(key(keyItems.get(i), "keys[" + i + "]"));
        }
        List<Seed.ParameterSeed> parameters = new ArrayList<>();
        List<Object> parameterItems = list(top.get("parameters"), "parameters");
        for (int i = 0; i < parameterItems.size(); i++) {
            parameters.add(parameter(parameterItems.get(i), "parameters[" + i + "]"));
        }
        List<LocalPrincipal> principals = new ArrayList<>();
        List<Object> principalItems = list(top.get("principals"), "principals");
        for (int i = 0; i < principalItems.size(); i++) {
            principals.add(principal(principalItems.get(i), "principals[" + i + "]"));
        }
        Seed.FaultSeed faults = top.get("faults") == null ? null : faults(top.get("faults"));
        return new Seed(keys, parameters, principals, faults);
    }

    private Seed.KeySeed key(Object item, String where) {
        Map<String, Object> m = map(item, where);
        allowOnly(m, where, "id", "alias", "aliases", "description", "state");
        String id = string(m, "id", where, false);
        if (id != null) {
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw error(where, "'id' must be a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab, not '" + id
                        + "'");
            }
        }
        List<String> aliases = new ArrayList<>();
        String alias = string(m, "alias", where, false);
        if (alias != null) {
            aliases.add(alias);
        }
        aliases.addAll(strings(m, "aliases", where));
        for (String a : aliases) {
            if (!a.startsWith("alias/")) {
                throw error(where, "an alias must start with 'alias/', not '" + a + "'");
            }
        }
        String state = string(m, "state", where, false);
        KeyState keyState;
        try {
            keyState = state == null ? KeyState.Enabled : KeyState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw error(where, "'state' must be one of Enabled, Disabled, PendingDeletion, not '" + state + "'");
        }
        return new Seed.KeySeed(id, aliases, string(m, "description", where, false), keyState);
    }

    private Seed.ParameterSeed parameter(Object item, String where) {
        Map<String, Object> m = map(item, where);
        String name = string(m, "name", where, true);
        String named = where + " (" + name + ")";
        allowOnly(m, named, "name", "type", "value", "versions", "keyId", "tier", "description", "labels");
        String type = string(m, "type", named, false);
        if (type == null) {
            type = "SecureString";
        }
        if (!Set.of("String", "StringList", "SecureString").contains(type)) {
            throw error(named, "'type' must be one of String, StringList, SecureString, not '" + type + "'");
        }
        String tier = string(m, "tier", named, false);
        if (tier != null && !Set.of("Standard", "Advanced", "Intelligent-Tiering").contains(tier)) {
            throw error(named, "'tier' must be one of Standard, Advanced, Intelligent-Tiering, not '" + tier + "'");
        }
        String keyId = string(m, "keyId", named, false);
        if (keyId != null && !type.equals("SecureString")) {
            throw error(named, "'keyId' applies only to a SecureString");
        }
        List<Seed.VersionSeed> versions = new ArrayList<>();
        boolean single = m.containsKey("value");
        if (single == m.containsKey("versions")) {
            throw error(named, "give either 'value' (one version) or 'versions' (a list of {value, labels})");
        }
        if (single) {
            versions.add(new Seed.VersionSeed(value(m.get("value"), named), strings(m, "labels", named)));
        } else {
            if (m.containsKey("labels")) {
                throw error(named, "with 'versions', give 'labels' per version");
            }
            List<Object> items = list(m.get("versions"), named + ".versions");
            if (items.isEmpty()) {
                throw error(named, "'versions' must list at least one version");
            }
            for (int i = 0; i < items.size(); i++) {
                String vWhere = named + ".versions[" + i + "]";
                Map<String, Object> v = map(items.get(i), vWhere);
                allowOnly(v, vWhere, "value", "labels");
                if (!v.containsKey("value")) {
                    throw error(vWhere, "'value' is required");
                }
                versions.add(new Seed.VersionSeed(value(v.get("value"), vWhere), strings(v, "labels", vWhere)));
            }
        }
        return new Seed.ParameterSeed(name, type, keyId, tier, string(m, "description", named, false), versions);
    }

    private LocalPrincipal principal(Object item, String where) {
        Map<String, Object> m = map(item, where);
        String name = string(m, "name", where, true);
        String named = where + " (" + name + ")";
        allowOnly(m, named, "name", "accessKeyId", "secretAccessKey", "allow", "resources", "policy");
        String accessKeyId = string(m, "accessKeyId", named, false);
        String secret = string(m, "secretAccessKey", named, false);
        if ((accessKeyId == null) != (secret == null)) {
            throw error(named, "give both 'accessKeyId' and 'secretAccessKey', or neither for random ones");
        }
        List<String> allow = strings(m, "allow", named);
        List<String> resources = strings(m, "resources", named);
        String policy = policy(m.get("policy"), named);
        try {
            LocalPrincipal principal = accessKeyId == null ? LocalPrincipal.create(name, allow, resources)
                    : new LocalPrincipal(name, accessKeyId, secret, allow, resources);
            return policy == null ? principal : principal.withPolicy(policy);
        } catch (IllegalArgumentException e) {
            throw error(named, e.getMessage());
        }
    }

    /**
     * An IAM policy document, written in the seed as YAML (a mapping) or as JSON text; as JSON, or null. Its
     * statements are checked when the principal is created.
     */
    private String policy(Object value, String where) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw error(where, "'policy' must be an IAM policy document (a mapping with Version and Statement, or"
                    + " its JSON as text)");
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw error(where, "'policy' cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private Seed.FaultSeed faults(Object item) {
        String where = "faults";
        Map<String, Object> m = map(item, where);
        allowOnly(m, where, "latencyMillis", "throttleRate", "tpsLimits", "serverErrorRate", "dropConnectionRate",
                "seed");
        Map<String, Integer> tps = new LinkedHashMap<>();
        if (m.get("tpsLimits") != null) {
            map(m.get("tpsLimits"), "faults.tpsLimits").forEach((op, n) -> {
                if (!(n instanceof Integer limit) || limit < 0) {
                    throw error("faults.tpsLimits." + op, "must be a whole number of calls per second");
                }
                tps.put(op, limit);
            });
        }
        return new Seed.FaultSeed(longValue(m, "latencyMillis"), rate(m, "throttleRate"), tps,
                rate(m, "serverErrorRate"), rate(m, "dropConnectionRate"), longValue(m, "seed"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private LocalAwsException error(String where, String problem) {
        return new LocalAwsException("Seed file " + source + ", " + where + ": " + problem);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw error(where, "expected a mapping (name: value pairs)");
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw error(where, "member names must be text, not " + key);
            }
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw error(where, "expected a list");
        }
        return (List<Object>) l;
    }

    private void allowOnly(Map<String, Object> m, String where, String... names) {
        Set<String> allowed = Set.of(names);
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw error(where, "unknown member '" + key + "'; expected one of " + String.join(", ", names));
            }
        }
    }

    private String string(Map<String, Object> m, String field, String where, boolean required) {
        Object value = m.get(field);
        if (value == null) {
            if (required) {
                throw error(where, "'" + field + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw error(where, "'" + field + "' must be text");
        }
        return s;
    }

    /** A value: text, or a number or boolean that YAML read as one (kept as written). Never quoted back. */
    private String value(Object value, String where) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw error(where, "'value' must be text");
    }

    private List<String> strings(Map<String, Object> m, String field, String where) {
        Object value = m.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list(value, where + "." + field)) {
            if (!(item instanceof String s)) {
                throw error(where, "'" + field + "' must be a list of text");
            }
            out.add(s);
        }
        return out;
    }

    private Double rate(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw error("faults." + field, "must be a number from 0 to 1");
        }
        return n.doubleValue();
    }

    private Long longValue(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw error("faults." + field, "must be a whole number");
        }
        return ((Number) value).longValue();
    }
}
