package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileOutputTest {

    private static final SecretsFile FILE = SecretsFile.of(List.of(
            new BakedSecret("A", "QUJD", "arn:aws:ssm:us-east-1:111122223333:parameter/A")));

    @TempDir
    Path folder;

    @Test
    void write_createsMissingParentFolders_andLeavesNoTemporaryFile() throws Exception {
        Path target = folder.resolve("build/lambda/secret-baker-secrets.json");

        SecretsFileOutput.write(target, FILE);

        assertThat(target).hasBinaryContent(FILE.toJson());
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_replacesAnOlderFile() throws Exception {
        Path target = folder.resolve("secret-baker-secrets.json");
        Files.writeString(target, "{}");

        SecretsFileOutput.write(target, FILE);

        assertThat(target).hasBinaryContent(FILE.toJson());
    }

    @Test
    void write_makesTheFileReadableByTheFunctionsUser() throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path target = folder.resolve("secret-baker-secrets.json");

        SecretsFileOutput.write(target, FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void write_toAFolder_isRefused() {
        assertThatThrownBy(() -> SecretsFileOutput.write(folder, FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void write_underAFile_isRefused_andChangesNothing() throws Exception {
        Path notAFolder = folder.resolve("plain.txt");
        Files.writeString(notAFolder, "keep");

        assertThatThrownBy(() -> SecretsFileOutput.write(notAFolder.resolve("secret-baker-secrets.json"), FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("not a folder");
        assertThat(notAFolder).hasContent("keep");
    }

    @Test
    void delete_removesASecretsFile_andLeftoverTemporaryFiles() throws Exception {
        Path target = folder.resolve("secret-baker-secrets.json");
        SecretsFileOutput.write(target, FILE);
        Files.writeString(folder.resolve(".secret-baker-secrets.json.12345.tmp"), "partial");

        assertThat(SecretsFileOutput.delete(target)).isTrue();

        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void delete_ofAMissingFile_returnsFalse() {
        assertThat(SecretsFileOutput.delete(folder.resolve("secret-baker-secrets.json"))).isFalse();
    }

    @Test
    void delete_refusesAFileThatIsNotASecretsFile() throws Exception {
        Path pom = folder.resolve("pom.xml");
        Files.writeString(pom, "<project/>");

        assertThatThrownBy(() -> SecretsFileOutput.delete(pom))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is not a secrets file");
        assertThat(pom).hasContent("<project/>");
    }

    @Test
    void write_overAFileThatIsNotASecretsFile_isRefused_andLeavesItAsItWas() throws Exception {
        Path pom = folder.resolve("pom.xml");
        Files.writeString(pom, "<project/>");

        assertThatThrownBy(() -> SecretsFileOutput.write(pom, FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is not a secrets file", "was not replaced");
        assertThat(pom).hasContent("<project/>");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(pom);
        }
    }

    @Test
    void write_throughAPathThatClimbsOutOfItsFolder_stillRefusesToReplaceAnotherFile() throws Exception {
        Path source = folder.resolve("src/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");

        assertThatThrownBy(() -> SecretsFileOutput.write(folder.resolve("build/../src/Main.java"), FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is not a secrets file");
        assertThat(source).hasContent("class Main {}");
    }

    @Test
    void write_overASymbolicLinkToASecretsFile_isRefused_andKeepsTheLinkAndItsTarget() throws Exception {
        Path target = SecretsFileOutput.write(folder.resolve("real/secret-baker-secrets.json"), FILE);
        Path link = Files.createSymbolicLink(folder.resolve("secret-baker-secrets.json"), target);

        assertThatThrownBy(() -> SecretsFileOutput.write(link, SecretsFile.of(List.of())))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is a symbolic link, not a regular file; it was not replaced");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(SecretsFile.read(target)).isEqualTo(FILE);
    }

    @Test
    void write_overADanglingSymbolicLink_isRefused() throws Exception {
        Path link = Files.createSymbolicLink(folder.resolve("secret-baker-secrets.json"), folder.resolve("elsewhere.json"));

        assertThatThrownBy(() -> SecretsFileOutput.write(link, FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("symbolic link");
        assertThat(folder.resolve("elsewhere.json")).doesNotExist();
    }

    @Test
    void write_overAFifo_isRefused_withoutBlocking() throws Exception {
        Path fifo = folder.resolve("secret-baker-secrets.json");
        org.assertj.core.api.Assumptions.assumeThat(mkfifo(fifo)).isTrue();

        assertThatThrownBy(() -> SecretsFileOutput.write(fifo, FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is a device, a pipe or a socket, not a regular file");
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void write_overADeviceNode_isRefused() throws Exception {
        // A node of our own, like /dev/null (char 1,3): were the check to break, only this copy would be replaced.
        Path device = folder.resolve("null");
        org.assertj.core.api.Assumptions.assumeThat(run("mknod", device.toString(), "c", "1", "3")).isTrue();

        assertThatThrownBy(() -> SecretsFileOutput.write(device, FILE))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining(device + " is a device, a pipe or a socket");
        assertThat(Files.isRegularFile(device, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void delete_ofASymbolicLink_isRefused_andKeepsTheLink() throws Exception {
        Path target = SecretsFileOutput.write(folder.resolve("real/secret-baker-secrets.json"), FILE);
        Path link = Files.createSymbolicLink(folder.resolve("secret-baker-secrets.json"), target);

        assertThatThrownBy(() -> SecretsFileOutput.delete(link))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("is a symbolic link, not a regular file; it was left in place");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).exists();
    }

    @Test
    void delete_ofAFifo_isRefused() throws Exception {
        Path fifo = folder.resolve("secret-baker-secrets.json");
        org.assertj.core.api.Assumptions.assumeThat(mkfifo(fifo)).isTrue();

        assertThatThrownBy(() -> SecretsFileOutput.delete(fifo))
                .isInstanceOf(OutputFileException.class)
                .hasMessageContaining("not a regular file");
        assertThat(fifo).exists();
    }

    @Test
    void write_removesTemporaryFilesOfKilledWrites_butKeepsThoseOfALiveProcess() throws Exception {
        Path output = folder.resolve("secret-baker-secrets.json");
        long deadPid = deadProcessId();
        Path ofAKilledWrite = Files.writeString(folder.resolve(".secret-baker-secrets.json." + deadPid + ".123.tmp"), "AQICAH...");
        Path ofAnOlderVersion = Files.writeString(folder.resolve(".secret-baker-secrets.json.98765432.tmp"), "AQICAH...");
        Path inProgress = Files.writeString(folder.resolve(".secret-baker-secrets.json."
                + ProcessHandle.current().pid() + ".456.tmp"), "AQICAH...");
        Path ofAnotherFile = Files.writeString(folder.resolve(".other.json." + deadPid + ".1.tmp"), "x");

        SecretsFileOutput.write(output, FILE);

        assertThat(ofAKilledWrite).doesNotExist();
        assertThat(ofAnOlderVersion).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(ofAnotherFile).exists();
    }

    @Test
    void delete_removesTemporaryFilesOfKilledWrites_evenWhenThereIsNoSecretsFile() throws Exception {
        Path leftover = Files.writeString(folder.resolve(".secret-baker-secrets.json." + deadProcessId() + ".7.tmp"), "x");

        assertThat(SecretsFileOutput.delete(folder.resolve("secret-baker-secrets.json"))).isFalse();

        assertThat(leftover).doesNotExist();
    }

    /** The id of a process that has ended. */
    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static boolean mkfifo(Path path) {
        return run("mkfifo", path.toString());
    }

    private static boolean run(String... command) {
        try {
            return new ProcessBuilder(command).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
