package dev.secretbaker.runtime.internal;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Keys from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} (what Lambda
 * sets for a function without SnapStart), then the {@code aws.accessKeyId} system properties, as the SDK reads them.
 */
final class EnvironmentCredentials {

    private EnvironmentCredentials() {
    }

    /** The credentials, or {@code null} when neither source has both keys. */
    static AwsCredentialsIdentity find(Environment env) {
        AwsCredentialsIdentity fromEnv = of(env.nonEmpty("AWS_ACCESS_KEY_ID"), env.nonEmpty("AWS_SECRET_ACCESS_KEY"),
                env.nonEmpty("AWS_SESSION_TOKEN"));
        if (fromEnv != null) {
            return fromEnv;
        }
        return of(property("aws.accessKeyId"), property("aws.secretAccessKey"), property("aws.sessionToken"));
    }

    private static AwsCredentialsIdentity of(String accessKeyId, String secretAccessKey, String sessionToken) {
        if (accessKeyId == null || secretAccessKey == null) {
            return null;
        }
        return sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
