package dev.secretbaker.springboot;

import dev.secretbaker.runtime.BakedSecrets;
import dev.secretbaker.runtime.BakedSecretsClient;
import dev.secretbaker.runtime.SecretsFileNotFoundException;
import java.nio.file.Files;
import java.util.List;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

/**
 * Loads a {@code secret-baker:} import as one property source. It reads the secrets file now (names and
 * ciphertexts only, so that a missing or broken file fails the start, or is skipped when the import is
 * {@code optional:}), and decrypts nothing: each secret is decrypted when a property is first read.
 */
public final class SecretBakerConfigDataLoader implements ConfigDataLoader<SecretBakerConfigDataResource> {

    @Override
    public ConfigData load(ConfigDataLoaderContext context, SecretBakerConfigDataResource resource) {
        BakedSecretsClient client = clientFor(resource);
        List<String> names;
        try {
            names = client.names();
        } catch (SecretsFileNotFoundException e) {
            throw new ConfigDataResourceNotFoundException(resource, e);
        }
        return new ConfigData(List.of(new BakedSecretsPropertySource(resource.toString(), client, resource.prefix(), names)));
    }

    private static BakedSecretsClient clientFor(SecretBakerConfigDataResource resource) {
        if (resource.file() == null) {
            // The JVM's shared client, so that code calling BakedSecrets.get directly shares its plaintexts.
            return BakedSecrets.defaultClient();
        }
        if (!Files.isRegularFile(resource.file())) {
            // A named file is that file: the runtime's fallback to its usual places would read another one.
            throw new ConfigDataResourceNotFoundException(resource);
        }
        return BakedSecrets.builder().file(resource.file()).build();
    }
}
