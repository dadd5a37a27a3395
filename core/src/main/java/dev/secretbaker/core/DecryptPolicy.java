package dev.secretbaker.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.secretbaker.format.BakedSecret;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The least-privilege IAM policy a function needs to decrypt what was baked for it, and nothing else.
 *
 * <p>Each statement allows {@code kms:Decrypt} on one key only with {@code kms:EncryptionContext:PARAMETER_ARN}
 * equal to one of the baked parameter ARNs under that key ({@code StringEquals}). SSM binds that context to every
 * SecureString ciphertext, so the function can decrypt its own secrets (any version) and no other parameter under
 * the same key; a Decrypt without an encryption context lacks the condition key, and IAM refuses it.
 *
 * <p>The key is named as precisely as the input allows: a key id or key ARN becomes the key's ARN; an alias
 * becomes every key of the parameter's account and region ({@code key/*}) restricted with
 * {@code ForAnyValue:StringEquals} on {@code kms:ResourceAliases}, as an IAM policy cannot name a key through
 * its alias; a parameter without a described key (from a secrets file, or a pinned older version, whose key
 * Parameter Store does not describe) gets every key of its account and region, still limited by its ARN.
 */
public final class DecryptPolicy {

    /** The condition key that ties a KMS Decrypt to one parameter. */
    public static final String PARAMETER_ARN_CONDITION = "kms:EncryptionContext:PARAMETER_ARN";

    private static final JsonFactory JSON = new JsonFactory();

    /** One statement: {@code kms:Decrypt} on {@code resource}, for these parameter ARNs (and key aliases). */
    public record Statement(String sid, String resource, List<String> parameterArns, List<String> aliases) {
        /**
         * Keeps copies of the lists.
         *
         * @param sid           the statement's id
         * @param resource      the key's ARN, or a pattern of every key of an account and region
         * @param parameterArns the parameter ARNs the statement allows as encryption context
         * @param aliases       the key's alias when Parameter Store named it, else empty
         */
        public Statement {
            Objects.requireNonNull(sid, "sid");
            Objects.requireNonNull(resource, "resource");
            parameterArns = List.copyOf(parameterArns);
            aliases = List.copyOf(aliases);
        }
    }

    private final List<Statement> statements;

    private DecryptPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /**
     * The policy for what a bake read: the keys Parameter Store described, narrowed to the baked ARNs.
     *
     * @param parameters what the bake read
     * @return the policy
     */
    public static DecryptPolicy forBake(List<BakedParameter> parameters) {
        Map<KeyScope, Set<String>> arnsByKey = new LinkedHashMap<>();
        for (BakedParameter parameter : parameters) {
            String keyId = parameter.latestVersion() ? parameter.keyId() : null;
            arnsByKey.computeIfAbsent(KeyScope.of(keyId, parameter.arn()), k -> new LinkedHashSet<>()).add(parameter.arn());
        }
        return of(arnsByKey);
    }

    /**
     * The policy for a baked file, which names no key: every key of each parameter's account and region.
     *
     * @param secrets the baked secrets
     * @return the policy
     */
    public static DecryptPolicy forSecrets(List<BakedSecret> secrets) {
        Map<KeyScope, Set<String>> arnsByKey = new LinkedHashMap<>();
        for (BakedSecret secret : secrets) {
            arnsByKey.computeIfAbsent(KeyScope.of(null, secret.arn()), k -> new LinkedHashSet<>()).add(secret.arn());
        }
        return of(arnsByKey);
    }

    private static DecryptPolicy of(Map<KeyScope, Set<String>> arnsByKey) {
        List<Statement> statements = new ArrayList<>();
        for (Map.Entry<KeyScope, Set<String>> entry : arnsByKey.entrySet()) {
            KeyScope key = entry.getKey();
            statements.add(new Statement("SecretBakerDecrypt" + (statements.size() + 1), key.resource(),
                    List.copyOf(entry.getValue()), key.alias() == null ? List.of() : List.of(key.alias())));
        }
        return new DecryptPolicy(statements);
    }

    /** {@return the statements, one per key} */
    public List<Statement> statements() {
        return statements;
    }

    /** {@return whether the policy has no statement (nothing was baked)} */
    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** {@return the IAM policy document, {@code {"Version":"2012-10-17","Statement":[...]}}, indented for people} */
    public String toDocument() {
        return write(true, json -> {
            json.writeStartObject();
            json.writeStringField("Version", "2012-10-17");
            json.writeFieldName("Statement");
            writeStatements(json);
            json.writeEndObject();
        });
    }

    /** {@return the statements alone, as a JSON array on one line} For tools that add them to a role. */
    public String toStatementsJson() {
        return write(false, this::writeStatements);
    }

    private void writeStatements(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (Statement statement : statements) {
            json.writeStartObject();
            json.writeStringField("Sid", statement.sid());
            json.writeStringField("Effect", "Allow");
            json.writeStringField("Action", "kms:Decrypt");
            json.writeStringField("Resource", statement.resource());
            json.writeObjectFieldStart("Condition");
            json.writeObjectFieldStart("StringEquals");
            writeStrings(json, PARAMETER_ARN_CONDITION, statement.parameterArns());
            json.writeEndObject();
            if (!statement.aliases().isEmpty()) {
                json.writeObjectFieldStart("ForAnyValue:StringEquals");
                writeStrings(json, "kms:ResourceAliases", statement.aliases());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(boolean pretty, Writer writer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            if (pretty) {
                json.useDefaultPrettyPrinter();
            }
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Which keys a statement names: one key ARN, or every key of an account and region (maybe by alias). */
    private record KeyScope(String resource, String alias) {

        static KeyScope of(String keyId, String parameterArn) {
            // arn:<partition>:ssm:<region>:<account>:parameter/<name>
            String[] arn = parameterArn.split(":", 6);
            String prefix = "arn:" + arn[1] + ":kms:" + arn[3] + ":" + arn[4] + ":";
            if (keyId == null || keyId.isBlank()) {
                return new KeyScope(prefix + "key/*", null);
            }
            if (keyId.startsWith("arn:") && keyId.contains(":key/")) {
                return new KeyScope(keyId, null);
            }
            if (keyId.startsWith("arn:") && keyId.contains(":alias/")) {
                String[] aliasArn = keyId.split(":", 6);
                return new KeyScope("arn:" + aliasArn[1] + ":kms:" + aliasArn[3] + ":" + aliasArn[4] + ":key/*",
                        aliasArn[5]);
            }
            if (keyId.startsWith("alias/")) {
                return new KeyScope(prefix + "key/*", keyId);
            }
            return new KeyScope(prefix + "key/" + keyId, null);
        }
    }
}
