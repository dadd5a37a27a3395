package dev.secretbaker.runtime;

import java.time.Clock;

/**
 * Environment keys, then the container credentials endpoint: the two sources a Lambda function has (the second
 * one with SnapStart). Read directly rather than through the SDK's {@code auth} module: that module brings
 * about 3 MB of jars and, measured in fresh JVMs, slows the first secret down noticeably
 * (benchmarks/runtime/RESULTS.md, variant default+sdk-auth).
 */
final class DefaultCredentials implements CredentialsSource {

    private final Environment env;
    private final ContainerCredentials container;

    public DefaultCredentials(Environment env, Clock clock) {
        this.env = env;
        this.container = new ContainerCredentials(env, clock);
    }

    @Override
    public AwsCredentials resolve() {
        AwsCredentials fromEnvironment = EnvironmentCredentials.find(env);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        if (ContainerCredentials.isConfigured(env)) {
            return container.resolve();
        }
        throw new CredentialsUnavailableException("No AWS credentials found. Looked at: the environment variables"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; the system properties aws.accessKeyId and"
                + " aws.secretAccessKey; the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI or"
                + " AWS_CONTAINER_CREDENTIALS_RELATIVE_URI). In Lambda these are set for you; elsewhere set them, or"
                + " pass credentials with BakedSecrets.builder().credentialsProvider(...).", null);
    }

    @Override
    public void forget() {
        container.forget();
    }
}
