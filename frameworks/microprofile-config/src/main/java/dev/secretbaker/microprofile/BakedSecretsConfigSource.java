package dev.secretbaker.microprofile;

import dev.secretbaker.runtime.BakedSecrets;
import dev.secretbaker.runtime.BakedSecretsClient;
import dev.secretbaker.runtime.SecretsFileNotFoundException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Baked secrets as a MicroProfile {@link ConfigSource}: each secret is a property named after it (after a prefix,
 * if given), decrypted with KMS when its value is first read and kept after that. Listing the names reads the
 * secrets file (names and ciphertexts) and decrypts nothing.
 *
 * <p>Found through {@link java.util.ServiceLoader} with the runtime library's default client and file lookup, and
 * ordinal {@value #DEFAULT_ORDINAL}: above {@code application.properties} (Quarkus: 250, 260 in {@code config/}) and
 * {@code META-INF/microprofile-config.properties} (100), below the {@code .env} file (295), environment variables
 * (300) and system properties (400), so that a developer can still override a secret locally. When there is no
 * secrets file, that source is empty (a local run, a test, a build); a file of your own must exist.
 */
public final class BakedSecretsConfigSource implements ConfigSource {

    /** The ordinal of the source that {@link java.util.ServiceLoader} finds. */
    public static final int DEFAULT_ORDINAL = 270;

    private final BakedSecretsClient client;
    private final String prefix;
    private final int ordinal;
    private final boolean fileRequired;
    private volatile Map<String, String> secretNameByProperty;

    /** The source that {@link java.util.ServiceLoader} finds: the default client, no prefix, the default ordinal. */
    public BakedSecretsConfigSource() {
        this(BakedSecrets.defaultClient(), "", DEFAULT_ORDINAL, false);
    }

    /**
     * A source of your own, e.g. for another file: {@code new BakedSecretsConfigSource(BakedSecrets.builder()
     * .file(path).build(), "secrets.", 270)}, added with your implementation's builder. Its file must exist.
     *
     * @param client  the client whose secrets the source serves
     * @param prefix  put before each secret's name to make its property name
     * @param ordinal the source's ordinal
     */
    public BakedSecretsConfigSource(BakedSecretsClient client, String prefix, int ordinal) {
        this(Objects.requireNonNull(client, "client"), Objects.requireNonNull(prefix, "prefix"), ordinal, true);
    }

    private BakedSecretsConfigSource(BakedSecretsClient client, String prefix, int ordinal, boolean fileRequired) {
        this.client = client;
        this.prefix = prefix;
        this.ordinal = ordinal;
        this.fileRequired = fileRequired;
    }

    @Override
    public Set<String> getPropertyNames() {
        return secretNameByProperty().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        String secretName = secretNameByProperty().get(propertyName);
        return secretName == null ? null : client.get(secretName);
    }

    /** A view that decrypts a value only when it is read, not when the map is made. */
    @Override
    public Map<String, String> getProperties() {
        return new AbstractMap<>() {
            @Override
            public String get(Object key) {
                return key instanceof String name ? getValue(name) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return secretNameByProperty().containsKey(key);
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, String>> iterator() {
                        Iterator<String> names = getPropertyNames().iterator();
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return names.hasNext();
                            }

                            @Override
                            public Entry<String, String> next() {
                                String name = names.next();
                                return new SimpleImmutableEntry<>(name, getValue(name));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return secretNameByProperty().size();
                    }
                };
            }

            @Override
            public String toString() {
                return getPropertyNames().toString();
            }
        };
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    @Override
    public String getName() {
        return "secret-baker" + (prefix.isEmpty() ? "" : "[prefix=" + prefix + "]");
    }

    @Override
    public String toString() {
        return "BakedSecretsConfigSource[" + getName() + ", ordinal=" + ordinal + "]";
    }

    private Map<String, String> secretNameByProperty() {
        Map<String, String> names = secretNameByProperty;
        if (names == null) {
            names = new LinkedHashMap<>();
            for (String secretName : secretNames()) {
                names.put(prefix + secretName, secretName);
            }
            secretNameByProperty = names;
        }
        return names;
    }

    private List<String> secretNames() {
        try {
            return client.names();
        } catch (SecretsFileNotFoundException e) {
            if (fileRequired) {
                throw e;
            }
            return List.of();
        }
    }
}
