package dev.secretbaker.maven;

import static dev.secretbaker.maven.Mojos.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bake goal's paths that need no Parameter Store: skipping, nothing to bake, configuration errors. */
class BakeMojoTest {

    @TempDir
    Path project;

    private final Mojos.RecordingLog log = new Mojos.RecordingLog();

    @Test
    void execute_withSkip_readsNoConfiguration_removesTheEarlierFileAndPolicy_andSaysSo() throws Exception {
        Path earlier = writeEarlierFile();
        Path policy = Files.writeString(project.resolve("target/secret-baker-policy.json"), "{}");
        BakeMojo mojo = mojo();
        set(mojo, "skip", true);
        Files.writeString(project.resolve("serverless.yml"), "custom:\n  secretBaker: 42\n");

        mojo.execute();

        assertThat(log.lines).containsExactly("INFO Skipping secret-baker:bake because secret-baker.skip is true:"
                + " nothing was baked, and the earlier " + Path.of("target", "classes", "secret-baker-secrets.json")
                + " was removed, so that the package carries no secrets file.");
        assertThat(earlier).doesNotExist();
        assertThat(policy).doesNotExist();
    }

    @Test
    void execute_withSkipAndNoEarlierFile_saysNothingWasBaked() throws Exception {
        BakeMojo mojo = mojo();
        set(mojo, "skip", true);

        mojo.execute();

        assertThat(log.lines).containsExactly("INFO Skipping secret-baker:bake because secret-baker.skip is true:"
                + " nothing was baked.");
    }

    @Test
    void execute_withSkip_leavesAFileThatIsNotASecretsFile_andFails() throws Exception {
        Files.createDirectories(outputFile().getParent());
        Path other = Files.writeString(outputFile(), "not json at all");
        BakeMojo mojo = mojo();
        set(mojo, "skip", true);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("it was left in place");
        assertThat(other).hasContent("not json at all");
    }

    @Test
    void execute_withNothingConfigured_warnsAndWritesNothing() throws Exception {
        mojo().execute();

        assertThat(log.lines).singleElement().asString().startsWith("WARN Skipping secret-baker:bake because no"
                + " <secrets> are configured and there is no serverless.yml in " + project);
        assertThat(outputFile()).doesNotExist();
    }

    @Test
    void execute_withAnEmptySecretBakerSection_writesAnEmptyObjectOverTheEarlierFile() throws Exception {
        Path earlier = writeEarlierFile();
        Files.writeString(earlier, "{\"OLD\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/OLD\"}}");
        Files.writeString(project.resolve("serverless.yml"), "service: x\ncustom:\n  secretBaker: []\n");

        mojo().execute();

        assertThat(earlier).hasContent("{}");
        assertThat(log.lines).contains("WARN No secrets are configured in custom.secretBaker in "
                + project.resolve("serverless.yml") + ", so the secrets file holds an empty object ({});"
                + " list the secrets there to bake them.");
    }

    @Test
    void execute_withAMalformedEntry_failsNamingItInTheFile() throws IOException {
        Path earlier = writeEarlierFile();
        Files.writeString(project.resolve("serverless.yml"), "service: x\ncustom:\n  secretBaker:\n    - A\n    - 42\n");

        assertThatThrownBy(mojo()::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Invalid secret-baker configuration: custom.secretBaker[1] in "
                        + project.resolve("serverless.yml") + ": ");
        assertThat(earlier).hasContent("{}");
    }

    private BakeMojo mojo() {
        BakeMojo mojo = new BakeMojo();
        mojo.setLog(log);
        set(mojo, "basedir", project.toFile());
        set(mojo, "buildDirectory", project.resolve("target").toFile());
        set(mojo, "outputFile", outputFile().toFile());
        set(mojo, "policyFile", project.resolve("target/secret-baker-policy.json").toFile());
        // Parameter Store is never reached in these tests; an unusable endpoint would show it if it were.
        set(mojo, "region", "us-east-1");
        set(mojo, "endpointUrl", "http://127.0.0.1:9");
        return mojo;
    }

    private Path outputFile() {
        return project.resolve("target/classes/secret-baker-secrets.json");
    }

    private Path writeEarlierFile() throws IOException {
        Files.createDirectories(outputFile().getParent());
        return Files.writeString(outputFile(), "{}", StandardCharsets.UTF_8);
    }
}
