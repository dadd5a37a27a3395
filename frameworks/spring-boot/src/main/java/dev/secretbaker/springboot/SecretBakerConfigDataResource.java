package dev.secretbaker.springboot;

import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One {@code secret-baker:} import: which secrets file, and the prefix its secrets get as property names. Two
 * imports of the same file with the same prefix are the same resource, so Spring loads it once.
 */
public final class SecretBakerConfigDataResource extends ConfigDataResource {

    private final Path file;
    private final String prefix;

    SecretBakerConfigDataResource(Path file, String prefix, boolean optional) {
        super(optional);
        this.file = file;
        this.prefix = prefix;
    }

    /** {@return the file named by the location, or {@code null} for the runtime library's usual places} */
    public Path file() {
        return file;
    }

    /** {@return what is put before each secret's name to make its property name; empty by default} */
    public String prefix() {
        return prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretBakerConfigDataResource that && Objects.equals(file, that.file)
                && prefix.equals(that.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, prefix);
    }

    @Override
    public String toString() {
        return "secret-baker:" + (file == null ? "" : file) + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    }
}
