package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileReaderTest {

    @TempDir
    Path folder;

    @Test
    void read_ofASmallFile_returnsItsBytes() throws Exception {
        Path file = Files.write(folder.resolve("small"), new byte[] {1, 2, 3});

        assertThat(BoundedFileReader.read(file, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void read_ofASparseFileOfThreeGigabytes_isRefusedBeforeReading() throws Exception {
        Path file = sparseFile(3L << 30);

        assertThatThrownBy(() -> BoundedFileReader.read(file, 1024))
                .isInstanceOf(BoundedFileReader.TooLargeException.class)
                .hasMessageContaining(file + " is 3221225472 bytes long; at most 1024 bytes are accepted");
    }

    @Test
    void read_ofDevZero_isRefusedAsNotARegularFile() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.exists(zero)).isTrue();

        assertThatThrownBy(() -> BoundedFileReader.read(zero, 1024))
                .isInstanceOf(BoundedFileReader.NotRegularFileException.class)
                .hasMessage("/dev/zero is a device, a pipe or a socket, not a regular file");
    }

    @Test
    void read_ofAFifo_isRefusedWithoutBlocking() throws Exception {
        Path fifo = folder.resolve("fifo");
        assumeThat(mkfifo(fifo)).isTrue();

        assertThatThrownBy(() -> BoundedFileReader.read(fifo, 1024))
                .isInstanceOf(BoundedFileReader.NotRegularFileException.class);
    }

    @Test
    void read_ofAFolder_isRefused() {
        assertThatThrownBy(() -> BoundedFileReader.read(folder, 1024))
                .isInstanceOf(BoundedFileReader.NotRegularFileException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void read_ofAnEndlessStream_stopsOneBytePastTheLimit() {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                if (++served > 10_000) {
                    throw new AssertionError("read past the limit");
                }
                return 0;
            }
        };

        assertThatThrownBy(() -> BoundedFileReader.read(endless, 1024, "standard input"))
                .isInstanceOf(BoundedFileReader.TooLargeException.class)
                .hasMessage("standard input is larger than 1024 bytes; at most 1024 bytes are accepted");
    }

    @Test
    void read_ofAStreamAtTheLimit_returnsIt() throws Exception {
        assertThat(BoundedFileReader.read(new ByteArrayInputStream(new byte[1024]), 1024, "in")).hasSize(1024);
    }

    @Test
    void secretsFileRead_ofASparseFile_isAFormatErrorNotAnOutOfMemoryError() throws Exception {
        Path file = sparseFile(3L << 30);

        assertThatThrownBy(() -> SecretsFile.read(file))
                .isInstanceOf(SecretsFileFormatException.class)
                .hasMessageContaining("at most " + SecretsFile.MAX_BYTES + " bytes are accepted");
    }

    private Path sparseFile(long length) throws Exception {
        Path file = folder.resolve("sparse");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        return file;
    }

    static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
