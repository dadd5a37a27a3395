package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListAndCleanCommandTest {

    private static final String FILE = "{\"DB_PASSWORD\":{\"ciphertext\":\"AQICAHhCIPHERTEXT\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/app/db\"},"
            + "\"API_KEY\":{\"ciphertext\":\"AQICAHhOTHER\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/API_KEY\"}}";

    @TempDir
    Path folder;

    @Test
    void list_showsNamesAndArns_butNoCiphertext() throws Exception {
        Path file = folder.resolve("secret-baker-secrets.json");
        Files.writeString(file, FILE);

        CommandRun run = CommandRun.of("list", "--file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2 secrets", "DB_PASSWORD", "arn:aws:ssm:us-east-1:111122223333:parameter/app/db", "API_KEY")
                .doesNotContain("AQICAH");
    }

    @Test
    void list_ofAMissingFile_failsWithExitCode1_andSaysWhatToDo() {
        CommandRun run = CommandRun.of("list", "--file", folder.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No secrets file at", "secret-baker bake");
    }

    @Test
    void list_ofAMalformedFile_failsWithExitCode1() throws Exception {
        Path file = folder.resolve("secret-baker-secrets.json");
        Files.writeString(file, "[1,2]");

        CommandRun run = CommandRun.of("list", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a valid secrets file");
    }

    @Test
    void clean_removesTheFile() throws Exception {
        Path file = folder.resolve("secret-baker-secrets.json");
        Files.writeString(file, FILE);

        CommandRun run = CommandRun.of("clean", "--output", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Removed");
        assertThat(file).doesNotExist();
    }

    @Test
    void clean_withNothingToRemove_succeeds() {
        CommandRun run = CommandRun.of("clean", "--output", folder.resolve("secret-baker-secrets.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Nothing to remove");
    }

    @Test
    void clean_refusesAFileThatIsNotASecretsFile() throws Exception {
        Path pom = folder.resolve("pom.xml");
        Files.writeString(pom, "<project/>");

        CommandRun run = CommandRun.of("clean", "--output", pom.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a secrets file");
        assertThat(pom).exists();
    }

    @Test
    void everyCommand_hasHelp() {
        for (String command : new String[] {"bake", "verify", "list", "clean"}) {
            CommandRun run = CommandRun.of(command, "--help");

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).startsWith("Usage: secret-baker " + command).doesNotContain("null");
        }
    }

    @Test
    void unknownOption_isAUsageError() {
        CommandRun run = CommandRun.of("list", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bogus");
    }

    @Test
    void bothConfigSources_isAUsageError() {
        CommandRun run = CommandRun.of("bake", "--config", "a.yml", "--config-json", "b.json", "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("either --config or --config-json");
    }

    @Test
    void malformedConfiguration_failsWithExitCode1_namingTheEntry() throws Exception {
        Path config = folder.resolve("serverless.yml");
        Files.writeString(config, "service: x\nprovider:\n  name: aws\ncustom:\n  secretBaker:\n    - 42\n");

        CommandRun run = CommandRun.of("verify", "--config", config.toString(), "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("custom.secretBaker[0]");
    }

    @Test
    void list_ofAFileWithControlCharactersInNamesAndArns_printsThemEscaped() throws Exception {
        Path file = folder.resolve("secret-baker-secrets.json");
        // ESC[2K clears the line, CR returns to its start, U+202E reverses what follows: a spoofed row.
        Files.writeString(file, "{\"X\\u001b[2K\\rDB_PASSWORD\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/a\\u202eFAKE\"},"
                + "\"\\u202eDROWSSAP\\u0000\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/b\"}}");

        CommandRun run = CommandRun.of("list", "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("X\\u001B[2K\\u000DDB_PASSWORD", "parameter/a\\u202EFAKE", "\\u202EDROWSSAP\\u0000")
                .doesNotContain("\u001b", "\r", "\u202e", "\u0000");
        assertThat(run.out().lines()).hasSize(3);
    }
}
