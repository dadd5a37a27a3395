package dev.secretbaker.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks for canaries, in each of their {@linkplain Canary#forms() forms}, in files, folders, archives (zip and
 * jar entries, nested archives, gzip) and captured text, and counts what it looked at.
 */
final class CanaryScanner {

    /** Where a canary was found, in which encoding. */
    record Hit(String where, String canary, String encoding) {
        @Override
        public String toString() {
            return canary + " in " + where + " (" + encoding + ")";
        }
    }

    private final List<Canary> canaries;
    private final List<Hit> hits = new ArrayList<>();
    private long itemsScanned;
    private long bytesScanned;

    CanaryScanner(List<Canary> canaries) {
        this.canaries = List.copyOf(canaries);
    }

    /** Every regular file under {@code root} (or {@code root} itself), archives opened. */
    CanaryScanner scanPath(Path root) {
        if (!Files.exists(root)) {
            return this;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                scanBytes(file.toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Text captured from a stream or a log; {@code where} names it in a hit. */
    CanaryScanner scanText(String where, String text) {
        return scanBytes(where, text.getBytes(StandardCharsets.UTF_8));
    }

    CanaryScanner scanBytes(String where, byte[] content) {
        itemsScanned++;
        bytesScanned += content.length;
        for (Canary canary : canaries) {
            for (Map.Entry<String, byte[]> form : canary.forms().entrySet()) {
                if (indexOf(content, form.getValue()) >= 0) {
                    hits.add(new Hit(where, canary.label(), form.getKey()));
                }
            }
        }
        if (isZip(content)) {
            scanZip(where, content);
        } else if (isGzip(content)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                scanBytes(where + "!/(gunzipped)", in.readAllBytes());
            } catch (IOException e) {
                throw new AssertionError(where + " looks gzipped but cannot be read: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /**
     * Reads the archive through its central directory (a temp copy and {@link ZipFile}): streaming readers
     * refuse stored entries with data descriptors, which the Serverless Framework's archiver writes.
     */
    private void scanZip(String where, byte[] content) {
        Path copy = null;
        try {
            copy = Files.createTempFile("canary-scan", ".zip");
            Files.write(copy, content);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    if (!entry.isDirectory()) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            scanBytes(where + "!/" + entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(where + " looks like a zip archive but cannot be read: " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** Files, archive entries and texts looked at. */
    long itemsScanned() {
        return itemsScanned;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    /** Fails naming each place and encoding in which a canary was found. */
    void assertNoHits() {
        if (!hits.isEmpty()) {
            StringBuilder message = new StringBuilder("A plaintext canary leaked, " + hits.size() + " hit(s):");
            hits.forEach(hit -> message.append("\n  ").append(hit));
            throw new AssertionError(message.toString());
        }
    }

    private static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    private static boolean isGzip(byte[] content) {
        return content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
