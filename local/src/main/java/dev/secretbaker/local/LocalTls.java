package dev.secretbaker.local;

import dev.secretbaker.local.internal.tls.CertificateAuthority;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How clients trust an emulator that serves HTTPS ({@link LocalAws.Builder#tls()}): its root certificate as a PEM
 * file for {@code AWS_CA_BUNDLE} (the AWS CLI, boto3, the JavaScript SDK), a JKS truststore holding that
 * root and the JDK's own trusted roots for a JVM ({@code -Djavax.net.ssl.trustStore}, so that Maven and other
 * HTTPS in the same JVM keep working), and trust managers for an SDK client built in the same process.
 * Certificate verification stays on: a client that trusts none of these fails the handshake.
 */
public final class LocalTls {

    /** The truststore's password, as the JDK's own {@code cacerts}: a truststore holds no secret. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    /**
     * The truststore's format: JKS, as the JDK's own {@code cacerts}, so that a JVM loads it at the same cost. A
     * PKCS #12 store with a password encrypts its certificates (PBKDF2, 10,000 iterations), which doubled the load
     * in a JVM started with Lambda's flags (about 440 ms against 220 ms).
     */
    public static final String TRUST_STORE_TYPE = "JKS";
    static final String CA_ALIAS = "secret-baker-local-ca";

    private final X509Certificate caCertificate;
    private final SSLContext serverContext;
    private final Path caBundle;
    private final Path trustStore;
    private final Path temporaryFolder;

    private LocalTls(X509Certificate caCertificate, SSLContext serverContext, Path caBundle, Path trustStore,
            Path temporaryFolder) {
        this.caCertificate = caCertificate;
        this.serverContext = serverContext;
        this.caBundle = caBundle;
        this.trustStore = trustStore;
        this.temporaryFolder = temporaryFolder;
    }

    /**
     * Issues the server certificate for {@code host} (and always {@code localhost}, {@code 127.0.0.1},
     * {@code ::1}) and writes the PEM and the truststore: beside the state file when there is one
     * ({@code <state>-ca.pem}, {@code <state>-truststore.jks}), otherwise in a temporary folder removed by
     * {@link #deleteTemporaryFiles()}.
     */
    static LocalTls create(CertificateAuthority authority, String host, Path stateFile, Instant now) {
        List<String> dnsNames = new ArrayList<>(List.of("localhost"));
        List<String> ipAddresses = new ArrayList<>(List.of("127.0.0.1", "::1"));
        addHost(host, dnsNames, ipAddresses);
        CertificateAuthority.ServerIdentity identity = authority.issueServerCertificate(dnsNames, ipAddresses, now);
        Path temporaryFolder = null;
        try {
            Path caBundle;
            Path trustStore;
            if (stateFile != null) {
                Path absolute = stateFile.toAbsolutePath();
                String stem = absolute.getFileName().toString().replaceFirst("\\.json$", "");
                caBundle = absolute.resolveSibling(stem + "-ca.pem");
                trustStore = absolute.resolveSibling(stem + "-truststore.jks");
            } else {
                temporaryFolder = Files.createTempDirectory("secret-baker-local-tls");
                caBundle = temporaryFolder.resolve("ca.pem");
                trustStore = temporaryFolder.resolve("truststore.jks");
            }
            writeAtomically(caBundle, pem(authority.certificate()));
            writeAtomically(trustStore, trustStoreBytes(authority.certificate()));
            return new LocalTls(authority.certificate(), serverContext(identity), caBundle, trustStore, temporaryFolder);
        } catch (IOException e) {
            deleteRecursively(temporaryFolder);
            throw new UncheckedIOException("Cannot write the emulator's CA files: " + e.getMessage(), e);
        }
    }

    /** The emulator's root certificate. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The PEM file of the root, for {@code AWS_CA_BUNDLE} or the AWS CLI's {@code --ca-bundle}. */
    public Path caBundle() {
        return caBundle;
    }

    /** A JKS truststore: the emulator's root plus the JDK's trusted roots. Password {@value #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return trustStore;
    }

    /** The JVM options that make a JVM's default HTTPS trust the emulator (and still every public CA). */
    public String javaOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD
                + " -Djavax.net.ssl.trustStoreType=" + TRUST_STORE_TYPE;
    }

    /** Trust managers that trust the emulator's root only, e.g. for an SDK HTTP client's {@code tlsTrustManagersProvider}. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(CA_ALIAS, caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts the emulator's root only (verification on, hostnames checked by the client). */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext serverContext() {
        return serverContext;
    }

    void deleteTemporaryFiles() {
        deleteRecursively(temporaryFolder);
    }

    @Override
    public String toString() {
        return "LocalTls[caBundle=" + caBundle + ", trustStore=" + trustStore + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void addHost(String host, List<String> dnsNames, List<String> ipAddresses) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("0.0.0.0") || bare.equals("::") || dnsNames.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        if (bare.matches("[0-9.]+") || bare.contains(":")) {
            try {
                String normalised = InetAddress.getByName(bare).getHostAddress();
                if (!ipAddresses.contains(normalised) && !normalised.equals("0:0:0:0:0:0:0:1")) {
                    ipAddresses.add(normalised);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an IP address: '" + host + "'", e);
            }
        } else {
            dnsNames.add(bare);
        }
    }

    private static SSLContext serverContext(CertificateAuthority.ServerIdentity identity) {
        try {
            char[] password = "local".toCharArray(); // in memory only
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.privateKey(), password,
                    identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up the emulator's TLS: " + e.getMessage(), e);
        }
    }

    private static byte[] trustStoreBytes(X509Certificate ca) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(TRUST_STORE_TYPE);
            store.load(null, null);
            store.setCertificateEntry(CA_ALIAS, ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null); // the JVM's own roots (cacerts, or what javax.net.ssl.trustStore names)
            int n = 0;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + (n++), root);
                    }
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the truststore: " + e.getMessage(), e);
        }
    }

    static byte[] pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(bytes);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a temporary folder; the OS cleans it eventually
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
