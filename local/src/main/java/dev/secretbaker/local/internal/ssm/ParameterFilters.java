package dev.secretbaker.local.internal.ssm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * DescribeParameters' {@code Filters} (legacy: Name begins-with, Type, KeyId) and {@code ParameterFilters}
 * (Name, Type, KeyId, Tier, DataType, Path with options), validated as AWS validates them.
 */
final class ParameterFilters {

    private static final Pattern KEY_PATTERN = Pattern.compile("tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType");
    private static final int MAX_VALUES = 50;
    static final String PATH_REQUIREMENTS_MESSAGE = "The parameter doesn't meet the parameter name requirements."
            + " The parameter name must begin with a forward slash \"/\". It can't be prefixed with \"aws\" or"
            + " \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: ."
            + " (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if"
            + " specified, must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.";
    private static final int MAX_VALUE_LENGTH = 1024;

    private final List<BiPredicate<String, StoredVersion>> predicates;

    private ParameterFilters(List<BiPredicate<String, StoredVersion>> predicates) {
        this.predicates = predicates;
    }

    boolean matches(String name, StoredVersion latest) {
        return predicates.stream().allMatch(p -> p.test(name, latest));
    }

    static ParameterFilters of(List<ParameterFilter> filters, List<ParameterFilter> parameterFilters) {
        List<BiPredicate<String, StoredVersion>> predicates = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            predicates.add(legacy(filters.get(i), i + 1));
        }
        validateShapes(parameterFilters);
        Set<String> seen = new HashSet<>();
        for (ParameterFilter filter : parameterFilters) {
            if (!seen.add(filter.key())) {
                throw SsmErrors.invalidFilterKey("The following filter is duplicated in the request: " + filter.key()
                        + ". A request can contain only one occurrence of a specific filter.");
            }
            predicates.add(parameterFilter(filter));
        }
        return new ParameterFilters(predicates);
    }

    private static BiPredicate<String, StoredVersion> legacy(ParameterFilter filter, int index) {
        List<String> failures = new ArrayList<>();
        if (!List.of("Name", "Type", "KeyId").contains(filter.key())) {
            failures.add("Value '" + filter.key() + "' at 'filters." + index + ".member.key' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [Name, Type, KeyId]");
        }
        if (filter.values().isEmpty() || filter.values().size() > MAX_VALUES) {
            failures.add("Value '" + filter.values() + "' at 'filters." + index + ".member.values' failed to"
                    + " satisfy constraint: Member must have length " + (filter.values().isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to " + MAX_VALUES));
        }
        if (!failures.isEmpty()) {
            throw SsmErrors.constraintViolations(failures);
        }
        List<String> values = filter.values();
        return switch (filter.key()) {
            case "Name" -> (name, v) -> values.stream().anyMatch(name::startsWith);
            case "Type" -> (name, v) -> values.contains(v.type().wireName());
            default -> (name, v) -> v.keyId() != null
                    && (values.contains(v.keyId()) || values.contains(v.keyArn()));
        };
    }

    private static void validateShapes(List<ParameterFilter> filters) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            ParameterFilter filter = filters.get(i);
            String at = "parameterFilters." + (i + 1) + ".member.";
            if (filter.key() == null || !KEY_PATTERN.matcher(filter.key()).matches()) {
                failures.add("Value '" + filter.key() + "' at '" + at + "key' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier"
                        + "|DataType");
            } else if (filter.key().length() > 132) {
                failures.add("Value '" + filter.key() + "' at '" + at + "key' failed to satisfy constraint: Member"
                        + " must have length less than or equal to 132");
            }
            if (filter.option() != null && (filter.option().isEmpty() || filter.option().length() > 10)) {
                failures.add("Value '" + filter.option() + "' at '" + at + "option' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 10");
            }
            if (filter.values().size() > MAX_VALUES) {
                failures.add("Value '" + filter.values() + "' at '" + at + "values' failed to satisfy constraint:"
                        + " Member must have length less than or equal to " + MAX_VALUES);
            }
            if (filter.values().stream().anyMatch(v -> v.isEmpty() || v.length() > MAX_VALUE_LENGTH)) {
                failures.add("Value '" + filter.values() + "' at '" + at + "values' failed to satisfy constraint:"
                        + " Member must satisfy constraint: [Member must have length less than or equal to "
                        + MAX_VALUE_LENGTH + ", Member must have length greater than or equal to 1]");
            }
        }
        if (!failures.isEmpty()) {
            throw SsmErrors.constraintViolations(failures);
        }
    }

    private static BiPredicate<String, StoredVersion> parameterFilter(ParameterFilter filter) {
        String key = filter.key();
        if ("Label".equals(key)) {
            throw SsmErrors.invalidFilterKey("The following filter key is not valid: Label. Valid filter keys"
                    + " include: [Path, Name, Type, KeyId, Tier].");
        }
        List<String> values = filter.values();
        if (values.isEmpty() && !key.startsWith("tag:")) {
            throw SsmErrors.invalidFilterValue("The following filter values are missing : null for filter key "
                    + key + ".");
        }
        if ("Path".equals(key)) {
            return path(filter);
        }
        String option = filter.option() == null ? "Equals" : filter.option();
        List<String> options = "Name".equals(key) ? List.of("Equals", "BeginsWith", "Contains")
                : List.of("Equals", "BeginsWith");
        if (!options.contains(option)) {
            throw SsmErrors.invalidFilterOption("The following filter option is not valid: " + option
                    + ". Valid options include: " + options.toString().replace(" ", " ") + ".");
        }
        switch (key) {
            case "Type" -> requireEnum(values, List.of("String", "StringList", "SecureString"));
            case "Tier" -> requireEnum(values, List.of("Standard", "Advanced", "Intelligent-Tiering"));
            default -> {
            }
        }
        return switch (key) {
            case "Name" -> {
                // Parameter Store compares names as fully qualified: "a" and "/a" mean the same here.
                List<String> wanted = "Contains".equals(option) ? values : values.stream().map(ParameterFilters::qualified).toList();
                yield (name, v) -> compare(option, "Contains".equals(option) ? name : qualified(name), wanted);
            }
            case "Type" -> (name, v) -> compare(option, v.type().wireName(), values);
            case "Tier" -> (name, v) -> compare(option, v.tier().wireName(), values);
            case "DataType" -> (name, v) -> compare(option, v.dataType(), values);
            case "KeyId" -> (name, v) -> v.keyId() != null
                    && (compare(option, v.keyId(), values) || compare(option, v.keyArn(), values));
            default -> (name, v) -> false; // tags are not kept by this emulator
        };
    }

    private static void requireEnum(List<String> values, List<String> allowed) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw SsmErrors.invalidFilterValue("The following filter value is not valid: " + value
                        + ". Valid values include: " + allowed + ".");
            }
        }
    }

    private static BiPredicate<String, StoredVersion> path(ParameterFilter filter) {
        String option = filter.option() == null ? "OneLevel" : filter.option();
        if (!option.equals("OneLevel") && !option.equals("Recursive")) {
            throw SsmErrors.invalidFilterOption("The following filter option is not valid: " + option
                    + ". Valid options include: [Recursive, OneLevel].");
        }
        List<String> paths = new ArrayList<>();
        for (String value : filter.values()) {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("/aws") || lower.startsWith("/ssm")) {
                throw SsmErrors.validation("Filters for common parameters can't be prefixed with \"aws\" or \"ssm\""
                        + " (case-insensitive). When using global parameters, please specify within a global"
                        + " namespace.");
            }
            if (!value.startsWith("/") || value.contains("//") || !value.matches("[a-zA-Z0-9_.\\-/]+")) {
                throw SsmErrors.validation(PATH_REQUIREMENTS_MESSAGE);
            }
            paths.add(value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        }
        boolean recursive = option.equals("Recursive");
        return (name, v) -> {
            String qualified = qualified(name);
            String parent = qualified.substring(0, Math.max(qualified.lastIndexOf('/'), 0));
            for (String path : paths) {
                String normalized = "/".equals(path) ? "" : path;
                if (recursive ? qualified.startsWith(normalized + "/") : parent.equals(normalized)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String qualified(String name) {
        return name.startsWith("/") ? name : "/" + name;
    }

    private static boolean compare(String option, String actual, List<String> values) {
        if (actual == null) {
            return false;
        }
        return switch (option) {
            case "BeginsWith" -> values.stream().anyMatch(actual::startsWith);
            case "Contains" -> values.stream().anyMatch(actual::contains);
            default -> values.contains(actual);
        };
    }
}
