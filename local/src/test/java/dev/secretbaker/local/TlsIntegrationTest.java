package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

class TlsIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create(LocalAws.Builder::tls);

    @Test
    void withTls_theEndpointIsHttpsAndTheInjectedSdkClientsTrustTheEmulatorsRoot(LocalAws emulator, KmsClient kms) {
        assertThat(emulator.endpoint().getScheme()).isEqualTo("https");
        assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");

        String keyArn = kms.createKey(b -> b.description("over TLS")).keyMetadata().arn();

        assertThat(keyArn).startsWith("arn:aws:kms:us-east-1:111122223333:key/");
        assertThat(emulator.audit().eventsOf("CreateKey")).hasSize(1);
    }

    @Test
    void anSdkClientWithTheJdksDefaultTrust_failsCertificateVerification(LocalAws emulator) {
        int before = emulator.audit().eventsOf("ListAliases").size();
        try (KmsClient untrusting = KmsClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(LocalAwsClients.credentials(emulator.defaultPrincipal()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            assertThatThrownBy(untrusting::listAliases).isInstanceOf(SdkClientException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("unable to find valid certification path");
        }
        assertThat(emulator.audit().eventsOf("ListAliases")).hasSize(before);
    }

    @Test
    void theServerCertificate_namesLocalhostAndTheLoopbackAddresses_andIsIssuedByTheRoot(LocalAws emulator)
            throws Exception {
        LocalTls tls = emulator.tls().orElseThrow();
        URI byName = URI.create("https://localhost:" + emulator.endpoint().getPort() + "/");
        HttpsURLConnection connection = (HttpsURLConnection) byName.toURL().openConnection();
        connection.setSSLSocketFactory(tls.clientContext().getSocketFactory());
        connection.getResponseCode(); // a GET is an unknown operation; the handshake is what is tested
        X509Certificate server = (X509Certificate) connection.getServerCertificates()[0];
        connection.disconnect();

        List<Object> names = new ArrayList<>();
        server.getSubjectAlternativeNames().forEach(name -> names.add(name.get(1)));
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(server.getIssuerX500Principal()).isEqualTo(tls.caCertificate().getSubjectX500Principal());
        server.verify(tls.caCertificate().getPublicKey());
        assertThat(tls.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void theCaBundle_isThePemOfTheRoot(LocalAws emulator) throws Exception {
        LocalTls tls = emulator.tls().orElseThrow();

        String pem = Files.readString(tls.caBundle(), StandardCharsets.US_ASCII);
        X509Certificate parsed;
        try (InputStream in = Files.newInputStream(tls.caBundle())) {
            parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(parsed).isEqualTo(tls.caCertificate());
    }

    @Test
    void theTrustStore_holdsTheRootAndTheJdksOwnRoots(LocalAws emulator) throws Exception {
        LocalTls tls = emulator.tls().orElseThrow();

        KeyStore store = KeyStore.getInstance("JKS"); // the format of the JDK's own cacerts, loaded at the same cost
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            store.load(in, LocalTls.TRUST_STORE_PASSWORD.toCharArray());
        }

        assertThat(store.getCertificate(LocalTls.CA_ALIAS)).isEqualTo(tls.caCertificate());
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases).hasSizeGreaterThan(20); // Debian's and Temurin's cacerts hold 100+ roots
        assertThat(tls.javaOptions()).contains("-Djavax.net.ssl.trustStore=" + tls.trustStore());
    }

    @Test
    void aJvmGivenTheTrustStore_verifiesTheEmulator_andOneWithoutIt_failsTheHandshake(LocalAws emulator)
            throws Exception {
        LocalTls tls = emulator.tls().orElseThrow();
        String url = emulator.endpoint() + "/";

        Result trusted = java(List.of("-Djavax.net.ssl.trustStore=" + tls.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + LocalTls.TRUST_STORE_PASSWORD), url);
        Result untrusted = java(List.of(), url);

        assertThat(trusted.output).as(trusted.output).contains("status=");
        assertThat(trusted.exitCode).isZero();
        assertThat(untrusted.exitCode).isNotZero();
        assertThat(untrusted.output).contains(SSLHandshakeException.class.getName());
    }

    @Test
    void theAwsCli_withAwsCaBundle_talksToTheEmulator_andWithoutIt_refusesTheCertificate(LocalAws emulator)
            throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI (Debian's awscli) is not installed");
        LocalTls tls = emulator.tls().orElseThrow();
        LocalPrincipal admin = emulator.defaultPrincipal();
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", admin.accessKeyId(), "AWS_SECRET_ACCESS_KEY", admin.secretAccessKey(),
                "AWS_DEFAULT_REGION", emulator.region(), "AWS_REGION", emulator.region());
        List<String> command = List.of("aws", "--endpoint-url", emulator.endpoint().toString(), "kms", "list-aliases",
                "--output", "text", "--query", "Aliases[].AliasName");

        Result trusted = run(command, with(env, "AWS_CA_BUNDLE", tls.caBundle().toString()));
        Result untrusted = run(command, env);

        assertThat(trusted.exitCode).as(trusted.output).isZero();
        assertThat(trusted.output).contains("alias/aws/ssm");
        assertThat(untrusted.exitCode).isNotZero();
        assertThat(untrusted.output).containsIgnoringCase("certificate verify failed");
    }

    @Test
    void aStateFile_keepsTheRoot_soClientsKeepTrustingTheEmulatorAcrossRestarts(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("state.json");
        X509Certificate first;
        try (LocalAws emulator = LocalAws.builder().stateFile(stateFile).tls().build().start()) {
            LocalTls tls = emulator.tls().orElseThrow();
            first = tls.caCertificate();
            assertThat(tls.caBundle()).isEqualTo(dir.resolve("state-ca.pem"));
            assertThat(tls.trustStore()).isEqualTo(dir.resolve("state-truststore.jks"));
        }
        try (LocalAws emulator = LocalAws.builder().stateFile(stateFile).tls().build().start();
                KmsClient kms = LocalAwsClients.kms(emulator)) {
            assertThat(emulator.tls().orElseThrow().caCertificate()).isEqualTo(first);
            assertThat(kms.listAliases().aliases()).isNotEmpty();
        }
        // A plain HTTP start keeps the root in the file, for the next start with TLS.
        try (LocalAws emulator = LocalAws.builder().stateFile(stateFile).build().start()) {
            assertThat(emulator.tls()).isEmpty();
            assertThat(emulator.endpoint().getScheme()).isEqualTo("http");
        }
        try (LocalAws emulator = LocalAws.builder().stateFile(stateFile).tls().build().start()) {
            assertThat(emulator.tls().orElseThrow().caCertificate()).isEqualTo(first);
        }
    }

    @Test
    void withoutAStateFile_eachEmulatorHasItsOwnRoot_andItsFilesGoWhenItStops() throws Exception {
        Path bundle;
        X509Certificate first;
        try (LocalAws emulator = LocalAws.builder().tls().build().start()) {
            bundle = emulator.tls().orElseThrow().caBundle();
            first = emulator.tls().orElseThrow().caCertificate();
            assertThat(bundle).exists();
        }
        assertThat(bundle).doesNotExist();
        try (LocalAws emulator = LocalAws.builder().tls().build().start();
                KmsClient trustingTheFirstRootOnly = KmsClient.builder().endpointOverride(emulator.endpoint())
                        .region(Region.of(emulator.region()))
                        .credentialsProvider(LocalAwsClients.credentials(emulator.defaultPrincipal()))
                        .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trusting(first)).build())
                        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                        .build()) {
            assertThat(emulator.tls().orElseThrow().caCertificate()).isNotEqualTo(first);
            assertThatThrownBy(trustingTheFirstRootOnly::listAliases).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Result(int exitCode, String output) {
    }

    private static javax.net.ssl.TrustManager[] trusting(X509Certificate root) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("root", root);
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return factory.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh JVM that opens the URL with the JDK's default HTTPS settings and prints the status or the failure. */
    private static Result java(List<String> options, String url) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(Path.of(TlsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        command.add(TlsProbe.class.getName());
        command.add(url);
        return run(command, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(key, value);
        return copy;
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
