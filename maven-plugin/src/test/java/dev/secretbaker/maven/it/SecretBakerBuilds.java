package dev.secretbaker.maven.it;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
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

    static String arn(LocalAws aws, String parameterName) {
        String name = parameterName.startsWith("/") ? parameterName.substring(1) : parameterName;
        return "arn:aws:ssm:" + aws.region() + ":" + aws.accountId() + ":parameter/" + name;
    }
}
