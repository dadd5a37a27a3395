package dev.secretbaker.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the Serverless Framework variables that secret-baker supports in the values it reads:
 * {@code ${sls:stage}}, {@code ${opt:name}}, {@code ${self:path.in.file}}, {@code ${env:NAME}},
 * {@code ${param:name}} and {@code ${aws:region}}, with defaults ({@code ${opt:stage, 'dev'}},
 * {@code ${env:X, ${opt:y, 'z'}}}) and variables inside strings ({@code /app/${sls:stage}/db}).
 *
 * <p>Only what is asked for is resolved, lazily, as the Framework does: a value elsewhere in the file that uses a
 * source secret-baker cannot resolve ({@code ${ssm:...}}, {@code ${file(...)}}, ...) matters only if a secret
 * refers to it.
 */
final class VariableResolver {

    private static final int MAX_DEPTH = 64;
    // Aliases make a small document a large tree; this bounds the work of walking what a secret refers to.
    private static final int MAX_VALUES = 100_000;
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final String SUPPORTED = "sls:stage, opt, self, env, param and aws:region";

    // A default of null ends the search for a value: the variable then stands for nothing.
    private static final Object EXPLICIT_NULL = new Object();

    private final Map<?, ?> document;
    private final ConfigOptions options;
    // self: paths being resolved, to turn a reference cycle into an error instead of a stack overflow.
    private final Set<String> inProgress = new LinkedHashSet<>();
    private String stage;
    private int depth;
    private int values;
    // The maps and lists being walked: a YAML alias can make a list contain itself.
    private final Set<Object> walking = Collections.newSetFromMap(new IdentityHashMap<>());

    VariableResolver(Map<?, ?> document, ConfigOptions options) {
        this.document = document;
        this.options = options;
    }

