package dev.secretbaker.local.internal.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The emulator's state file: one JSON object with a member per {@link PersistentModel}. Written after every
 * change, atomically: the snapshot goes to a temporary file in the same folder, is forced to disk, and is
 * renamed over the old file, so that a reader (or a restart after a crash) sees either the old state or the
 * new one, never a mix or a torn file.
 *
 * <p>Consistency across models: operations that change state run under {@link #changeLock()}'s read side
 * (they may run together); a snapshot takes the write side, so it sees each change completely or not at all.
 * Writers coalesce: a change already covered by a later snapshot is not written again.
 */
public final class StateFile {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<PersistentModel> models;
    private final ReadWriteLock changeLock = new ReentrantReadWriteLock();
    private final AtomicLong changes = new AtomicLong();
    private final Object writeMonitor = new Object();
    private long written;

    public StateFile(Path file, List<PersistentModel> models) {
        this.file = file.toAbsolutePath();
        this.models = List.copyOf(models);
    }

    public Path path() {
        return file;
    }

    /** The lock changes run under (read side) and snapshots take (write side). */
    public ReadWriteLock changeLock() {
        return changeLock;
    }

    /**
     * Restores every model from the file when it exists, and removes temporary files a killed process left.
     *
     * @return whether a state was loaded
     * @throws StateFileException when the file exists but cannot be read as a state file
     */
    public boolean load() {
        removeStaleTemporaryFiles();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StateFileException("Cannot read the state file " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new StateFileException("The state file " + file + " is not valid JSON (" + e.getMessage()
                    + "); move it away to start from an empty state.", e);
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT_VERSION) {
            throw new StateFileException("The state file " + file + " is not a secret-baker local state file (format "
                    + FORMAT_VERSION + "); move it away to start from an empty state.", null);
        }
        for (PersistentModel model : models) {
            JsonNode member = root.get(model.stateKey());
            if (member != null) {
                try {
                    model.restore(member);
                } catch (RuntimeException e) {
                    throw new StateFileException("The " + model.stateKey() + " part of the state file " + file
                            + " cannot be restored: " + e.getMessage(), e);
                }
            }
        }
        return true;
    }

    /** Runs a change to the models under the change lock, then saves; returns the change's result. */
    public <T> T change(Supplier<T> change) {
        T result;
        changeLock.readLock().lock();
        try {
            result = change.get();
        } finally {
            changeLock.readLock().unlock();
        }
        changed();
        return result;
    }

    /** Saves the state after a change that has completed. Returns once a snapshot covering it is on disk. */
    public void changed() {
        long mine = changes.incrementAndGet();
        synchronized (writeMonitor) {
            if (written >= mine) {
                return;
            }
            save();
        }
    }

    /** Writes the current state now, whatever changed. */
    public void save() {
        synchronized (writeMonitor) {
            long covered;
            ObjectNode snapshot;
            changeLock.writeLock().lock();
            try {
                covered = changes.get();
                snapshot = snapshot();
            } finally {
                changeLock.writeLock().unlock();
            }
            write(snapshot);
            written = covered;
        }
    }

    private ObjectNode snapshot() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_VERSION);
        for (PersistentModel model : models) {
            root.set(model.stateKey(), model.snapshot());
        }
        return root;
    }

    private void write(ObjectNode snapshot) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Path folder = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, temporaryPrefix(), ".tmp");
            restrictToOwner(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + folder + " cannot rename atomically", e);
            }
            temporary = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the state file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // removed at the next start
                }
            }
        }
    }

    /** Key material is in the file: only its owner may read it. */
    private static void restrictToOwner(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder for that, which is fine. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private String temporaryPrefix() {
        return "." + file.getFileName() + ".";
    }

    private void removeStaleTemporaryFiles() {
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, temporaryPrefix() + "*.tmp")) {
            for (Path stale : stream) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            // harmless leftovers
        }
    }

    /** A state file that exists but cannot be used. */
    public static final class StateFileException extends RuntimeException {
        StateFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
