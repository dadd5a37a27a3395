package dev.secretbaker.format;

/**
 * CONTRACT PLACEHOLDER, to be implemented in format/: the immutable, ordered content of
 * {@code secret-baker-secrets.json}.
 *
 * <p>Planned API:
 * <pre>
 *   public static final String FILE_NAME = "secret-baker-secrets.json";
 *   static SecretsFile of(List&lt;BakedSecret&gt; secrets)   // rejects duplicate names
 *   List&lt;BakedSecret&gt; secrets()                      // in file order
 *   Optional&lt;BakedSecret&gt; find(String name)
 *   List&lt;String&gt; names()
 *   static SecretsFile read(byte[] json)              // SecretsFileFormatException on anything malformed
 *   byte[] toJson()                                   // byte-identical to the original plugin's JSON.stringify
 * </pre>
 */
public final class SecretsFile {
    public static final String FILE_NAME = "secret-baker-secrets.json";

    private SecretsFile() {
    }
}
