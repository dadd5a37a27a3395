package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** SigV4 is verified on every request, and each principal gets only what its policy allows. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuthenticationIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    private static KmsClient kmsWith(LocalAws emulator, String accessKeyId, String secretAccessKey, String region) {
        return KmsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void aWrongSecretKey_isRejectedAsInvalidSignature(LocalAws emulator) {
        LocalPrincipal admin = emulator.principal("admin");
        try (KmsClient kms = kmsWith(emulator, admin.accessKeyId(), admin.secretAccessKey() + "x", emulator.region())) {
            assertThatThrownBy(kms::listAliases)
                    .isInstanceOf(KmsException.class)
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"))
                    .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(400))
                    .hasMessageContaining("The request signature we calculated does not match the signature you"
                            + " provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    @Test
    void anUnknownAccessKey_isRejectedAsUnrecognizedClient(LocalAws emulator) {
        try (KmsClient kms = kmsWith(emulator, "AKIAUNKNOWNUNKNOWN00", "secret", emulator.region())) {
            assertThatThrownBy(kms::listAliases)
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnrecognizedClientException"))
                    .hasMessageContaining("The security token included in the request is invalid.");
        }
    }

    @Test
    void credentialsScopedToAnotherRegion_areRejected_inAwsWords(LocalAws emulator) {
        LocalPrincipal admin = emulator.principal("admin");
        try (KmsClient kms = kmsWith(emulator, admin.accessKeyId(), admin.secretAccessKey(), "eu-west-1")) {
            // As AWS's JSON-protocol services answer it, to the trailing space.
            assertThatThrownBy(kms::listAliases)
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Credential should be scoped to a valid region. ");
                    });
        }
    }

    @Test
    void aTamperedBody_isRejectedAsInvalidSignature(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        byte[] body = "{\"KeyId\":\"alias/aws/ssm\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = raw.sign("kms", "TrentService.DescribeKey", body, emulator.principal("admin"));
        assertThat(raw.post(headers, body).status()).isEqualTo(200);

        byte[] tampered = "{\"KeyId\":\"alias/aws/ssn\"}".getBytes(StandardCharsets.UTF_8);
        RawClient.Response response = raw.post(headers, tampered);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"InvalidSignatureException\"");
    }

    @Test
    void aSignatureForAnotherService_isRejected(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        RawClient.Response response = raw.post(raw.sign("ssm", "TrentService.ListAliases", body,
                emulator.principal("admin")), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidSignatureException",
                "Credential should be scoped to correct service: 'kms'.");
    }

    @Test
    void aPrincipalWithoutKmsDecrypt_getsAccessDenied_wordedAsIam(LocalAws emulator) {
        emulator.addPrincipal("deployer", List.of("ssm:GetParameter", "ssm:GetParameters", "kms:Encrypt"),
                List.of("*"));
        try (KmsClient admin = LocalAwsClients.kms(emulator); KmsClient deployer = LocalAwsClients.kms(emulator,
                "deployer")) {
            String keyArn = admin.createKey(b -> b.description("k")).keyMetadata().arn();
            SdkBytes blob = deployer.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("v")))
                    .ciphertextBlob();

            assertThatThrownBy(() -> deployer.decrypt(b -> b.ciphertextBlob(blob)))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"))
                    .hasMessageContaining("User: arn:aws:iam::111122223333:user/deployer is not authorized to perform:"
                            + " kms:Decrypt on resource: " + keyArn + " because no identity-based policy allows the"
                            + " kms:Decrypt action");
        }
    }

    @Test
    void aPrincipalAllowedOneKey_decryptsWithItButNotWithAnother(LocalAws emulator) {
        try (KmsClient admin = LocalAwsClients.kms(emulator)) {
            String allowed = admin.createKey(b -> b.description("allowed")).keyMetadata().arn();
            String other = admin.createKey(b -> b.description("other")).keyMetadata().arn();
            emulator.addPrincipal("function", List.of("kms:Decrypt"), List.of(allowed));
            SdkBytes allowedBlob = admin.encrypt(b -> b.keyId(allowed).plaintext(SdkBytes.fromUtf8String("a")))
                    .ciphertextBlob();
            SdkBytes otherBlob = admin.encrypt(b -> b.keyId(other).plaintext(SdkBytes.fromUtf8String("b")))
                    .ciphertextBlob();

            try (KmsClient function = LocalAwsClients.kms(emulator, "function")) {
                assertThat(function.decrypt(b -> b.ciphertextBlob(allowedBlob)).plaintext().asUtf8String())
                        .isEqualTo("a");
                assertThatThrownBy(() -> function.decrypt(b -> b.ciphertextBlob(otherBlob)))
                        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
                assertThatThrownBy(() -> function.encrypt(b -> b.keyId(allowed)
                        .plaintext(SdkBytes.fromUtf8String("x"))))
                        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"))
                        .hasMessageContaining("kms:Encrypt");
            }
        }
    }
}
