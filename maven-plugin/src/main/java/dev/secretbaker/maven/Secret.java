package dev.secretbaker.maven;

import dev.secretbaker.core.config.SecretEntry;

/**
 * One {@code <secret>} of the plugin's {@code <secrets>}: the name it gets in the secrets file and the SSM
 * parameter it comes from.
 *
 * <pre>
 * &lt;secret&gt;
 *   &lt;name&gt;DB_PASSWORD&lt;/name&gt;
 *   &lt;path&gt;/hello/db-password:3&lt;/path&gt;   &lt;!-- optional; a name, an ARN, :version or :label --&gt;
 * &lt;/secret&gt;
 * </pre>
 *
 * <p>Without a path the parameter has the secret's name. On the command line,
 * {@code -Dsecret-baker.secrets=DB_PASSWORD=/hello/db-password,API_KEY} gives the same list.
 */
public class Secret {

    private String name;
    private String path;

    public Secret() {
    }

    Secret(String name, String path) {
        this.name = name;
        this.path = path;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /**
     * Maven calls this for a {@code <secret>} written as plain text (and for each item of the
     * {@code secret-baker.secrets} property): {@code NAME} or {@code NAME=path}.
     */
    public void set(String value) {
        String text = value == null ? "" : value.strip();
        int equals = text.indexOf('=');
        if (equals < 0) {
            this.name = text;
            this.path = null;
        } else {
            this.name = text.substring(0, equals).strip();
            this.path = text.substring(equals + 1).strip();
        }
    }

    SecretEntry toEntry() {
        return SecretEntry.of(name, path);
    }

    @Override
    public String toString() {
        return path == null ? String.valueOf(name) : name + "=" + path;
    }
}
