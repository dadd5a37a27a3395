package dev.secretbaker.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.secretbaker.format.BoundedFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Reads which secrets to bake, from any of the places a front end finds them, into validated
 * {@link SecretRequest}s in configuration order.
 *
 * <ul>
 *   <li>{@link #fromServerlessYaml(Path, ConfigOptions)}: the {@code custom.secretBaker} section of
 *       {@code serverless.yml}, with the Serverless variables it uses resolved;</li>
 *   <li>{@link #fromJson(byte[])}: the section's value as JSON, already resolved by the Serverless Framework;</li>
 *   <li>{@link #packagesFromJson(byte[])}: the section and each function's own {@code secretBaker}, as JSON, with
 *       the deployment packages to bake, each holding the secrets of its functions;</li>
 *   <li>{@link #fromEntries(List)}: name and path pairs from a program, such as the Maven plugin.</li>
 * </ul>
 *
 * <p>An empty result means that no secrets are configured: a file without {@code custom.secretBaker} (or with an
 * empty one) gives an empty list rather than an error. Every front end then does the same, as the original plugin
 * did: the bake writes an empty secrets file, {@code {}} (replacing an earlier one, so no stale secret ships), and
 * warns in the words of {@link #noSecretsBaked(String)}.
 *
 * <p>Everything else that is not a valid configuration is a {@link ConfigurationException} naming the entry.
 */
public final class SecretBakerConfig {

    /** Where secret-baker's configuration lives in {@code serverless.yml}, and how its entries are named. */
    public static final String SERVERLESS_SECTION = "custom.secretBaker";

    /** How entries given to {@link #fromEntries(List)} are named in messages: {@code secrets[0]}. */
    public static final String ENTRIES_ROOT = "secrets";

    /** How the document read by {@link #packagesFromJson(byte[])} is named in messages. */
    public static final String PACKAGES_DOCUMENT = "the packages JSON";

    /** Larger JSON input is refused. */
    public static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

    // The streaming parser only: the bake jar the Serverless plugin ships has no room for jackson-databind.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SecretBakerConfig() {
    }

    /**
     * The secrets configured under {@code custom.secretBaker} in a {@code serverless.yml}.
     *
     * @param file    the {@code serverless.yml}
     * @param options the stage, region, options, parameters and environment its variables refer to
     * @return the secrets, in configuration order
     * @throws ConfigurationException if the file cannot be read, is not YAML, or the section is malformed or uses
     *                                a variable that cannot be resolved
     */
    public static List<SecretRequest> fromServerlessYaml(Path file, ConfigOptions options) {
        return readServerlessYaml(file, options).secrets();
    }

    /**
     * The secrets configured under {@code custom.secretBaker} in a {@code serverless.yml}, with the region the
     * service deploys to, which is where its parameters live.
     *
     * @param file    the {@code serverless.yml}
     * @param options the stage, region, options, parameters and environment its variables refer to
     * @return the secrets, in configuration order, and the region
     * @throws ConfigurationException as {@link #fromServerlessYaml(Path, ConfigOptions)}
     */
    public static ServerlessConfiguration readServerlessYaml(Path file, ConfigOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return readServerlessYaml(readFile(file, label), label, options);
    }

    private static byte[] readFile(Path file, String label) {
        try {
            return BoundedFileReader.read(file, ServerlessYaml.MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(label, "there is no such file: " + file, e);
        } catch (BoundedFileReader.TooLargeException | BoundedFileReader.NotRegularFileException e) {
            throw new ConfigurationException(label, e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException(label, "cannot be read: " + e, e);
        }
    }

    /**
     * The secrets configured under {@code custom.secretBaker} in the given {@code serverless.yml} content.
     *
     * @param content   the file's content
     * @param fileLabel how to name the file in messages, e.g. {@code serverless.yml}
     * @param options   the stage, region, options, parameters and environment its variables refer to
     * @return the secrets, in configuration order
     */
    public static List<SecretRequest> fromServerlessYaml(byte[] content, String fileLabel, ConfigOptions options) {
        return readServerlessYaml(content, fileLabel, options).secrets();
    }

    /**
     * As {@link #readServerlessYaml(Path, ConfigOptions)}, for content already read.
     *
     * @param content   the file's content
     * @param fileLabel how to name the file in messages, e.g. {@code serverless.yml}
     * @param options   the stage, region, options, parameters and environment its variables refer to
     * @return the secrets, in configuration order, and the region
     */
    public static ServerlessConfiguration readServerlessYaml(byte[] content, String fileLabel, ConfigOptions options) {
        return readServerlessYaml(content, fileLabel, options, List.of());
    }

    /**
     * As {@link #readServerlessYaml(Path, ConfigOptions)}, for the package of some functions: the secrets under
     * {@code custom.secretBaker} plus those under each function's own {@code functions.NAME.secretBaker}, as
     * {@link ServiceSecrets#forPackage} combines them. Only the named functions' sections are read.
     *
     * @param file      the {@code serverless.yml}
     * @param options   the stage, region, options, parameters and environment its variables refer to
     * @param functions the functions deployed from the package; none for {@code custom.secretBaker} alone
     * @return the package's secrets, in configuration order, and the region
     * @throws ConfigurationException also if a named function is not in the file
     */
    public static ServerlessConfiguration readServerlessYaml(Path file, ConfigOptions options, List<String> functions) {
        Objects.requireNonNull(file, "file");
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return readServerlessYaml(readFile(file, label), label, options, functions);
    }

    /**
     * As {@link #readServerlessYaml(Path, ConfigOptions, List)}, for content already read.
     *
     * @param content   the file's content
     * @param fileLabel how to name the file in messages, e.g. {@code serverless.yml}
     * @param options   the stage, region, options, parameters and environment its variables refer to
     * @param functions the functions deployed from the package; none for {@code custom.secretBaker} alone
     * @return the package's secrets, in configuration order, and the region
     */
    public static ServerlessConfiguration readServerlessYaml(byte[] content, String fileLabel, ConfigOptions options,
            List<String> functions) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(fileLabel, "fileLabel");
        Objects.requireNonNull(options, "options");
        Object document = ServerlessYaml.load(content, fileLabel);
        if (document == null) {
            throw new ConfigurationException(fileLabel, "the file is empty; it should hold at least service and provider");
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new ConfigurationException(fileLabel, "expected a map at the top level (service:, provider:, "
                    + "custom:, ...), but found " + EntryValidator.describe(document));
        }
        VariableResolver variables = new VariableResolver(root, options);
        Object custom = root.get("custom");
        if (custom instanceof String text) {
            custom = variables.resolveString(text, "custom");
        }
        if (custom == null) {
            return new ServerlessConfiguration(List.of(), variables.configuredRegion());
        }
        if (!(custom instanceof Map<?, ?> customMap)) {
            throw new ConfigurationException("custom", "expected a map (custom: secretBaker: ...), but found "
                    + EntryValidator.describe(custom));
        }
        Object section = resolveSection(variables, customMap.get("secretBaker"), SERVERLESS_SECTION);
        List<SecretRequest> secrets = EntryValidator.validate(section, SERVERLESS_SECTION);
        if (functions.isEmpty()) {
            return new ServerlessConfiguration(secrets, variables.configuredRegion());
        }
        Object declared = root.get("functions");
        Map<?, ?> declaredFunctions = declared instanceof Map<?, ?> map ? map : Map.of();
        Map<String, List<SecretRequest>> own = new LinkedHashMap<>();
        for (String name : functions) {
            if (!(declaredFunctions.get(name) instanceof Map<?, ?> function)) {
                throw new ConfigurationException(EntryValidator.locationOf("functions", name), "there is no such"
                        + " function in " + fileLabel + " (functions: " + declaredFunctions.keySet() + ")");
            }
            String where = ServiceSecrets.functionSection(name);
            own.put(name, EntryValidator.validate(resolveSection(variables, function.get("secretBaker"), where), where));
        }
        return new ServerlessConfiguration(ServiceSecrets.of(secrets, own).forPackage(functions), variables.configuredRegion());
    }

    /** A secretBaker section with its variables resolved, each entry named by its own location. */
    private static Object resolveSection(VariableResolver variables, Object section, String root) {
        if (section instanceof String text) {
            section = variables.resolveString(text, root);
        }
        if (section instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                resolved.add(variables.resolveDeep(list.get(i), root + "[" + i + "]"));
            }
            return resolved;
        }
        if (section instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                resolved.put(entry.getKey(), variables.resolveDeep(entry.getValue(), EntryValidator.locationOf(root, entry.getKey())));
            }
            return resolved;
        }
        return section;
    }

    /**
     * The secrets in a JSON document holding the value of {@code custom.secretBaker} as the Serverless Framework
     * resolved it: a list of names and {@code {"name": ..., "path": ...}} objects, or an object of names to paths.
     * {@code null} means nothing to bake. Duplicate keys are refused.
     *
     * @param json the JSON document, UTF-8
     * @return the secrets, in configuration order
     */
    public static List<SecretRequest> fromJson(byte[] json) {
        return EntryValidator.validate(parseJson(json, SERVERLESS_SECTION), SERVERLESS_SECTION);
    }

    /**
     * The deployment packages of a Serverless service and what each holds, from one JSON document with the values
     * the Serverless Framework resolved (what the Serverless plugin passes):
     * <pre>
     * {"secretBaker": &lt;custom.secretBaker&gt;,
     *  "functions": {"api": &lt;functions.api.secretBaker&gt;, ...},
     *  "packages": [{"functions": ["api"], "file": "api/secret-baker-secrets.json"}, ...]}
     * </pre>
     * A package may say {@code "sharedRole": false} when none of its functions runs with the role the functions
     * share (see {@link PackageSecrets#sharedRole()}).
     * Each value of {@code secretBaker} may take any of the configuration's forms; the rules of
     * {@link ServiceSecrets#forPackage} decide what each package holds.
     *
     * @param json the JSON document, UTF-8
     * @return one entry per package, in the document's order
     * @throws ConfigurationException naming the offending entry or member
     */
    public static List<PackageSecrets> packagesFromJson(byte[] json) {
        Object document = parseJson(json, PACKAGES_DOCUMENT);
        if (!(document instanceof Map<?, ?> root)) {
            throw new ConfigurationException(PACKAGES_DOCUMENT, "expected an object with secretBaker, functions and"
                    + " packages, but found " + EntryValidator.describe(document));
        }
        for (Object key : root.keySet()) {
            if (!List.of("secretBaker", "functions", "packages").contains(key)) {
                throw new ConfigurationException(PACKAGES_DOCUMENT, "unknown member '" + key + "'; expected"
                        + " secretBaker, functions and packages");
            }
        }
        Object functions = root.get("functions");
        if (functions != null && !(functions instanceof Map<?, ?>)) {
            throw new ConfigurationException(PACKAGES_DOCUMENT + ".functions", "expected an object of function names to"
                    + " their secretBaker values, but found " + EntryValidator.describe(functions));
        }
        Map<String, Object> own = new LinkedHashMap<>();
        if (functions != null) {
            ((Map<?, ?>) functions).forEach((name, value) -> own.put((String) name, value));
        }
        ServiceSecrets secrets = ServiceSecrets.fromValues(root.get("secretBaker"), own);
        if (!(root.get("packages") instanceof List<?> packages) || packages.isEmpty()) {
            throw new ConfigurationException(PACKAGES_DOCUMENT + ".packages", "expected a list of at least one package"
                    + " ({\"functions\": [...], \"file\": ...}), but found " + EntryValidator.describe(root.get("packages")));
        }
        List<PackageSecrets> result = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            String where = PACKAGES_DOCUMENT + ".packages[" + i + "]";
            if (!(packages.get(i) instanceof Map<?, ?> item) || !(item.get("file") instanceof String file) || file.isEmpty()
                    || !(item.get("functions") instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)
                    || !((item.containsKey("sharedRole") ? item.get("sharedRole") : Boolean.TRUE) instanceof Boolean sharedRole)
                    || item.size() != (item.containsKey("sharedRole") ? 3 : 2)) {
                throw new ConfigurationException(where, "expected {\"functions\": [function names], \"file\": \"path\"}"
                        + " and optionally \"sharedRole\": false");
            }
            List<String> functionNames = names.stream().map(String.class::cast).toList();
            result.add(new PackageSecrets(functionNames, file, secrets.forPackage(functionNames), sharedRole));
        }
        return result;
    }

    /**
     * As {@link #packagesFromJson(byte[])}, reading the stream to its end (it is not closed).
     *
     * @param json the JSON document, UTF-8
     * @return one entry per package, in the document's order
     */
    public static List<PackageSecrets> packagesFromJson(InputStream json) {
        return packagesFromJson(readAll(json, PACKAGES_DOCUMENT));
    }

    private static Object parseJson(byte[] json, String location) {
        Objects.requireNonNull(json, "json");
        if (json.length > MAX_JSON_BYTES) {
            throw new ConfigurationException(location, "the JSON configuration is larger than " + MAX_JSON_BYTES + " bytes");
        }
        try {
            return readJson(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigurationException(location, "the JSON configuration is not valid JSON: "
                    + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream json, String location) {
        Objects.requireNonNull(json, "json");
        try {
            return json.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigurationException(location, "the JSON configuration cannot be read: " + e, e);
        }
    }

    /** The document as Java values, as the YAML reader gives them: maps keep their order, numbers stay numbers. */
    private static Object readJson(byte[] json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "No content to map due to end-of-input");
            }
            Object value = readValue(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value");
            }
            return value;
        }
    }

    private static Object readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, readValue(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * As {@link #fromJson(byte[])}, reading the stream to its end (it is not closed).
     *
     * @param json the JSON document, UTF-8
     * @return the secrets, in configuration order
     */
    public static List<SecretRequest> fromJson(InputStream json) {
        return fromJson(readAll(json, SERVERLESS_SECTION));
    }

    /**
     * The secrets given as name and path pairs; a null path means the parameter has the secret's name. Entries
     * are named {@code secrets[0]}, {@code secrets[1]}, ... in messages.
     *
     * @param entries the secrets
     * @return the secrets, checked, in the same order
     */
    public static List<SecretRequest> fromEntries(List<SecretEntry> entries) {
        return fromEntries(entries, index -> ENTRIES_ROOT + "[" + index + "]");
    }

    /**
     * The secrets given as name and path pairs, each named in messages (and in {@link SecretRequest#source()}) as
     * {@code entryName} names the entry at that index in the front end's own terms, e.g. {@code <secrets><secret> #1}
     * in a POM.
     */
    public static List<SecretRequest> fromEntries(List<SecretEntry> entries, IntFunction<String> entryName) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(entryName, "entryName");
        return EntryValidator.validateEntries(entries, entryName);
    }

    /** The warning every front end gives when {@code where} lists no secrets and the bake wrote {@code {}}. */
    public static String noSecretsBaked(String where) {
        return "no secrets are configured in " + where + ", so the secrets file holds an empty object ({});"
                + " list the secrets there to bake them";
    }

    /** The warning every front end gives when {@code where} lists no secrets to verify. */
    public static String noSecretsToVerify(String where) {
        return "no secrets are configured in " + where + ", so there is nothing to verify";
    }

    /**
     * The secrets in a value of the same shapes as {@code custom.secretBaker} built from plain Java objects (lists,
     * maps, strings), e.g. a {@code Map<String, String>} of names to paths.
     *
     * @param value the value: a list of names and name/path maps, or a map of names to paths
     * @param root  how the value is named in messages, e.g. {@code custom.secretBaker}
     * @return the secrets, in configuration order
     */
    public static List<SecretRequest> fromValue(Object value, String root) {
        Objects.requireNonNull(root, "root");
        return EntryValidator.validate(value, root);
    }
}
