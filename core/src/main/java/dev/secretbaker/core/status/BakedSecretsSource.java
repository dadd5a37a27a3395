package dev.secretbaker.core.status;

import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.format.SecretsFileFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads what was baked: a secrets file, or a deployment artifact (a jar or zip, such as a Lambda package)
 * that holds one — at its root, or in exactly one folder such as Spring Boot's {@code BOOT-INF/classes/}.
 */
public final class BakedSecretsSource {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private BakedSecretsSource() {
    }

    /** The baked secrets and where they were read, e.g. {@code target/app.jar!/secret-baker-secrets.json}. */
    public record Baked(SecretsFile secrets, String location) {
        /**
         * Checks that both are present.
         *
         * @param secrets  the baked secrets
         * @param location where they were read
         */
        public Baked {
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A secrets file, or an artifact holding one (told apart by the zip signature, whatever the file's name).
     *
     * @param path the secrets file, or a jar or zip that holds one at its root
     * @return the baked secrets and where they were read
     * @throws StatusException if the path is missing, unreadable, or holds no valid secrets file
     */
    public static Baked read(Path path) {
        Objects.requireNonNull(path, "path");
        if (isZip(path)) {
            return fromArtifact(path);
        }
        try {
            return new Baked(SecretsFile.read(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new StatusException("No file at " + path + ".", e);
        } catch (SecretsFileFormatException e) {
            throw new StatusException(path + " is neither a secrets file nor a jar or zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StatusException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isZip(Path path) {
        if (!Files.isRegularFile(path)) {
            return false; // a pipe or a device is not opened here: read() refuses it in its own words
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            return java.util.Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            return false; // read() reports the path's problem in its own words
        }
    }

    private static Baked fromArtifact(Path artifact) {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            ZipEntry entry = zip.getEntry(SecretsFile.FILE_NAME);
            if (entry == null) {
                List<String> nested = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry candidate = entries.nextElement();
                    if (!candidate.isDirectory() && candidate.getName().endsWith("/" + SecretsFile.FILE_NAME)) {
                        nested.add(candidate.getName());
                    }
                }
                if (nested.isEmpty()) {
                    throw new StatusException(artifact + " holds no " + SecretsFile.FILE_NAME + ": was it packaged"
                            + " after a bake, and with the file kept (not cleaned up) until then?");
                }
                if (nested.size() > 1) {
                    throw new StatusException(artifact + " holds " + nested.size() + " secrets files (" + String.join(", ", nested)
                            + "); extract the one the function reads and check that file instead.");
                }
                entry = zip.getEntry(nested.get(0));
            }
            byte[] json;
            try (InputStream in = zip.getInputStream(entry)) {
                json = in.readNBytes(SecretsFile.MAX_BYTES + 1);
            }
            String location = artifact + "!/" + entry.getName();
            if (json.length > SecretsFile.MAX_BYTES) {
                throw new StatusException(location + " is larger than " + SecretsFile.MAX_BYTES + " bytes: not a secrets file.");
            }
            return new Baked(SecretsFile.read(json), location);
        } catch (SecretsFileFormatException e) {
            throw new StatusException(artifact + " holds an invalid " + SecretsFile.FILE_NAME + ": " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new StatusException(artifact + " is not a readable jar or zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StatusException("Cannot read " + artifact + ": " + e.getMessage(), e);
        }
    }
}
