package dev.secretbaker.maven.it;

import static dev.secretbaker.maven.it.SecretBakerBuilds.asDeployer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secretbaker.local.AwsCli;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code secret-baker:status} in real Maven builds: after a package, after a rotation and a deletion made with the
 * AWS CLI, and without any project at all.
 */
class StatusGoalIntegrationTest {

    /** Its own emulator: these tests change parameters that the other builds bake. */
    @RegisterExtension
    static LocalAwsExtension emulator = LocalAwsExtension.create(b -> b.seed(SecretBakerBuilds.SEED));

    @Test
    void status_afterPackage_isCurrent_thenStaleAfterARotation_thenGoneAfterADeletion() {
        LocalAws aws = emulator.aws();
        assumeTrue(AwsCli.isInstalled(), "the AWS CLI is not installed (.ci/install-prerequisites installs Debian's awscli)");
        Path project = MavenBuild.copyTestProject("from-serverless-yml", "status-from-serverless-yml");
        BuildResult packaged = asDeployer(aws, project).args("package", "-Dsecret-baker.stage=prod").run();
        assertThat(packaged.succeeded()).as("%s", packaged).isTrue();

        BuildResult current = asDeployer(aws, project).args("secret-baker:status", "-Dsecret-baker.stage=prod").run();
        AwsCli.run(aws, aws.principal("admin"), "ssm", "put-parameter", "--name", "/hello/prod/greeting",
                "--type", "SecureString", "--key-id", SecretBakerBuilds.KEY_ALIAS, "--value", "Hello again", "--overwrite");
        BuildResult stale = asDeployer(aws, project).args("secret-baker:status", "-Dsecret-baker.stage=prod").run();
        BuildResult reportOnly = asDeployer(aws, project)
                .args("secret-baker:status", "-Dsecret-baker.stage=prod", "-Dsecret-baker.failOnStale=false").run();
        AwsCli.run(aws, aws.principal("admin"), "ssm", "delete-parameter", "--name", "API_KEY");
        BuildResult gone = asDeployer(aws, project).args("secret-baker:status", "-Dsecret-baker.stage=prod").run();

        assertThat(current.succeeded()).as("%s", current).isTrue();
        assertThat(current.log()).contains("from-serverless-yml-1.0.jar!/secret-baker-secrets.json: 2 secrets, 2 current");
        assertThat(stale.succeeded()).as("%s", stale).isFalse();
        assertThat(stale.log()).contains("1 current, 1 stale")
                .containsPattern("GREETING +stale +v1 +v2 .*hello/prod/greeting .*bake and deploy again")
                .contains("Baked secrets are stale or gone: bake and deploy again");
        assertThat(reportOnly.succeeded()).as("%s", reportOnly).isTrue();
        assertThat(reportOnly.log()).contains("[WARNING] Baked secrets are stale or gone");
        assertThat(gone.succeeded()).as("%s", gone).isFalse();
        assertThat(gone.log()).containsPattern("API_KEY +gone .*the parameter was deleted");
        for (BuildResult build : new BuildResult[] {current, stale, gone}) {
            assertThat(build.log()).doesNotContain("Hello from prod", "Hello again", "api-key-same-name");
        }
        assertThat(aws.audit().events("deployer")).noneMatch(e -> "kms".equals(e.service()))
                .noneMatch(e -> Boolean.TRUE.equals(e.withDecryption()));
    }

    @Test
    void status_withoutAProject_checksTheGivenFile_butOnlyThePomTellsAPin() throws IOException {
        LocalAws aws = emulator.aws();
        Path folder = MavenBuild.copyTestProject("from-pom", "status-without-project");
        BuildResult packaged = asDeployer(aws, folder).args("package").run();
        assertThat(packaged.succeeded()).as("%s", packaged).isTrue();
        Path jar = folder.resolve("target/from-pom-1.0.jar");
        Path empty = Files.createDirectories(folder.resolve("no-project"));

        BuildResult fileAlone = asDeployer(aws, empty).args("dev.secretbaker:secret-baker-maven-plugin:"
                + MavenBuild.PLUGIN_VERSION + ":status", "-Dsecret-baker.file=" + jar).run();
        BuildResult withPom = asDeployer(aws, folder).args("secret-baker:status").run();

        assertThat(fileAlone.succeeded()).as("%s", fileAlone).isFalse();
        assertThat(fileAlone.log()).contains("from-pom-1.0.jar!/secret-baker-secrets.json: 3 secrets")
                .containsPattern("API_KEY_V1 +stale +v1 +v2")
                .containsPattern("GREETING +current");
        assertThat(withPom.succeeded()).as("%s", withPom).isTrue();
        assertThat(withPom.log()).containsPattern("API_KEY_V1 +pinned +v1 +v2 .*hello/prod/api-key:1 +a newer version exists");
    }

    @Test
    void status_withNothingBaked_failsAndSaysWhatToPointAt() {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("from-pom", "status-nothing-baked");

        BuildResult status = asDeployer(aws, project).args("secret-baker:status").run();

        assertThat(status.succeeded()).as("%s", status).isFalse();
        assertThat(status.log()).contains("No baked secrets to check", "-Dsecret-baker.file");
    }
}
