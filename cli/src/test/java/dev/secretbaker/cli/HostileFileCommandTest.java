package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are huge, endless or absent: each command refuses them before reading, and names the file. */
class HostileFileCommandTest {

    private static final String FILE = "{\"DB_PASSWORD\":{\"ciphertext\":\"AQICAHhCIPHERTEXT\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/app/db\"}}";

    @TempDir
    Path folder;

    private Path sparse() throws Exception {
        Path file = folder.resolve("sparse.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        return file;
    }

    @Test
    void list_ofASparseFileOfThreeGigabytes_failsNamingItsSize() throws Exception {
        CommandRun run = CommandRun.of("list", "--file", sparse().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("3221225472 bytes long", "at most");
    }

    @Test
    void list_ofDevZero_failsAsNotARegularFile() {
        assumeThat(Path.of("/dev/zero")).exists();

        CommandRun run = CommandRun.of("list", "--file", "/dev/zero");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("/dev/zero is a device, a pipe or a socket, not a regular file");
    }

    @Test
    void decrypt_ofASparseFile_failsBeforeReadingIt() throws Exception {
        CommandRun run = CommandRun.of("decrypt", "DB_PASSWORD", "--file", sparse().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("3221225472 bytes long");
    }

    @Test
    void decrypt_ofAMissingFile_failsNamingIt_insteadOfDecryptingAnotherFile() throws Exception {
        // A secrets file in the working directory would be the fallback; the named file is the only one used.
        Path here = Path.of("secret-baker-secrets.json").toAbsolutePath();
        assumeThat(here).doesNotExist();
        Files.writeString(here, FILE);
        try {
            CommandRun run = CommandRun.of("decrypt", "DB_PASSWORD", "--file", folder.resolve("missing.json").toString(),
                    "--endpoint-url", "http://127.0.0.1:9");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("was not found", "the configured file " + folder.resolve("missing.json"))
                    .doesNotContain(here.toString());
        } finally {
            Files.delete(here);
        }
    }

    @Test
    void bake_withConfigJsonOfASparseFile_failsNamingItsSize() throws Exception {
        CommandRun run = CommandRun.of("bake", "--config-json", sparse().toString(), "--region", "us-east-1",
                "--output", folder.resolve("out.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--config-json", "3221225472 bytes long");
        assertThat(folder.resolve("out.json")).doesNotExist();
    }

    @Test
    void bake_withConfigDevZero_failsAsNotARegularFile_insteadOfReadingForever() {
        assumeThat(Path.of("/dev/zero")).exists();

        CommandRun run = CommandRun.of("bake", "--config", "/dev/zero", "--region", "us-east-1",
                "--output", folder.resolve("out.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("/dev/zero is a device, a pipe or a socket, not a regular file");
    }
}
