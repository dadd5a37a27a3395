package dev.secretbaker.maven.it;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/** What the integration tests share: the emulator's seed, how a build reaches it, and how to read what it baked. */
final class SecretBakerBuilds {

    /** The emulator's content: see the file for the keys, parameters and principals. */
    static final Path SEED = Path.of("src/test/resources/it-seed.yaml");
    static final String KEY_ALIAS = "alias/hello-lambda";

    private SecretBakerBuilds() {
    }

    /** A build of the project as the deployer principal, with the emulator as Parameter Store. */
    static MavenBuild asDeployer(LocalAws aws, Path project) {
        LocalPrincipal deployer = aws.principal("deployer");
        return MavenBuild.in(project)
                .env("AWS_ACCESS_KEY_ID", deployer.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey())
                .env("AWS_REGION", aws.region())
                .args("-Dsecret-baker.endpointUrl=" + aws.endpoint());
    }

    /** Decrypts one baked secret as the function's role would: KMS with the parameter ARN as context. */
    static String decryptAsFunction(LocalAws aws, BakedSecret secret) {
        try (KmsClient kms = LocalAwsClients.kms(aws, "function")) {
            return kms.decrypt(r -> r
                            .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                            .encryptionContext(Map.of("PARAMETER_ARN", secret.arn())))
                    .plaintext().asUtf8String();
        }
    }

    static SecretsFile readFromJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry(SecretsFile.FILE_NAME);
            if (entry == null) {
                throw new AssertionError(jar + " has no " + SecretsFile.FILE_NAME + " at its root");
            }
            try (var in = zip.getInputStream(entry)) {
                return SecretsFile.read(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails if any file the build wrote (its {@code target/}, any entry of a jar there, its logs) holds the text:
     * a plaintext value must never reach the build's output.
     */
    static void assertNowhereIn(Path project, String plaintext) {
        byte[] needle = plaintext.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Stream.concat(Files.walk(project.resolve("target")),
                Stream.of(project.resolve("build.log"), project.resolve("build-online.log")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    throw new AssertionError(file + " holds a plaintext secret value");
                }
                if (file.toString().endsWith(".jar")) {
                    try (ZipFile zip = new ZipFile(file.toFile())) {
                        for (ZipEntry entry : zip.stream().toList()) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                if (contains(in.readAllBytes(), needle)) {
                                    throw new AssertionError(file + "!/" + entry.getName() + " holds a plaintext secret value");
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String arn(LocalAws aws, String parameterName) {
        String name = parameterName.startsWith("/") ? parameterName.substring(1) : parameterName;
        return "arn:aws:ssm:" + aws.region() + ":" + aws.accountId() + ":parameter/" + name;
    }
}
