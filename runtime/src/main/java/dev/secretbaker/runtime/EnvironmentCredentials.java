package dev.secretbaker.runtime;

/**
 * Keys from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} (what Lambda
 * sets for a function without SnapStart), then the {@code aws.accessKeyId} system properties, as the SDK reads them.
 */
final class EnvironmentCredentials {

    private EnvironmentCredentials() {
    }

    /** The credentials, or {@code null} when neither source has both keys. */
    static AwsCredentials find(Environment env) {
        AwsCredentials fromEnv = of(env.nonEmpty("AWS_ACCESS_KEY_ID"), env.nonEmpty("AWS_SECRET_ACCESS_KEY"),
                env.nonEmpty("AWS_SESSION_TOKEN"));
        if (fromEnv != null) {
            return fromEnv;
        }
        return of(property("aws.accessKeyId"), property("aws.secretAccessKey"), property("aws.sessionToken"));
    }

    private static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        if (accessKeyId == null || secretAccessKey == null) {
            return null;
        }
        return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
