package dev.secretbaker.maven;

import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.DecryptPolicy;
import dev.secretbaker.core.OutputFileException;
import dev.secretbaker.core.SecretsFileOutput;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads the configured SecureString parameters from Parameter Store without decrypting them and writes their
 * ciphertexts and ARNs to {@code secret-baker-secrets.json} in the classes folder, so that the jar (or shaded
 * jar) carries it. The function decrypts them at run time with {@code BakedSecrets} from
 * {@code secret-baker-runtime}.
 *
 * <p>Refuses, all in one failure that lists every secret, its parameter, the reason and the fix: a missing
 * parameter, version or label; a parameter that is not a SecureString; one encrypted with the AWS managed key
 * {@code alias/aws/ssm}. Then nothing is written and an older file stays as it was.
 */
@Mojo(name = "bake", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class BakeMojo extends AbstractSsmMojo<BakeMojo.Configuration> {

    /**
     * The secrets file. By default it goes into the classes folder, so that {@code jar} (and {@code shade})
     * put it at the root of the jar, where the runtime library finds it. A file outside the build directory is
     * left after the build: remove it with the {@code clean} goal.
     */
    @Parameter(property = "secret-baker.outputFile", defaultValue = DEFAULT_OUTPUT_FILE, required = true)
    private File outputFile;

    /**
     * Where to write the least-privilege IAM policy the function needs for the baked secrets: {@code kms:Decrypt}
     * only on their keys and only with their parameter ARNs as encryption context. Beside the jar by default,
     * for SAM, CDK and Terraform templates.
     */
    @Parameter(property = "secret-baker.policyFile", defaultValue = "${project.build.directory}/secret-baker-policy.json",
            required = true)
    private File policyFile;

    /** What to bake, how to reach Parameter Store, and where to write the file and the policy. */
    record Configuration(Optional<SecretsSource> secrets, SsmOptions ssmOptions, Path outputFile, Path policyFile)
            implements SsmConfiguration {
    }

    @Override
    String goal() {
        return "bake";
    }

    @Override
    Configuration configuration() {
        return new Configuration(secretsSource(), ssmOptions(), absolute(outputFile), absolute(policyFile));
    }

    /**
     * Skipped, the bake still removes the secrets file and policy of an earlier bake: left in the classes folder,
     * that file would go into this build's jar with the secrets as they were then.
     */
    @Override
    String skip() {
        Path output = absolute(outputFile);
        deletePolicy(absolute(policyFile));
        return SecretsFileOutput.delete(output)
                ? "nothing was baked, and the earlier " + display(output) + " was removed, so that the package"
                        + " carries no secrets file"
                : "nothing was baked";
    }

    @Override
    void read(Configuration configuration, Secrets secrets) {
        SecretsSource source = secrets.source();
        List<SecretRequest> requests = secrets.requests();
        SsmOptions ssmOptions = secrets.ssmOptions();
        Path output = configuration.outputFile();
        getLog().debug("Parameter Store: " + ssmOptions);
        BakeResult result;
        try (Baker baker = Baker.create(ssmOptions)) {
            result = baker.bake(requests, output);
        }
        Path written = result.output().orElse(output);
        if (requests.isEmpty()) {
            getLog().warn(capitalized(SecretBakerConfig.noSecretsBaked(source.description())) + ".");
        }
        getLog().info("Baked " + BakeReport.count(result) + " from " + source.description() + " into "
                + display(written) + " " + BakeReport.calls(result));
        BakeReport.logSecrets(getLog(), result);
        DecryptPolicy policy = DecryptPolicy.forBake(result.parameters());
        if (policy.isEmpty()) {
            // No secret to decrypt: an earlier bake's policy would grant what the function no longer needs.
            deletePolicy(configuration.policyFile());
        } else {
            writePolicy(configuration.policyFile(), policy);
        }
        if (!isInsideBuildDirectory(written)) {
            getLog().warn(display(written) + " is outside the build directory, so mvn clean leaves it: keep it out of"
                    + " version control, and remove it with secret-baker:clean.");
        }
    }

    private void writePolicy(Path file, DecryptPolicy policy) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret-baker-policy", ".tmp");
            Files.writeString(temporary, policy.toDocument() + System.lineSeparator());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot write the IAM policy to " + file + ": " + e.getMessage(), e);
        }
        getLog().info("Wrote the function's least-privilege IAM policy (kms:Decrypt of the baked parameters only) to "
                + display(file));
    }

    private static void deletePolicy(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot remove the earlier IAM policy " + file + ": " + e.getMessage(), e);
        }
    }
}
