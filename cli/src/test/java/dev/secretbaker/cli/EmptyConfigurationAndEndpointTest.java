package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules core owns, as the CLI applies them: no secrets configured, and what an endpoint URL is. */
class EmptyConfigurationAndEndpointTest {

    @TempDir
    Path dir;

    @Test
    void bake_ofASectionWithNoSecrets_writesAnEmptyObjectOverTheEarlierFileAndSaysSo() throws Exception {
        Path config = dir.resolve("serverless.yml");
        Files.writeString(config, "service: x\ncustom:\n  secretBaker: []\n");
        Path output = dir.resolve("secret-baker-secrets.json");
        Files.writeString(output, "{\"OLD\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/OLD\"}}");

        // No region and no credentials are needed when there is nothing to read.
        CommandRun run = CommandRun.of("bake", "--config", config.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output).hasContent("{}");
        assertThat(run.err()).contains("secret-baker: no secrets are configured in custom.secretBaker in " + config
                + ", so the secrets file holds an empty object ({})");
    }

    @Test
    void bake_ofEmptyJsonNamedByTheCaller_wordsTheWarningThatWay() throws Exception {
        Path json = dir.resolve("config.json");
        Files.writeString(json, "[]");
        Path output = dir.resolve("secret-baker-secrets.json");

        CommandRun run = CommandRun.of("bake", "--config-json", json.toString(), "--config-name",
                "custom.secretBaker in serverless.yml", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("no secrets are configured in custom.secretBaker in serverless.yml,");
    }

    @Test
    void bake_withAnEndpointThatIsNoUrl_isAUsageErrorInCoresWords() throws Exception {
        Path config = dir.resolve("serverless.yml");
        Files.writeString(config, "service: x\ncustom:\n  secretBaker:\n    - A\n");

        CommandRun run = CommandRun.of("bake", "--config", config.toString(), "--endpoint-url", "localhost:4566",
                "--output", dir.resolve("out.json").toString());

        assertThat(run.exitCode()).isEqualTo(SecretBakerCommand.EXIT_USAGE);
        assertThat(run.err()).contains("The --endpoint-url 'localhost:4566' is not a URL such as"
                + " https://ssm.eu-west-1.amazonaws.com or http://127.0.0.1:4566");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
