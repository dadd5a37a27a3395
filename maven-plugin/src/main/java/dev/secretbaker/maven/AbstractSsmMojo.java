package dev.secretbaker.maven;

import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.SecretEntry;
import dev.secretbaker.core.config.SecretRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read Parameter Store ({@code bake}, {@code verify}): which secrets, and how to reach AWS.
 * Everything not set follows the AWS SDK's default chains (environment variables, the shared AWS profile).
 */
abstract class AbstractSsmMojo<C extends AbstractSsmMojo.SsmConfiguration> extends AbstractSecretBakerMojo<C> {

    static final String SERVERLESS_YML = "serverless.yml";

    /** What a goal that reads Parameter Store is configured with. */
    interface SsmConfiguration {
        /** The secrets; empty when none are configured. */
        Optional<SecretsSource> secrets();

        SsmOptions ssmOptions();
    }

    /** The secrets to read, and the Parameter Store options to read them with. */
    record Secrets(SecretsSource source, List<SecretRequest> requests, SsmOptions ssmOptions) {
    }

    /**
     * The secrets, when they are not taken from serverless.yml. Each has a {@code name} (its name in the secrets
     * file) and a {@code path} (the SSM parameter's name or ARN, optionally {@code :version} or {@code :label});
     * without a path the parameter has the secret's name. On the command line:
     * {@code -Dsecret-baker.secrets=DB_PASSWORD=/app/db-password,API_KEY}.
     */
    @Parameter(property = "secret-baker.secrets")
    private List<Secret> secrets;

    /**
     * The serverless.yml whose {@code custom.secretBaker} section lists the secrets. By default
     * {@code serverless.yml} in the project's folder, when it exists and no {@code <secrets>} are configured.
     */
    @Parameter(property = "secret-baker.configFile")
    private File configFile;

    /** The Serverless stage that {@code ${sls:stage}} and {@code ${opt:stage}} in serverless.yml resolve to. */
    @Parameter(property = "secret-baker.stage")
    private String stage;

    /**
     * The AWS region of the parameters; also what {@code ${opt:region}} in serverless.yml resolves to. By
     * default serverless.yml's {@code provider.region}, else {@code AWS_REGION}, or the AWS profile's region.
     */
    @Parameter(property = "secret-baker.region")
    private String region;

    /** The named AWS profile for credentials, region and endpoint. By default {@code AWS_PROFILE} or {@code default}. */
    @Parameter(property = "secret-baker.profile")
    private String profile;

    /**
     * The Parameter Store endpoint, e.g. a local emulator's {@code http://127.0.0.1:4566}. By default
     * {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL} or the profile's {@code endpoint_url}.
     */
    @Parameter(property = "secret-baker.endpointUrl")
    private String endpointUrl;

    @Override
    final SecretsSource secretsOf(C configuration) {
        return configuration.secrets().orElse(null);
    }

    /**
     * Loads the secrets and reads them; the region of a serverless.yml applies unless a region is set. Skips,
     * saying why, when no secrets are configured.
     */
    @Override
    final void run(C configuration) {
        if (configuration.secrets().isEmpty()) {
            noSecretsConfigured(configuration);
            return;
        }
        SecretsSource source = configuration.secrets().get();
        SecretsSource.Loaded loaded = source.load();
        read(configuration, new Secrets(source, loaded.requests(),
                configuration.ssmOptions().withDefaultRegion(loaded.region())));
    }

    /** What a goal does when no secrets are configured: by default, it skips and says why. */
    void noSecretsConfigured(C configuration) {
        getLog().warn("Skipping secret-baker:" + goal() + " because " + noSecretsReason() + ".");
    }

    /** Reads the secrets from Parameter Store and reports the outcome; failures are left to {@link #execute()}. */
    abstract void read(C configuration, Secrets secrets);

    /** Why there is nothing to do when {@link #secretsSource()} is empty. */
    String noSecretsReason() {
        return "no <secrets> are configured and there is no " + SERVERLESS_YML + " in " + basedir()
                + "; list the secrets in the plugin's <configuration>, or point <configFile> at a serverless.yml";
    }

    /** The POM's {@code <secrets>}, else the serverless.yml; empty when neither is there. */
    Optional<SecretsSource> secretsSource() {
        if (secrets != null && !secrets.isEmpty()) {
            if (configFile != null) {
                throw new InvalidParameterException("Both <secrets> and <configFile> (" + configFile + ") are set;"
                        + " configure the secrets in one place: remove one of them.");
            }
            List<SecretEntry> entries = secrets.stream()
                    .map(secret -> secret == null ? null : secret.toEntry())
                    .toList();
            return Optional.of(new SecretsSource.PomSecrets(entries));
        }
        Path file = configFile != null ? configFile.toPath() : basedir().resolve(SERVERLESS_YML);
        if (configFile == null && !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ConfigOptions options = ConfigOptions.builder().stage(blankToNull(stage)).region(blankToNull(region)).build();
        return Optional.of(new SecretsSource.ServerlessFile(file.toAbsolutePath().normalize(), options));
    }

    SsmOptions ssmOptions() {
        return SsmOptions.builder()
                .region(region)
                .profile(profile)
                .endpointUrl(SsmOptions.parseEndpointUrl(endpointUrl, "endpointUrl"))
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
