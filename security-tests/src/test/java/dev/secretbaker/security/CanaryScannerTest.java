package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canary search can fail: a canary planted in a copy of build output is found, in each encoding. */
class CanaryScannerTest {

    private final Canary canary = Canary.create("planted");

    @TempDir
    Path folder;

    @Test
    void aCleanFolder_hasNoHits() throws Exception {
        Files.writeString(folder.resolve("secret-baker-secrets.json"), "{\"A\":{\"ciphertext\":\"AQID\",\"arn\":\"x\"}}");
        CanaryScanner scanner = new CanaryScanner(List.of(canary)).scanPath(folder);
        assertThat(scanner.hits()).isEmpty();
        scanner.assertNoHits();
    }

    @Test
    void aPlainCanaryInAFile_isFound_namingTheFile() throws Exception {
        Files.writeString(folder.resolve("build.log"), "[INFO] value=" + canary.value() + "\n");
        assertThatThrownBy(() -> new CanaryScanner(List.of(canary)).scanPath(folder).assertNoHits())
                .hasMessageContaining("build.log").hasMessageContaining("(plain)");
    }

    @Test
    void aBase64CanaryInsideLongerText_isFound_atEachAlignment() {
        for (int before = 0; before < 3; before++) {
            byte[] text = ("x".repeat(before) + "{\"v\":\"" + canary.value() + "\"}").getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().encodeToString(text);
            String urlSafe = Base64.getUrlEncoder().encodeToString(text);
            assertThat(new CanaryScanner(List.of(canary)).scanText("standard", standard).hits())
                    .as("before=" + before).extracting(CanaryScanner.Hit::encoding).anyMatch(e -> e.startsWith("base64 "));
            assertThat(new CanaryScanner(List.of(canary)).scanText("url-safe", urlSafe).hits())
                    .as("before=" + before).extracting(CanaryScanner.Hit::encoding).anyMatch(e -> e.startsWith("base64url"));
        }
    }

    @Test
    void aUrlEncodedCanary_isFound() {
        String query = "Name=x&Value=" + URLEncoder.encode(canary.value(), StandardCharsets.UTF_8);
        assertThat(new CanaryScanner(List.of(canary)).scanText("request", query).hits())
                .extracting(CanaryScanner.Hit::encoding).contains("URL-encoded");
    }

    @Test
    void aCanaryInsideANestedJarAndAGzip_isFound_namingTheEntry() throws Exception {
        byte[] inner = zip("config/secret.properties", ("secret=" + canary.value()).getBytes(StandardCharsets.UTF_8));
        Files.write(folder.resolve("function.zip"), zip("lib/inner.jar", inner));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(canary.value().getBytes(StandardCharsets.UTF_8));
        }
        Files.write(folder.resolve("log.gz"), gz.toByteArray());

        List<CanaryScanner.Hit> hits = new CanaryScanner(List.of(canary)).scanPath(folder).hits();

        assertThat(hits).extracting(CanaryScanner.Hit::where).anyMatch(w ->
                w.endsWith("function.zip!/lib/inner.jar!/config/secret.properties"));
        assertThat(hits).extracting(CanaryScanner.Hit::where).anyMatch(w -> w.endsWith("log.gz!/(gunzipped)"));
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