    /** The value with every variable in it resolved, maps and lists included. */
    Object resolveDeep(Object value, String location) {
        if (++values > MAX_VALUES) {
            throw new ConfigurationException(location, "refers to more than " + MAX_VALUES + " values once YAML "
                    + "aliases are expanded; refer to a smaller part of the file");
        }
        enter(location);
        try {
            if (value instanceof String text) {
                return resolveString(text, location);
            }
            if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                return value;
            }
            if (!walking.add(value)) {
                throw new ConfigurationException(location, "refers to a YAML anchor from inside itself, so its value "
                        + "would never end");
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    Map<Object, Object> resolved = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        resolved.put(entry.getKey(), resolveDeep(entry.getValue(), location));
                    }
                    return resolved;
                }
                List<Object> resolved = new ArrayList<>(((List<?>) value).size());
                for (Object item : (List<?>) value) {
                    resolved.add(resolveDeep(item, location));
                }
                return resolved;
            } finally {
                walking.remove(value);
            }
        } finally {
            depth--;
        }
    }

    /** Resolves a string: a lone variable gives its value as it is (a map, a number...); otherwise a string. */
    Object resolveString(String text, String location) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        int end = closingBrace(text, start, location);
        if (start == 0 && end == text.length() - 1) {
            return resolveVariable(text, text.substring(2, end), location);
        }
        StringBuilder result = new StringBuilder();
        int from = 0;
        while (start >= 0) {
            result.append(text, from, start);
            String variable = text.substring(start, end + 1);
            Object value = resolveVariable(variable, text.substring(start + 2, end), location);
            result.append(embeddable(value, variable, location));
            from = end + 1;
            start = text.indexOf("${", from);
            if (start >= 0) {
                end = closingBrace(text, start, location);
            }
        }
        return result.append(text, from, text.length()).toString();
    }

    /** The stage, as the Framework decides it: the --stage option, else provider.stage, else dev. */
    String stage(String location) {
        if (stage == null) {
            String fromOption = options.stage().orElse(null);
            if (fromOption != null) {
                stage = fromOption;
            } else {
                Object fromFile = self("provider.stage", location);
                String configured = fromFile == null ? "" : embeddable(fromFile, "provider.stage", location);
                stage = configured.isEmpty() ? "dev" : configured;
            }
        }
        return stage;
    }

    /**
     * The region the service is configured for: the region option, else {@code provider.region} with its
     * variables resolved; empty when neither is set, so that the AWS SDK's own chain decides.
     */
    Optional<String> configuredRegion() {
        if (options.region().isEmpty() && self("provider.region", "provider.region") == null) {
            return Optional.empty();
        }
        String region = region("provider.region");
        return region.isBlank() ? Optional.empty() : Optional.of(region);
    }

    private String region(String location) {
        String fromOption = options.region().orElse(null);
        if (fromOption != null) {
            return fromOption;
        }
        Object fromFile = self("provider.region", location);
        return fromFile == null ? "us-east-1" : embeddable(fromFile, "provider.region", location);
    }

    private Object resolveVariable(String variable, String body, String location) {
        enter(location);
        try {
            List<String> alternatives = splitAlternatives(body, variable, location);
            for (String alternative : alternatives) {
                Object value = resolveAlternative(alternative.strip(), variable, location);
                if (value == EXPLICIT_NULL) {
                    return null;
                }
                if (value != null) {
                    return value;
                }
            }
            throw new ConfigurationException(location, "cannot resolve " + variable + ": "
                    + whyMissing(alternatives.get(0).strip(), location)
                    + (alternatives.size() > 1 ? ", and none of its defaults has a value either"
                            : "; give it a value or a default, e.g. ${" + alternatives.get(0).strip() + ", 'value'}"));
        } finally {
            depth--;
        }
    }

    private Object resolveAlternative(String alternative, String variable, String location) {
        if (alternative.isEmpty()) {
            throw new ConfigurationException(location, "the variable " + variable + " has an empty part");
        }
        char first = alternative.charAt(0);
        if ((first == '\'' || first == '"') && alternative.length() >= 2
                && alternative.charAt(alternative.length() - 1) == first) {
            return alternative.substring(1, alternative.length() - 1);
        }
        if (NUMBER.matcher(alternative).matches()) {
            return number(alternative);
        }
        switch (alternative) {
            case "null":
                return EXPLICIT_NULL;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                break;
        }
        if (alternative.startsWith("${") && closingBrace(alternative, 0, location) == alternative.length() - 1) {
            return resolveString(alternative, location);
        }
        int colon = alternative.indexOf(':');
        int paren = alternative.indexOf('(');
        int sourceEnd = colon < 0 ? paren : paren < 0 ? colon : Math.min(colon, paren);
        String source = sourceEnd < 0 ? alternative : alternative.substring(0, sourceEnd);
        if (sourceEnd < 0 || !SOURCE.matcher(source).matches()) {
            throw new ConfigurationException(location, "the variable " + variable + " has a part that is neither a "
                    + "source (such as opt:stage) nor a quoted default (such as 'dev')");
        }
        if (sourceEnd == paren || !List.of("sls", "opt", "env", "self", "param", "aws").contains(source)) {
            throw unsupported(source, variable, location);
        }
        // An address may itself hold variables: ${self:custom.${sls:stage}.db}
        Object resolvedAddress = resolveString(alternative.substring(colon + 1), location);
        String address = embeddable(resolvedAddress, variable, location);
        return switch (source) {
            case "sls" -> {
                if (!address.equals("stage")) {
                    throw unsupported("sls:" + address, variable, location);
                }
                yield stage(location);
            }
            case "opt" -> options.options().get(address);
            case "env" -> options.environment().get(address);
            case "self" -> self(address, location);
            case "param" -> param(address, location);
            case "aws" -> {
                if (!address.equals("region")) {
                    throw unsupported("aws:" + address, variable, location);
                }
                yield region(location);
            }
            default -> throw unsupported(source, variable, location);
        };
    }

    private Object param(String name, String location) {
        String given = options.params().get(name);
        if (given != null) {
            return given;
        }
        String currentStage = stage(location);
        for (String path : List.of("params." + currentStage + "." + name, "stages." + currentStage + ".params." + name,
                "params.default." + name, "stages.default.params." + name)) {
            Object value = self(path, location);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value at a dotted path in the document, resolved; null when there is none. */
    private Object self(String address, String location) {
        if (address.isEmpty() || address.startsWith(".") || address.endsWith(".") || address.contains("..")) {
            throw new ConfigurationException(location, "${self:" + address + "} is not a path into the file; "
                    + "write it as ${self:custom.name}");
        }
        if (!inProgress.add(address)) {
            throw new ConfigurationException(location, "the variables refer to each other in a circle: "
                    + String.join(" -> ", inProgress) + " -> " + address);
        }
        try {
            Object current = document;
            for (String segment : address.split("\\.")) {
                if (current instanceof String text) {
                    current = resolveString(text, location);
                }
                if (current instanceof Map<?, ?> map) {
                    current = lookup(map, segment);
                } else if (current instanceof List<?> list && segment.chars().allMatch(Character::isDigit)
                        && segment.length() < 10 && Integer.parseInt(segment) < list.size()) {
                    current = list.get(Integer.parseInt(segment));
                } else {
                    return null;
                }
                if (current == null) {
                    return null;
                }
            }
            return resolveDeep(current, location);
        } finally {
            inProgress.remove(address);
        }
    }

    private static Object lookup(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            // YAML keys such as 2 or true are not strings; JavaScript sees them as "2" and "true".
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() != null && !(entry.getKey() instanceof String)
                        && String.valueOf(entry.getKey()).equals(key)) {
                    return entry.getValue();
                }
            }
        }
        return value;
    }

    private String whyMissing(String primary, String location) {
        int colon = primary.indexOf(':');
        String source = colon < 0 ? primary : primary.substring(0, colon);
        String address = colon < 0 ? "" : primary.substring(colon + 1);
        return switch (source) {
            case "opt" -> "no --" + address + " option was given";
            case "env" -> "the environment variable " + address + " is not set";
            case "self" -> "the file has no value at " + address;
            case "param" -> "no parameter " + address + " was given (--param \"" + address + "=value\") and the file "
                    + "defines none for stage " + stage(location);
            default -> primary + " has no value";
        };
    }

    private ConfigurationException unsupported(String source, String variable, String location) {
        return new ConfigurationException(location, "the variable " + variable + " uses the source '" + source
                + "', which secret-baker cannot resolve when it reads serverless.yml itself (it resolves " + SUPPORTED
                + "). Write the value in place, or bake through the Serverless plugin, which hands over the "
                + "configuration the Framework resolved");
    }

    /** The text a value takes inside a string, as JavaScript's String(value) gives it. */
    private static String embeddable(Object value, String variable, String location) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double number) {
            if (number == Math.rint(number) && Math.abs(number) < 1e21) {
                return new BigDecimal(number).toBigInteger().toString();
            }
            return number.toString();
        }
        throw new ConfigurationException(location, variable + " resolves to " + EntryValidator.describe(value)
                + ", which cannot be part of a string");
    }

    private static Object number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger value = new BigInteger(text);
            return value.bitLength() < 32 ? (Object) value.intValue() : value;
        }
        return Double.valueOf(text);
    }

    /** The index of the '}' closing the variable that starts at {@code start}, skipping nested ones and quotes. */
    private static int closingBrace(String text, int start, String location) {
        int nesting = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                nesting++;
                i++;
            } else if (c == '}') {
                nesting--;
                if (nesting == 0) {
                    return i;
                }
            }
        }
        throw new ConfigurationException(location, "the variable starting at '" + abbreviate(text.substring(start))
                + "' has no closing '}'");
    }

    /** Splits {@code a, b, 'c'} at the commas that are not inside quotes or nested variables. */
    private static List<String> splitAlternatives(String body, String variable, String location) {
        List<String> parts = new ArrayList<>();
        int nesting = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '$' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
                nesting++;
                i++;
            } else if (c == '}') {
                nesting--;
            } else if (c == ',' && nesting == 0) {
                parts.add(body.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(body.substring(from));
        if (parts.get(0).isBlank()) {
            throw new ConfigurationException(location, "the variable " + variable + " is empty");
        }
        return parts;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private void enter(String location) {
        if (++depth > MAX_DEPTH) {
            throw new ConfigurationException(location, "variables are nested more than " + MAX_DEPTH
                    + " levels deep; simplify them");
        }
    }
}
