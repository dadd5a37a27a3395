package dev.secretbaker.maven;

import static dev.secretbaker.maven.Mojos.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.InvalidSettingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the parameters, as Maven injects them, become the goal's configuration. */
class MojoParametersTest {

    @TempDir
    Path project;

    @Test
    void configuration_withoutSecretsOrServerlessYml_hasNothingToBake() {
        BakeMojo mojo = mojo();

        assertThat(mojo.configuration().secrets()).isEmpty();
        assertThat(mojo.noSecretsReason()).contains("no <secrets> are configured and there is no serverless.yml in");
    }

    @Test
    void configuration_withServerlessYmlInTheProject_readsItWithTheStage() throws IOException {
        Files.writeString(project.resolve("serverless.yml"), "service: x\n");
        BakeMojo mojo = mojo();
        set(mojo, "stage", "prod");

        SecretsSource source = mojo.configuration().secrets().orElseThrow();

        assertThat(source).isInstanceOfSatisfying(SecretsSource.ServerlessFile.class, file -> {
            assertThat(file.file()).isEqualTo(project.resolve("serverless.yml").toAbsolutePath().normalize());
            assertThat(file.options().stage()).contains("prod");
        });
    }

    @Test
    void configuration_withPomSecrets_prefersThemToServerlessYml() throws IOException {
        Files.writeString(project.resolve("serverless.yml"), "service: x\n");
        BakeMojo mojo = mojo();
        set(mojo, "secrets", List.of(new Secret("A", "/a")));

        assertThat(mojo.configuration().secrets()).containsInstanceOf(SecretsSource.PomSecrets.class);
    }

    @Test
    void configuration_withSecretsAndConfigFile_isRefused() {
        BakeMojo mojo = mojo();
        set(mojo, "secrets", List.of(new Secret("A", "/a")));
        set(mojo, "configFile", project.resolve("other.yml").toFile());

        assertThatThrownBy(mojo::configuration).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Both <secrets> and <configFile>");
    }

    @Test
    void configuration_withAMissingConfigFile_stillReadsItSoThatTheErrorNamesIt() {
        BakeMojo mojo = mojo();
        set(mojo, "configFile", project.resolve("missing.yml").toFile());

        assertThat(mojo.configuration().secrets()).containsInstanceOf(SecretsSource.ServerlessFile.class);
    }

    @Test
    void configuration_withEndpointAndRegion_passesThemToCore() {
        BakeMojo mojo = mojo();
        set(mojo, "endpointUrl", " http://127.0.0.1:4566 ");
        set(mojo, "region", "eu-west-1");
        set(mojo, "profile", "deploy");

        var ssm = mojo.configuration().ssmOptions();

        assertThat(ssm.endpointUrl()).hasValueSatisfying(uri -> assertThat(uri).hasToString("http://127.0.0.1:4566"));
        assertThat(ssm.region()).contains("eu-west-1");
        assertThat(ssm.profile()).contains("deploy");
    }

    @Test
    void configuration_withAnEndpointThatIsNoUrl_isRefused() {
        BakeMojo mojo = mojo();
        set(mojo, "endpointUrl", "localhost:4566");

        assertThatThrownBy(mojo::configuration).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("The endpointUrl 'localhost:4566' is not a URL such as");
    }

    private BakeMojo mojo() {
        BakeMojo mojo = new BakeMojo();
        set(mojo, "basedir", project.toFile());
        set(mojo, "buildDirectory", project.resolve("target").toFile());
        set(mojo, "outputFile", new File(project.toFile(), "target/classes/secret-baker-secrets.json"));
        set(mojo, "policyFile", new File(project.toFile(), "target/secret-baker-policy.json"));
        return mojo;
    }
}
