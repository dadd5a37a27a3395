package dev.secretbaker.micronaut;

import dev.secretbaker.runtime.BakedSecretsClient;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets of one secrets file as Micronaut properties. They follow the environment-variable convention, as
 * the names are written like environment variables: {@code DB_PASSWORD} is read as {@code ${DB_PASSWORD}} and as
 * {@code db.password}.
 *
 * <p>Micronaut copies every value of a property source into its catalogue when the context starts; each value
 * here is a {@link BakedSecretValue} that decrypts the secret when Micronaut first turns it into text, that is,
 * when the property is first read.
 */
final class BakedSecretsPropertySource implements PropertySource {

    static final String NAME = "secret-baker";
    /** Above the application's configuration files, below environment variables and system properties. */
    static final int POSITION = EnvironmentPropertySource.POSITION - 50;

    private final Map<String, BakedSecretValue> values = new LinkedHashMap<>();

    BakedSecretsPropertySource(BakedSecretsClient client, List<String> names) {
        for (String name : names) {
            values.put(name, new BakedSecretValue(client, name));
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Object get(String key) {
        return values.get(key);
    }

    @Override
    public Iterator<String> iterator() {
        return values.keySet().iterator();
    }

    @Override
    public int getOrder() {
        return POSITION;
    }

    @Override
    public PropertyConvention getConvention() {
        return PropertyConvention.ENVIRONMENT_VARIABLE;
    }

    @Override
    public String toString() {
        return "BakedSecretsPropertySource" + values.keySet();
    }
}
