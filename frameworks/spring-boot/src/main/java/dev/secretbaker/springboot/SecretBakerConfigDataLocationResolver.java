package dev.secretbaker.springboot;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;

/**
 * Resolves {@code spring.config.import} locations of the form
 * {@code [optional:]secret-baker:[<file>][?prefix=<prefix>]}:
 *
 * <ul>
 *   <li>{@code secret-baker:} — the secrets file where the runtime library looks for it ({@code SECRET_BAKER_FILE},
 *       {@code $LAMBDA_TASK_ROOT}, the classpath root, the working directory);</li>
 *   <li>{@code secret-baker:/var/task/other-secrets.json} — that file and no other;</li>
 *   <li>{@code ?prefix=secrets.} — property {@code secrets.DB_PASSWORD} instead of {@code DB_PASSWORD}.</li>
 * </ul>
 */
public final class SecretBakerConfigDataLocationResolver
        implements ConfigDataLocationResolver<SecretBakerConfigDataResource> {

    static final String PREFIX = "secret-baker:";

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<SecretBakerConfigDataResource> resolve(ConfigDataLocationResolverContext context,
            ConfigDataLocation location) {
        return List.of(parse(location.getNonPrefixedValue(PREFIX), location.isOptional(), location.toString()));
    }

    static SecretBakerConfigDataResource parse(String value, boolean optional, String location) {
        int query = value.indexOf('?');
        String file = (query < 0 ? value : value.substring(0, query)).trim();
        String prefix = "";
        if (query >= 0) {
            for (String parameter : value.substring(query + 1).split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                if (!name.equals("prefix") || equals < 0) {
                    throw new IllegalArgumentException("Unknown parameter '" + parameter + "' in spring.config.import"
                            + " location '" + location + "'. The form is [optional:]secret-baker:[<file>][?prefix=<prefix>],"
                            + " e.g. secret-baker:?prefix=secrets.");
                }
                prefix = parameter.substring(equals + 1);
            }
        }
        return new SecretBakerConfigDataResource(file.isEmpty() ? null : Path.of(file), prefix, optional);
    }
}
