package dev.secretbaker.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakedSecretsSourceTest {

    private static final SecretsFile SECRETS = SecretsFile.of(List.of(
            new BakedSecret("DB", "AQICAHg=", "arn:aws:ssm:us-east-1:111122223333:parameter/app/db")));

    @TempDir
    Path folder;

    private Path zip(String name, String... entries) throws IOException {
        Path artifact = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(artifact); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.endsWith(SecretsFile.FILE_NAME) ? SECRETS.toJson() : new byte[] {1, 2, 3});
                zip.closeEntry();
            }
        }
        return artifact;
    }

    @Test
    void read_ofASecretsFile_returnsItsSecrets() throws IOException {
        Path file = Files.write(folder.resolve(SecretsFile.FILE_NAME), SECRETS.toJson());

        BakedSecretsSource.Baked baked = BakedSecretsSource.read(file);

        assertThat(baked.secrets()).isEqualTo(SECRETS);
        assertThat(baked.location()).isEqualTo(file.toString());
    }

    @Test
    void read_ofAJar_findsTheFileAtItsRoot() throws IOException {
        Path jar = zip("app.jar", "META-INF/MANIFEST.MF", SecretsFile.FILE_NAME, "app/Handler.class");

        BakedSecretsSource.Baked baked = BakedSecretsSource.read(jar);

        assertThat(baked.secrets()).isEqualTo(SECRETS);
        assertThat(baked.location()).isEqualTo(jar + "!/" + SecretsFile.FILE_NAME);
    }

    @Test
    void read_ofAZipWithTheFileInOneFolder_findsIt_whateverTheZipIsCalled() throws IOException {
        Path zip = zip("package.bin", "BOOT-INF/classes/" + SecretsFile.FILE_NAME, "BOOT-INF/lib/x.jar");

        assertThat(BakedSecretsSource.read(zip).location()).endsWith("!/BOOT-INF/classes/" + SecretsFile.FILE_NAME);
    }

    @Test
    void read_ofAnArtifactWithoutTheFile_saysSoAndAsksWhetherItWasCleanedUp() throws IOException {
        Path jar = zip("app.jar", "app/Handler.class");

        assertThatThrownBy(() -> BakedSecretsSource.read(jar)).isInstanceOf(StatusException.class)
                .hasMessageContaining("holds no " + SecretsFile.FILE_NAME).hasMessageContaining("cleaned up");
    }

    @Test
    void read_ofAnArtifactWithTwoFiles_namesBoth() throws IOException {
        Path jar = zip("app.jar", "a/" + SecretsFile.FILE_NAME, "b/" + SecretsFile.FILE_NAME);

        assertThatThrownBy(() -> BakedSecretsSource.read(jar)).isInstanceOf(StatusException.class)
                .hasMessageContaining("a/" + SecretsFile.FILE_NAME).hasMessageContaining("b/" + SecretsFile.FILE_NAME);
    }

    @Test
    void read_ofAMissingPath_namesIt() {
        Path missing = folder.resolve("nothing.json");

        assertThatThrownBy(() -> BakedSecretsSource.read(missing)).isInstanceOf(StatusException.class)
                .hasMessage("No file at " + missing + ".");
    }

    @Test
    void read_ofAFolder_isRefusedWithoutReadingIt() {
        assertThatThrownBy(() -> BakedSecretsSource.read(folder)).isInstanceOf(StatusException.class)
                .hasMessageContaining("Cannot read " + folder).hasMessageContaining("not a regular file");
    }

    @Test
    void read_ofAFileThatIsNeither_saysWhatItExpected() throws IOException {
        Path yaml = Files.writeString(folder.resolve("serverless.yml"), "service: app\n");

        assertThatThrownBy(() -> BakedSecretsSource.read(yaml)).isInstanceOf(StatusException.class)
                .hasMessageContaining("neither a secrets file nor a jar or zip");
    }
}
