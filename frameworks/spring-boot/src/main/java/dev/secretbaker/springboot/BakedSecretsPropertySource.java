package dev.secretbaker.springboot;

import dev.secretbaker.runtime.BakedSecretsClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The secrets of one secrets file as properties named {@code <prefix><secret name>}. Listing the names decrypts
 * nothing; {@link #getProperty} decrypts a secret with KMS on its first read and returns the kept plaintext
 * after that. A KMS failure is thrown as the runtime library's exception, which names the secret and the fix.
 */
final class BakedSecretsPropertySource extends EnumerablePropertySource<BakedSecretsClient> {

    private final Map<String, String> secretNameByProperty;
    private final String[] propertyNames;

    BakedSecretsPropertySource(String name, BakedSecretsClient client, String prefix, List<String> secretNames) {
        super(name, client);
        this.secretNameByProperty = new HashMap<>(secretNames.size() * 2);
        for (String secretName : secretNames) {
            secretNameByProperty.put(prefix + secretName, secretName);
        }
        this.propertyNames = secretNames.stream().map(secretName -> prefix + secretName).toArray(String[]::new);
    }

    @Override
    public String[] getPropertyNames() {
        return propertyNames.clone();
    }

    @Override
    public boolean containsProperty(String name) {
        return secretNameByProperty.containsKey(name);
    }

    @Override
    public Object getProperty(String name) {
        String secretName = secretNameByProperty.get(name);
        return secretName == null ? null : getSource().get(secretName);
    }

    @Override
    public String toString() {
        return "BakedSecretsPropertySource[" + getName() + ", properties=" + List.of(propertyNames) + "]";
    }
}
