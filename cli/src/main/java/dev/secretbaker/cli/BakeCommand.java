package dev.secretbaker.cli;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.config.PackageSecrets;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.format.SecretsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bake", mixinStandardHelpOptions = true,
        description = {
                "Reads the configured SecureString parameters from Parameter Store without decrypting them and writes"
                        + " their ciphertexts and ARNs to the secrets file.",
                "Refuses parameters that are not SecureStrings, that use the AWS managed key alias/aws/ssm, or that"
                        + " do not exist; then nothing is written and an older file stays as it was."})
final class BakeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Mixin
    PackagesOption packages;

    @Mixin
    AwsOptions aws;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = SecretsFile.FILE_NAME,
            description = "Where to write the secrets file (default: ${DEFAULT-VALUE}); missing folders are created.")
    Path output;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        if (packages.isGiven()) {
            return bakePackages();
        }
        ConfigurationOptions.Loaded loaded = configuration.load(spec, aws.region, System.in);
        BakeResult result;
        try (Baker baker = Baker.create(aws.toSsmOptions().withDefaultRegion(loaded.region()))) {
            result = baker.bake(loaded.requests(), output);
        } catch (BakeException e) {
            outputOptions.failed(spec, e);
            throw e;
        }
        if (loaded.requests().isEmpty()) {
            ConfigurationOptions.warn(spec, SecretBakerConfig.noSecretsBaked(loaded.from()));
        }
        outputOptions.succeeded(spec, result, "Baked " + count(result) + " into " + output + ".");
        return 0;
    }

    private int bakePackages() {
        if (spec.commandLine().getParseResult().hasMatchedOption("--output")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--packages-json names each package's file; leave out --output.");
        }
        List<PackageSecrets> plan = packages.load(spec, configuration, System.in);
        List<BakeResult> results;
        try (Baker baker = Baker.create(aws.toSsmOptions())) {
            results = baker.bakePackages(plan);
        } catch (BakeException e) {
            outputOptions.failed(spec, e);
            throw e;
        }
        outputOptions.succeeded(spec, plan, results);
        return 0;
    }

    static String count(BakeResult result) {
        int n = result.parameters().size();
        return n + (n == 1 ? " secret" : " secrets");
    }
}
