package dev.secretbaker.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable, ordered content of {@code secret-baker-secrets.json}: one entry per secret, each with the
 * ciphertext exactly as SSM returned it and the parameter's ARN.
 *
 * <pre>{"MY_SECRET":{"ciphertext":"AQICAH...","arn":"arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET"}}</pre>
 *
 * <p>{@link #toJson()} writes the bytes the original serverless-secret-baker plugin writes for the same entries
 * ({@code JSON.stringify(secrets)}), and {@link #read(byte[])} reads what either writes. The order of the
 * secrets is the order a JavaScript object enumerates them: names that are array indices ({@code "2"},
 * {@code "10"}) first in ascending numeric order, then the other names in the order given. For names that are
 * not numbers that is simply configuration order.
 *
 * <p>{@link #toString()} lists names only.
 */
public final class SecretsFile {

    public static final String FILE_NAME = "secret-baker-secrets.json";

    /** Larger inputs are refused by {@link #read(byte[])}: 16 MiB holds well over a thousand of the largest entries. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /** How deeply the members a reader ignores may nest; the document and an entry count as two levels. */
    public static final int MAX_DEPTH = 32;

    private static final long MAX_ARRAY_INDEX = 4_294_967_294L; // 2^32 - 2, as ECMAScript defines an array index

    private final List<BakedSecret> secrets;
    private final Map<String, BakedSecret> byName;

    private SecretsFile(List<BakedSecret> inJavaScriptOrder) {
        this.secrets = Collections.unmodifiableList(inJavaScriptOrder);
        Map<String, BakedSecret> index = new HashMap<>(Math.max(4, inJavaScriptOrder.size() * 2));
        for (BakedSecret secret : inJavaScriptOrder) {
            index.put(secret.name(), secret);
        }
        this.byName = index;
    }

    /**
     * The file for these secrets, given in configuration order.
     *
     * @throws IllegalArgumentException if two secrets share a name, a name or ciphertext is empty, or an ARN is
     *                                  not an SSM parameter ARN
     */
    public static SecretsFile of(List<BakedSecret> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        Map<String, Boolean> seen = new HashMap<>(Math.max(4, secrets.size() * 2));
        for (BakedSecret secret : secrets) {
            Objects.requireNonNull(secret, "secret");
            if (secret.name().isEmpty()) {
                throw new IllegalArgumentException("A secret name must not be empty");
            }
            if (seen.put(secret.name(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("Duplicate secret name '" + secret.name()
                        + "': each secret in " + FILE_NAME + " needs a unique name");
            }
            if (secret.ciphertext().isEmpty()) {
                throw new IllegalArgumentException("Secret '" + secret.name() + "' has an empty ciphertext");
            }
            if (!ParameterArns.isParameterArn(secret.arn())) {
                throw new IllegalArgumentException("Secret '" + secret.name() + "' has an ARN that is not an SSM parameter ARN ("
                        + ParameterArns.EXPECTED_SHAPE + ")");
            }
        }
        return new SecretsFile(inJavaScriptOrder(secrets));
    }

    /**
     * Reads a secrets file. Members of an entry other than {@code ciphertext} and {@code arn} are ignored.
     *
     * @throws SecretsFileFormatException if the bytes are not valid UTF-8 JSON of the secrets file's shape, are
     *                                    larger than {@link #MAX_BYTES}, nest deeper than {@link #MAX_DEPTH},
     *                                    or repeat a member name
     */
    public static SecretsFile read(byte[] json) {
        Objects.requireNonNull(json, "json");
        return new SecretsFile(inJavaScriptOrder(SecretsFileParser.parse(json)));
    }

    /**
     * Reads a secrets file from disk, refusing one larger than {@link #MAX_BYTES} before reading it, and anything
     * that is not a regular file ({@link BoundedFileReader.NotRegularFileException}, an {@link IOException}).
     *
     * @throws SecretsFileFormatException as {@link #read(byte[])}
     * @throws IOException                if the file cannot be read
     */
    public static SecretsFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = BoundedFileReader.read(file, MAX_BYTES);
        } catch (BoundedFileReader.TooLargeException e) {
            throw new SecretsFileFormatException("$", 0, e.getMessage());
        }
        return read(bytes);
    }

    /** The secrets in file order. */
    public List<BakedSecret> secrets() {
        return secrets;
    }

    public Optional<BakedSecret> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The secret names in file order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(secrets.size());
        for (BakedSecret secret : secrets) {
            names.add(secret.name());
        }
        return Collections.unmodifiableList(names);
    }

    public int size() {
        return secrets.size();
    }

    /** The file's bytes: exactly what {@code JSON.stringify} writes for the same object (UTF-8, no newline). */
    public byte[] toJson() {
        return SecretsFileWriter.write(secrets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretsFile that && secrets.equals(that.secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }

    @Override
    public String toString() {
        return "SecretsFile" + names();
    }

    /** ECMAScript's own-property order: array-index names ascending by value, then the rest as inserted. */
    private static List<BakedSecret> inJavaScriptOrder(List<BakedSecret> secrets) {
        List<BakedSecret> indices = null;
        for (BakedSecret secret : secrets) {
            if (arrayIndex(secret.name()) >= 0) {
                if (indices == null) {
                    indices = new ArrayList<>();
                }
                indices.add(secret);
            }
        }
        if (indices == null) {
            return List.copyOf(secrets);
        }
        indices.sort((a, b) -> Long.compare(arrayIndex(a.name()), arrayIndex(b.name())));
        List<BakedSecret> ordered = new ArrayList<>(secrets.size());
        ordered.addAll(indices);
        for (BakedSecret secret : secrets) {
            if (arrayIndex(secret.name()) < 0) {
                ordered.add(secret);
            }
        }
        return List.copyOf(ordered);
    }

    /** The name's value if it is the canonical decimal form of an array index (0 to 2^32 - 2), else -1. */
    static long arrayIndex(String name) {
        int length = name.length();
        if (length == 0 || length > 10 || (length > 1 && name.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_ARRAY_INDEX ? value : -1;
    }
}
