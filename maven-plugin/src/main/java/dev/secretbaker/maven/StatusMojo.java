package dev.secretbaker.maven;

import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.status.BakedSecretsSource;
import dev.secretbaker.core.status.StatusChecker;
import dev.secretbaker.core.status.StatusReport;
import dev.secretbaker.format.SecretsFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tells, for each secret baked into the project's jar (or another artifact or secrets file), whether Parameter
 * Store still holds what was baked: current, stale (bake and deploy again), pinned, gone or unknown. Never
 * decrypts. Runs without a build ({@code mvn secret-baker:status}) and without a project (then give
 * {@code -Dsecret-baker.file}). The build fails when a secret is stale or gone, unless {@code failOnStale} is
 * false, and always when a state could not be told.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractSsmMojo<StatusMojo.Configuration> {

    /**
     * What was baked: a secrets file, or a jar or zip that holds one. By default the project's jar
     * ({@code target/<finalName>.jar}), else {@code target/classes/secret-baker-secrets.json}.
     */
    @Parameter(property = "secret-baker.file")
    private File file;

    @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}.jar", readonly = true)
    private File projectJar;

    @Parameter(defaultValue = DEFAULT_OUTPUT_FILE, readonly = true)
    private File bakedFile;

    /** Fails the build when a secret is stale or gone; set to false to only report. */
    @Parameter(property = "secret-baker.failOnStale", defaultValue = "true")
    private boolean failOnStale;

    /** What to check, against which configuration, and how to reach Parameter Store. */
    record Configuration(Path baked, Optional<SecretsSource> secrets, SsmOptions ssmOptions, boolean failOnStale)
            implements SsmConfiguration {
    }

    @Override
    String goal() {
        return "status";
    }

    @Override
    Configuration configuration() {
        return new Configuration(bakedPath(), secretsSource(), ssmOptions(), failOnStale);
    }

    private Path bakedPath() {
        if (file != null) {
            return absolute(file);
        }
        for (File candidate : new File[] {projectJar, bakedFile}) {
            if (candidate != null && Files.isRegularFile(candidate.toPath())) {
                return absolute(candidate);
            }
        }
        throw new InvalidParameterException("No baked secrets to check: neither " + (projectJar == null ? "the project's jar"
                : projectJar) + " nor " + (bakedFile == null ? SecretsFile.FILE_NAME : bakedFile) + " exists. Package"
                + " the project first, or point -Dsecret-baker.file at the deployed jar or zip, or at a secrets file.");
    }

    /** Without a configuration the file alone is checked: pins cannot be told, everything else can. */
    @Override
    void noSecretsConfigured(Configuration configuration) {
        check(configuration, List.of(), configuration.ssmOptions());
    }

    @Override
    void read(Configuration configuration, Secrets secrets) {
        check(configuration, secrets.requests(), secrets.ssmOptions());
    }

    private void check(Configuration configuration, List<SecretRequest> requests, SsmOptions ssmOptions) {
        BakedSecretsSource.Baked baked = BakedSecretsSource.read(configuration.baked());
        StatusReport report;
        try (StatusChecker checker = StatusChecker.create(ssmOptions)) {
            report = checker.check(baked, requests);
        }
        getLog().info(report.summary());
        report.table().forEach(line -> getLog().info("  " + line));
        switch (report.outcome()) {
            case UP_TO_DATE -> {
            }
            case REDEPLOY -> {
                String message = "Baked secrets are stale or gone: bake and deploy again (see the table above).";
                if (configuration.failOnStale()) {
                    throw new StatusFailure(message);
                }
                getLog().warn(message);
            }
            case INCOMPLETE -> throw new StatusFailure(
                    "The state of some baked secrets could not be told: see the reasons in the table above.");
        }
    }

    /** The status asks for a redeploy, or is incomplete: fails the build with what the table already shows. */
    static final class StatusFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatusFailure(String message) {
            super(message);
        }
    }
}
