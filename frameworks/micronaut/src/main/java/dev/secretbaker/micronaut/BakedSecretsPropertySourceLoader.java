package dev.secretbaker.micronaut;

import dev.secretbaker.runtime.BakedSecrets;
import dev.secretbaker.runtime.BakedSecretsClient;
import dev.secretbaker.runtime.SecretsFileNotFoundException;
import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds the baked secrets to every Micronaut application that has this module, as one property source found
 * through {@link java.util.ServiceLoader}: the runtime library's default client and file lookup. Without a secrets
 * file (a local run, a test) it adds nothing.
 */
public final class BakedSecretsPropertySourceLoader implements PropertySourceLoader {

    private final BakedSecretsClient client;

    /** The loader that {@link java.util.ServiceLoader} finds: the JVM's default client. */
    public BakedSecretsPropertySourceLoader() {
        this(BakedSecrets.defaultClient());
    }

    BakedSecretsPropertySourceLoader(BakedSecretsClient client) {
        this.client = client;
    }

    /**
     * The secrets of a client of your own (e.g. for another file) as a property source, for
     * {@code ApplicationContext.builder().propertySources(...)}. Reads the file now; decrypts nothing.
     *
     * @param client the client whose secrets the source serves
     * @return the property source
     * @throws dev.secretbaker.runtime.SecretsFileNotFoundException if the client finds no secrets file
     */
    public static PropertySource propertySource(BakedSecretsClient client) {
        return new BakedSecretsPropertySource(client, client.names());
    }

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!Environment.DEFAULT_NAME.equals(resourceName)) {
            return Optional.empty(); // once per application, with its "application" configuration
        }
        List<String> names;
        try {
            names = client.names();
        } catch (SecretsFileNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new BakedSecretsPropertySource(client, names));
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
            ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    /** Reads no configuration files: the secrets file is the runtime library's to find. */
    @Override
    public Map<String, Object> read(String name, InputStream input) {
        return Map.of();
    }
}
