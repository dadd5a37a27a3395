package dev.secretbaker.maven;

import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretRequest;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs every check of {@code bake} without writing anything: each parameter exists, is a SecureString, and is
 * encrypted with a customer managed KMS key. Useful in a pull-request build that has read access to Parameter
 * Store; fails with the same message as {@code bake}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractSsmMojo<VerifyMojo.Configuration> {

    /** What to check and how to reach Parameter Store. */
    record Configuration(Optional<SecretsSource> secrets, SsmOptions ssmOptions) implements SsmConfiguration {
    }

    @Override
    String goal() {
        return "verify";
    }

    @Override
    Configuration configuration() {
        return new Configuration(secretsSource(), ssmOptions());
    }

    @Override
    void read(Configuration configuration, Secrets secrets) {
        SecretsSource source = secrets.source();
        List<SecretRequest> requests = secrets.requests();
        SsmOptions ssmOptions = secrets.ssmOptions();
        if (requests.isEmpty()) {
            getLog().warn(capitalized(SecretBakerConfig.noSecretsToVerify(source.description())) + ".");
            return;
        }
        getLog().debug("Parameter Store: " + ssmOptions);
        BakeResult result;
        try (Baker baker = Baker.create(ssmOptions)) {
            result = baker.verify(requests);
        }
        getLog().info("Verified " + BakeReport.count(result) + " from " + source.description()
                + "; nothing was written " + BakeReport.calls(result));
        BakeReport.logSecrets(getLog(), result);
    }
}
