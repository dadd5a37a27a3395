package dev.secretbaker.cli;

import dev.secretbaker.core.Baker;
import dev.secretbaker.core.DecryptPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {
                "Prints the least-privilege IAM policy a function needs for its baked secrets: kms:Decrypt only on"
                        + " their keys and only with kms:EncryptionContext:PARAMETER_ARN equal to a baked parameter's"
                        + " ARN, so it decrypts its own secrets and no other parameter under the same key.",
                "From the configuration (reading Parameter Store as 'verify' does, to name the keys), or with --file"
                        + " from a baked file (which names no key: every key of the parameters' account and region,"
                        + " still limited to their ARNs)."})
final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE",
            description = "A baked secrets file to write the policy for, instead of reading the configuration.")
    Path file;

    @Mixin
    ConfigurationOptions configuration;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        DecryptPolicy policy;
        if (file != null) {
            policy = DecryptPolicy.forSecrets(ListCommand.read(file).secrets());
        } else {
            ConfigurationOptions.Loaded loaded = configuration.load(spec, aws.region, System.in);
            try (Baker baker = Baker.create(aws.toSsmOptions().withDefaultRegion(loaded.region()))) {
                policy = DecryptPolicy.forBake(baker.verify(loaded.requests()).parameters());
            }
        }
        if (policy.isEmpty()) {
            throw new CommandFailure("No secrets are configured, so no policy is needed.");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(policy.toDocument());
        out.flush();
        return 0;
    }
}
