package dev.secretbaker.cli;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.config.SecretBakerConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks everything 'bake' checks (each parameter exists, is a SecureString, uses a customer"
                + " managed key) without writing a file.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        ConfigurationOptions.Loaded loaded = configuration.load(spec, aws.region, System.in);
        BakeResult result;
        try (Baker baker = Baker.create(aws.toSsmOptions().withDefaultRegion(loaded.region()))) {
            result = baker.verify(loaded.requests());
        } catch (BakeException e) {
            outputOptions.failed(spec, e);
            throw e;
        }
        if (loaded.requests().isEmpty()) {
            ConfigurationOptions.warn(spec, SecretBakerConfig.noSecretsToVerify(loaded.from()));
        }
        int n = result.parameters().size();
        outputOptions.succeeded(spec, result, n == 1 ? "The secret can be baked; nothing was written."
                : "All " + n + " secrets can be baked; nothing was written.");
        return 0;
    }
}
