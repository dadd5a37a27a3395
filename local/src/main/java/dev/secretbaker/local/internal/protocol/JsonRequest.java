package dev.secretbaker.local.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the members of a JSON 1.1 request with AWS's checks: a member of the wrong JSON type is a
 * SerializationException at once; missing required members are collected and reported together as AWS's
 * front end words them ({@code 1 validation error detected: Value null at 'keyId' failed to satisfy
 * constraint: Member must not be null}).
 */
public final class JsonRequest {

    private final JsonNode body;
    private final List<String> failures = new ArrayList<>();

    public JsonRequest(JsonNode body) {
        this.body = body;
    }

    public void fail(String failure) {
        failures.add(failure);
    }

    public void throwIfFailed() {
        if (failures.isEmpty()) {
            return;
        }
        if (failures.size() == 1) {
            throw AwsServiceException.validation("1 validation error detected: " + failures.get(0));
        }
        throw AwsServiceException.validation(failures.size() + " validation errors detected: "
                + String.join("; ", failures));
    }

    private JsonNode member(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String wireName(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }

    private void required(String field) {
        fail("Value null at '" + wireName(field) + "' failed to satisfy constraint: Member must not be null");
    }

    public String string(String field, boolean required) {
        JsonNode node = member(field);
        if (node == null) {
            if (required) {
                required(field);
            }
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.textValue();
    }

    /** A string member with AWS's length constraint. */
    public String string(String field, boolean required, int minLength, int maxLength) {
        String value = string(field, required);
        if (value != null && value.length() < minLength) {
            fail("Value '" + value + "' at '" + wireName(field) + "' failed to satisfy constraint: Member must have"
                    + " length greater than or equal to " + minLength);
        } else if (value != null && value.length() > maxLength) {
            fail("Value '" + value + "' at '" + wireName(field) + "' failed to satisfy constraint: Member must have"
                    + " length less than or equal to " + maxLength);
        }
        return value;
    }

    public Boolean bool(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return node.booleanValue();
    }

    public Integer integer(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "an integer");
        }
        return node.intValue();
    }

    public Long longValue(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return node.longValue();
    }

    /** A list member of any items, for the caller to read; null when absent. */
    public ArrayNode array(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw wrongType(field, "a list");
        }
        return (ArrayNode) node;
    }

    /** A blob member: base64 text on the wire. Its value is never quoted in an error message. */
    public byte[] blob(String field, boolean required, int minLength, int maxLength) {
        String text = string(field, required);
        if (text == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw AwsServiceException.serialization("Unable to decode member " + field + " as base64.");
        }
        if (bytes.length < minLength) {
            fail("Value at '" + wireName(field) + "' failed to satisfy constraint: Member must have length greater"
                    + " than or equal to " + minLength);
        } else if (bytes.length > maxLength) {
            fail("Value at '" + wireName(field) + "' failed to satisfy constraint: Member must have length less"
                    + " than or equal to " + maxLength);
        }
        return bytes;
    }

    /** A map of strings to strings, such as an encryption context; null when absent. */
    public Map<String, String> stringMap(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(field, "a map");
        }
        Map<String, String> map = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw wrongType(field, "a map of strings");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    public List<String> strings(String field) {
        ArrayNode array = array(field);
        if (array == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw wrongType(field, "a list of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** Checks the type of a member this emulator accepts but does not act on (tags, grant tokens...). */
    public void ignoredList(String field) {
        array(field);
    }

    /** A SerializationException: the member is not of the expected JSON type, e.g. "a list of structures". */
    public static AwsServiceException wrongType(String field, String expected) {
        return AwsServiceException.serialization("Unexpected value type for member " + field + ": expected "
                + expected + ".");
    }
}
