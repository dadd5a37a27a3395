package dev.secretbaker.format;

import dev.secretbaker.format.internal.JsonReader;
import dev.secretbaker.format.internal.JsonSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads exactly the secrets file's shape with the strict {@link JsonReader}: one object, one member per secret,
 * each an object with the string members {@code ciphertext} and {@code arn}; other members are checked and ignored.
 */
final class SecretsFileParser {

    private final JsonReader json;

    private SecretsFileParser(byte[] in) {
        this.json = new JsonReader(in, SecretsFile.MAX_DEPTH, true);
    }

    static List<BakedSecret> parse(byte[] json) {
        if (json.length > SecretsFile.MAX_BYTES) {
            throw new SecretsFileFormatException("$", 0,
                    "the file is " + json.length + " bytes long; at most " + SecretsFile.MAX_BYTES + " bytes are accepted");
        }
        if (json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF) {
            throw new SecretsFileFormatException("$", 0,
                    "expected '{' but found a UTF-8 byte order mark; write the file without one");
        }
        try {
            return new SecretsFileParser(json).document();
        } catch (JsonSyntaxException e) {
            throw new SecretsFileFormatException(e.path(), e.offset(), e.problem());
        }
    }

    private List<BakedSecret> document() {
        json.beginObject("a JSON object with one member per secret");
        List<BakedSecret> secrets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String name; (name = json.nextName("secret name")) != null; ) {
            if (name.isEmpty()) {
                throw json.failAt(json.nameOffset(), "expected a non-empty secret name");
            }
            if (!names.add(name)) {
                throw json.failAt(json.nameOffset(), "this secret name appears more than once; each name must be unique");
            }
            secrets.add(entry(name));
        }
        if (json.peek() != -1) {
            throw json.fail("expected the end of the file after the top-level object but found more content");
        }
        return secrets;
    }

    private BakedSecret entry(String name) {
        int entryAt = json.position();
        json.beginObject("an object with the string members \"ciphertext\" and \"arn\"");
        String ciphertext = null;
        String arn = null;
        Set<String> otherKeys = null;
        for (String key; (key = json.nextName("member name")) != null; ) {
            boolean isCiphertext = key.equals("ciphertext");
            if (isCiphertext || key.equals("arn")) {
                if ((isCiphertext ? ciphertext : arn) != null) {
                    throw json.failAt(json.nameOffset(), "this member appears more than once in the entry");
                }
                int valueAt = json.position();
                String value = json.string("a string");
                if (value.isEmpty()) {
                    throw json.failAt(valueAt, "expected a non-empty string");
                }
                if (isCiphertext) {
                    ciphertext = value;
                } else if (ParameterArns.isParameterArn(value)) {
                    arn = value;
                } else {
                    throw json.failAt(valueAt, "expected an SSM parameter ARN (" + ParameterArns.EXPECTED_SHAPE + ")");
                }
            } else {
                // Unknown members are ignored, so that newer writers can add fields; still valid JSON only.
                if (otherKeys == null) {
                    otherKeys = new HashSet<>();
                }
                if (!otherKeys.add(key)) {
                    throw json.failAt(json.nameOffset(), "this member appears more than once in the entry");
                }
                json.skipValue();
            }
        }
        if (ciphertext == null || arn == null) {
            throw json.failAt(entryAt, "the entry has no \"" + (ciphertext == null ? "ciphertext" : "arn") + "\" member; "
                    + "each entry needs the string members \"ciphertext\" and \"arn\"");
        }
        return new BakedSecret(name, ciphertext, arn);
    }
}
