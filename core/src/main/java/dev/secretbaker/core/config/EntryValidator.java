package dev.secretbaker.core.config;

import dev.secretbaker.format.PrintableText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Turns the value of {@code custom.secretBaker} (or the same shapes from JSON or Java) into secret requests, in
 * configuration order, refusing anything the original plugin would have mishandled. The shapes:
 * <pre>
 * - MY_SECRET                 # a list item that is a string: name and parameter are both MY_SECRET
 * - name: CUSTOM_SECRET       # a list item with exactly a name and a path
 *   path: a/custom/secret/path
 * MY_SECRET: /path/to/secret  # or a map from name to path (with an optional :version or :label)
 * </pre>
 */
final class EntryValidator {

    private static final Set<String> ITEM_KEYS = Set.of("name", "path");

    private final String root;
    private final List<SecretRequest> requests = new ArrayList<>();
    private final Map<String, String> locationByName = new HashMap<>();

    private EntryValidator(String root) {
        this.root = root;
    }

    /**
     * @param value the section's value with its variables resolved; null means nothing to bake
     * @param root  the section's location, e.g. {@code custom.secretBaker}
     */
    static List<SecretRequest> validate(Object value, String root) {
        EntryValidator validator = new EntryValidator(root);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                validator.listItem(list.get(i), root + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                validator.mapEntry(entry.getKey(), entry.getValue());
            }
        } else {
            throw new ConfigurationException(root, "expected a list of secrets (- MY_SECRET, or - name: ... path: ...) "
                    + "or a map of secret names to parameter paths (MY_SECRET: /path/to/secret), but found "
                    + describe(value));
        }
        return List.copyOf(validator.requests);
    }

    /** Entries given as Java objects: a null path means the parameter has the secret's name. */
    static List<SecretRequest> validateEntries(List<SecretEntry> entries, IntFunction<String> entryName) {
        EntryValidator validator = new EntryValidator(SecretBakerConfig.ENTRIES_ROOT);
        for (int i = 0; i < entries.size(); i++) {
            String location = entryName.apply(i);
            SecretEntry entry = entries.get(i);
            if (entry == null) {
                throw new ConfigurationException(location, "the entry is missing (null)");
            }
            if (entry.name() == null) {
                throw new ConfigurationException(location, "the entry has no name");
            }
            validator.add(entry.name(), entry.path() == null ? entry.name() : entry.path(), location, "path");
        }
        return List.copyOf(validator.requests);
    }

    private void listItem(Object item, String location) {
        if (item instanceof String name) {
            add(name, name, location, "name");
            return;
        }
        if (!(item instanceof Map<?, ?> map)) {
            throw new ConfigurationException(location, "expected a secret name (- MY_SECRET) or a name and a path "
                    + "(- name: MY_SECRET / path: /path/to/secret), but found " + describe(item)
                    + hintToQuote(item));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String text) || !ITEM_KEYS.contains(text)) {
                throw new ConfigurationException(location, "unknown key '" + key + "'; an entry has only a name and "
                        + "a path");
            }
        }
        if (!map.containsKey("name")) {
            throw new ConfigurationException(location, "the entry has no name; add name: MY_SECRET");
        }
        if (!map.containsKey("path")) {
            throw new ConfigurationException(location, "the entry has no path; add path: /path/to/parameter");
        }
        Object name = map.get("name");
        Object path = map.get("path");
        if (!(name instanceof String nameText)) {
            throw new ConfigurationException(location, "the name must be a string, but it is " + describe(name)
                    + hintToQuote(name));
        }
        if (!(path instanceof String pathText)) {
            throw new ConfigurationException(location, "the path must be a string (a parameter name or ARN), but it is "
                    + describe(path) + hintToQuote(path));
        }
        add(nameText, pathText, location, "path");
    }

    private void mapEntry(Object key, Object value) {
        String name;
        if (key instanceof String text) {
            name = text;
        } else if (key instanceof Integer || key instanceof Long || key instanceof BigInteger) {
            name = key.toString(); // a JavaScript object key is always a string: 10: /x names the secret "10"
        } else {
            throw new ConfigurationException(root + "[" + key + "]", "a secret name must be a string, but this key is "
                    + describe(key) + "; put it in quotes");
        }
        String location = locationOf(root, name);
        if (value == null) {
            throw new ConfigurationException(location, "the secret has no path; write " + name
                    + ": /path/to/parameter, or list it as - " + name + " when the parameter has the same name");
        }
        if (!(value instanceof String path)) {
            throw new ConfigurationException(location, "expected a parameter path (a string such as /path/to/secret "
                    + "or /path/to/secret:2), but found " + describe(value) + hintToQuote(value));
        }
        add(name, path, location, "path");
    }

    private void add(String name, String path, String location, String pathField) {
        if (name.isEmpty()) {
            throw new ConfigurationException(location, "the secret name is empty");
        }
        if (name.contains("${")) {
            throw new ConfigurationException(location, "the secret name '" + name + "' holds an unresolved variable");
        }
        int unprintable = PrintableText.firstUnprintable(name);
        if (unprintable >= 0) {
            // Printed raw by list, bake and decrypt, such a name could rewrite the terminal or spoof a row.
            throw new ConfigurationException(location, "the secret name '" + PrintableText.escape(name) + "' contains "
                    + String.format("U+%04X", (int) name.charAt(unprintable)) + ", a control or invisible formatting"
                    + " character; a name must be printable text such as DB_PASSWORD");
        }
        if (name.equals("__proto__")) {
            // The original plugin builds the file as a JavaScript object, where this name silently vanishes.
            throw new ConfigurationException(location, "the secret name __proto__ is reserved in JavaScript; "
                    + "choose another name");
        }
        if (path.isEmpty()) {
            throw new ConfigurationException(location, "the " + pathField + " is empty; it must name a parameter");
        }
        if (path.contains("${")) {
            throw new ConfigurationException(location, "the parameter '" + path + "' holds an unresolved variable");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || PrintableText.isUnprintable(c)) {
                throw new ConfigurationException(location, "the parameter '" + PrintableText.escape(path.strip())
                        + "' contains whitespace or a control character, which no parameter name can");
            }
        }
        if (path.endsWith(":")) {
            throw new ConfigurationException(location, "the parameter '" + path + "' ends with ':' but names no "
                    + "version or label after it (e.g. " + path + "2)");
        }
        String earlier = locationByName.putIfAbsent(name, location);
        if (earlier != null) {
            throw new ConfigurationException(location, "the secret name '" + name + "' is already used by " + earlier
                    + "; each secret needs its own name");
        }
        requests.add(new SecretRequest(name, path, location));
    }

    /** custom.secretBaker.MY_SECRET, or custom.secretBaker["my secret"] for a name that needs quoting. */
    static String locationOf(String root, Object key) {
        String name = PrintableText.escape(String.valueOf(key));
        boolean plain = !name.isEmpty() && name.chars().allMatch(c -> c < 0x80
                && (Character.isLetterOrDigit(c) || c == '_' || c == '-'));
        return plain ? root + "." + name : root + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String hintToQuote(Object value) {
        return value instanceof Number || value instanceof Boolean ? "; put it in quotes if it is meant as text" : "";
    }

    /** What kind of value this is, for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof Number) {
            return "a number (" + value + ")";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object (a map)";
        }
        if (value instanceof TaggedValue tagged) {
            return tagged.describe();
        }
        if (value instanceof java.util.Date) {
            return "a date";
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }
}
