package dev.secretbaker.core;

import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.format.SecretsFileFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes and removes the secrets file on disk.
 *
 * <p>Writing is all-or-nothing: the bytes go to a temporary file in the target's own folder, are flushed to
 * the disk, and the temporary file is renamed over the target in one atomic step, so a reader (or a packaging
 * step) sees the old file or the new one, never a part. Missing parent folders are created, since the target
 * is often inside a build output folder that does not exist yet. A target that is a folder is refused. The
 * file is made readable by everyone ({@code rw-r--r--}) because Lambda runs the function as a different user
 * than the one that built the package, and a ciphertext is not a secret without the KMS key.
 */
public final class SecretsFileOutput {

    private static final String TEMP_SUFFIX = ".tmp";

    private SecretsFileOutput() {
    }

    /**
     * Writes the file atomically.
     *
     * @param target  where to write it
     * @param content what to write
     * @return the absolute path written
     * @throws OutputFileException if the target is a folder or an existing file that is not a secrets file, a
     *                             parent is not a folder, or the disk refuses; the target is then unchanged and
     *                             no temporary file is left behind
     */
    public static Path write(Path target, SecretsFile content) {
        return write(target, content.toJson());
    }

    static Path write(Path target, byte[] bytes) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new OutputFileException(file, file + " is a folder; give the path of the secrets file to write, e.g. "
                    + file.resolve(SecretsFile.FILE_NAME) + ".", null);
        }
        requireRegularFileOrNothing(file, "it was not replaced.");
        requireSecretsFileOrNothing(file, "it was not replaced.");
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new OutputFileException(file, "Cannot create the folder for " + file + ": " + e.getFile()
                    + " exists and is not a folder.", e);
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot create the folder " + folder + ": " + describe(e), e);
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, tempPrefix(file) + ProcessHandle.current().pid() + ".", TEMP_SUFFIX);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            makeWorldReadable(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncFolder(folder);
            removeStaleTempFiles(file);
            return file;
        } catch (AtomicMoveNotSupportedException e) {
            throw new OutputFileException(file, "The file system of " + folder + " cannot replace a file atomically;"
                    + " write the secrets file to a local folder instead.", e);
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot write " + file + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; that is the error to report.
                }
            }
        }
    }

    /**
     * Removes a secrets file, and any temporary file an interrupted write left beside it.
     *
     * @param target the secrets file
     * @return true if the file existed
     * @throws OutputFileException if the path is a folder or holds something other than a secrets file (so
     *                             that a mistyped path never deletes another file)
     */
    public static boolean delete(Path target) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputFileException(file, file + " is a folder, not a secrets file; nothing was removed.", null);
        }
        removeStaleTempFiles(file);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        requireRegularFileOrNothing(file, "it was left in place.");
        requireSecretsFileOrNothing(file, "it was left in place.");
        try {
            Files.delete(file);
            return true;
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot remove " + file + ": " + describe(e), e);
        }
    }

    /**
     * Refuses to replace or remove a symbolic link, a FIFO, a device or a socket: replacing a link would write
     * somewhere the path does not say (or lose the link), and a device node such as {@code /dev/null} is not
     * ours to replace, whoever runs the bake.
     */
    private static void requireRegularFileOrNothing(Path file, String consequence) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String kind = Files.isSymbolicLink(file) ? "a symbolic link" : "a device, a pipe or a socket";
        throw new OutputFileException(file, file + " is " + kind + ", not a regular file; " + consequence
                + " Give the path of a regular file, or of one that does not exist yet.", null);
    }

    /**
     * Refuses to replace or remove a regular file that is not a secrets file, so that a mistyped path (a
     * pom.xml, a source file) never costs the user that file.
     */
    private static void requireSecretsFileOrNothing(Path file, String consequence) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            SecretsFile.read(file);
        } catch (SecretsFileFormatException e) {
            throw new OutputFileException(file, file + " is not a secrets file (" + e.getMessage() + "); "
                    + consequence + " Check the path.", e);
        } catch (IOException e) {
            throw new OutputFileException(file, "Cannot read " + file + ": " + describe(e), e);
        }
    }

    private static String tempPrefix(Path file) {
        return "." + file.getFileName() + ".";
    }

    /**
     * Removes temporary files that a write of this file left behind when its process was killed (they hold complete
     * ciphertexts). A temporary file is named {@code .NAME.PID.RANDOM.tmp}; one whose process still runs, this one
     * included, may be another bake's write in progress and is kept. A name without a process id comes from an
     * older version and is stale.
     */
    private static void removeStaleTempFiles(Path file) {
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        String prefix = tempPrefix(file);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, prefix + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                String middle = leftover.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - TEMP_SUFFIX.length());
                if (!writtenByALiveProcess(middle)) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException ignored) {
            // Best effort: the secrets file itself is what matters; the next bake or clean tries again.
        }
    }

    private static boolean writtenByALiveProcess(String pidAndRandom) {
        int dot = pidAndRandom.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pidAndRandom.substring(0, dot))).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void makeWorldReadable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, so this is best effort. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
