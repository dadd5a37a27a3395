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
}
