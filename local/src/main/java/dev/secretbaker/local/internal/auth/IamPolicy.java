package dev.secretbaker.local.internal.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An identity-based IAM policy document and its evaluation as IAM evaluates it: an explicit {@code Deny} wins,
 * else an {@code Allow} whose action, resource and every condition match allows, else the request is denied.
 *
 * <p>Conditions: the string operators ({@code StringEquals}, {@code StringNotEquals},
 * {@code StringEqualsIgnoreCase}, {@code StringNotEqualsIgnoreCase}, {@code StringLike}, {@code StringNotLike}),
 * {@code Bool} and {@code Null}, each with {@code IfExists} and the set operators {@code ForAnyValue:} and
 * {@code ForAllValues:}. As in IAM: several operators, and several keys under one operator, must all match;
 * several values for one key match if any does; condition key names are not case sensitive; a key absent from the
 * request makes a condition false, except for negated operators, {@code IfExists}, {@code Null} and
 * {@code ForAllValues:} (which are true then).
 */
public final class IamPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");
    private static final Set<String> OPERATORS = Set.of("stringequals", "stringnotequals", "stringequalsignorecase",
            "stringnotequalsignorecase", "stringlike", "stringnotlike", "bool", "null");

    /** The decision of one request. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private record Condition(String setOperator, String operator, boolean ifExists, String key, List<String> values) {
    }

    private record Statement(boolean allow, List<String> actions, List<String> resources, List<Condition> conditions) {
    }

    private final List<Statement> statements;

    private IamPolicy(List<Statement> statements) {
        this.statements = statements;
    }

    /**
     * Parses a policy document: {@code {"Version": "2012-10-17", "Statement": [...]}} or one statement object.
     *
     * @throws IllegalArgumentException naming what is wrong, for a document this emulator cannot evaluate
     */
    public static IamPolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The policy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("Statement")) {
            throw new IllegalArgumentException("A policy is a JSON object with a Statement member");
        }
        JsonNode statementNode = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (statementNode.isArray()) {
            for (int i = 0; i < statementNode.size(); i++) {
                statements.add(statement(statementNode.get(i), "Statement[" + i + "]"));
            }
        } else {
            statements.add(statement(statementNode, "Statement"));
        }
        return new IamPolicy(List.copyOf(statements));
    }

    private static Statement statement(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!STATEMENT_MEMBERS.contains(name)) {
                throw new IllegalArgumentException(where + "." + name + " is not supported by this emulator"
                        + " (supported: " + STATEMENT_MEMBERS + ")");
            }
        }
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException(where + ".Effect must be Allow or Deny, not '" + effect + "'");
        }
        List<String> actions = strings(node.get("Action"), where + ".Action");
        List<String> resources = strings(node.get("Resource"), where + ".Resource");
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException(where + " needs an Action and a Resource");
        }
        List<Condition> conditions = new ArrayList<>();
        JsonNode conditionNode = node.get("Condition");
        if (conditionNode != null) {
            if (!conditionNode.isObject()) {
                throw new IllegalArgumentException(where + ".Condition must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = conditionNode.fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                conditions.addAll(conditions(op.getKey(), op.getValue(), where + ".Condition." + op.getKey()));
            }
        }
        return new Statement(effect.equals("Allow"), actions, resources, List.copyOf(conditions));
    }

    private static List<Condition> conditions(String operatorName, JsonNode keys, String where) {
        String setOperator = null;
        String operator = operatorName;
        int colon = operatorName.indexOf(':');
        if (colon >= 0) {
            setOperator = operatorName.substring(0, colon).toLowerCase(Locale.ROOT);
            operator = operatorName.substring(colon + 1);
            if (!setOperator.equals("foranyvalue") && !setOperator.equals("forallvalues")) {
                throw new IllegalArgumentException(where + ": the set operator must be ForAnyValue or ForAllValues");
            }
        }
        String lower = operator.toLowerCase(Locale.ROOT);
        boolean ifExists = lower.endsWith("ifexists") && !lower.equals("null");
        String base = ifExists ? lower.substring(0, lower.length() - "ifexists".length()) : lower;
        if (!OPERATORS.contains(base)) {
            throw new IllegalArgumentException(where + ": this emulator evaluates only the string operators, Bool and"
                    + " Null (with IfExists, ForAnyValue: and ForAllValues:)");
        }
        if (!keys.isObject() || keys.isEmpty()) {
            throw new IllegalArgumentException(where + " must map condition keys to values");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> key = it.next();
            List<String> values = strings(key.getValue(), where + "." + key.getKey());
            conditions.add(new Condition(setOperator, base, ifExists, key.getKey().toLowerCase(Locale.ROOT), values));
        }
        return conditions;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(scalar(item, where)));
        } else {
            values.add(scalar(node, where));
        }
        return List.copyOf(values);
    }

    private static String scalar(JsonNode node, String where) {
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(where + " must be a string or a list of strings");
        }
        return node.asText();
    }

    /**
     * Decides a request. {@code context} maps condition keys (any case) to the request's values: one value for a
     * single-valued key, any number for a multivalued one such as {@code kms:EncryptionContextKeys}.
     */
    public Decision evaluate(String action, String resource, Map<String, List<String>> context) {
        Map<String, List<String>> normalized = new java.util.HashMap<>();
        context.forEach((key, values) -> normalized.put(key.toLowerCase(Locale.ROOT), values));
        boolean allowed = false;
        for (Statement statement : statements) {
            boolean applies = statement.actions.stream().anyMatch(a -> PrincipalRegistry.glob(a.toLowerCase(Locale.ROOT))
                            .matcher(action.toLowerCase(Locale.ROOT)).matches())
                    && statement.resources.stream().anyMatch(r -> PrincipalRegistry.glob(r).matcher(resource).matches())
                    && statement.conditions.stream().allMatch(c -> matches(c, normalized.get(c.key)));
            if (applies && !statement.allow) {
                return Decision.EXPLICIT_DENY;
            }
            allowed |= applies;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matches(Condition condition, List<String> requestValues) {
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (condition.operator.equals("null")) {
            // "true": the key must be absent; "false": present.
            return condition.values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        boolean negated = condition.operator.contains("not");
        if ("forallvalues".equals(condition.setOperator)) {
            return absent || requestValues.stream().allMatch(value -> matchesOne(condition, value, negated));
        }
        if ("foranyvalue".equals(condition.setOperator)) {
            return !absent && requestValues.stream().anyMatch(value -> matchesOne(condition, value, negated));
        }
        if (absent) {
            return condition.ifExists || negated;
        }
        return requestValues.stream().anyMatch(value -> matchesOne(condition, value, negated));
    }

    /** A negated operator matches a value that equals (or is like) none of the policy's values. */
    private static boolean matchesOne(Condition condition, String value, boolean negated) {
        boolean any = condition.values.stream().anyMatch(policyValue -> positive(condition.operator, policyValue, value));
        return negated ? !any : any;
    }

    private static boolean positive(String operator, String policyValue, String value) {
        return switch (operator) {
            case "stringequals", "stringnotequals" -> policyValue.equals(value);
            case "stringequalsignorecase", "stringnotequalsignorecase" -> policyValue.equalsIgnoreCase(value);
            case "stringlike", "stringnotlike" -> PrincipalRegistry.glob(policyValue).matcher(value).matches();
            case "bool" -> policyValue.equalsIgnoreCase(value);
            default -> false;
        };
    }
}
