package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The path secret-baker depends on, across both services: SSM hands out a SecureString's ciphertext without
 * decrypting it, and KMS decrypts it under {@code {"PARAMETER_ARN": arn}} for a principal allowed kms:Decrypt.
 */
class BakedCiphertextIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    @Test
    void aCustomerManagedSecureString_readWithoutDecryption_decryptsWithKmsUnderItsArn(LocalAws emulator,
            SsmClient ssm, KmsClient kms) {
        String keyArn = kms.createKey(b -> b.description("baked")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/baked").targetKeyId(keyArn));
        ssm.putParameter(b -> b.name("/app/db-password").type(ParameterType.SECURE_STRING).keyId("alias/baked")
                .value("hunter2"));

        Parameter parameter = ssm.getParameter(b -> b.name("/app/db-password").withDecryption(false)).parameter();

        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/app/db-password");
        assertThat(parameter.value()).doesNotContain("hunter2");
        SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));
        var decrypted = kms.decrypt(b -> b.ciphertextBlob(blob)
                .encryptionContext(Map.of("PARAMETER_ARN", parameter.arn())));
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("hunter2");
        assertThat(decrypted.keyId()).isEqualTo(keyArn);
        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)
                .encryptionContext(Map.of("PARAMETER_ARN", parameter.arn() + "x"))))
                .isInstanceOf(InvalidCiphertextException.class);

        assertThat(emulator.audit().eventsOf("GetParameter")).last().satisfies(e -> {
            assertThat(e.principal()).isEqualTo("admin");
            assertThat(e.withDecryption()).isFalse();
            assertThat(e.outcome()).isEqualTo("OK");
        });
    }

    @Test
    void anAwsManagedKeySecureString_decryptsThroughSsm_butNotThroughADirectDecrypt(SsmClient ssm, KmsClient kms) {
        ssm.putParameter(b -> b.name("managed-secret").type(ParameterType.SECURE_STRING).value("only-via-ssm"));

        assertThat(ssm.getParameter(b -> b.name("managed-secret").withDecryption(true)).parameter().value())
                .isEqualTo("only-via-ssm");
        Parameter parameter = ssm.getParameter(b -> b.name("managed-secret")).parameter();
        SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));

        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)
                .encryptionContext(Map.of("PARAMETER_ARN", parameter.arn()))))
                .isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"))
                .hasMessageContaining("is not authorized to perform: kms:Decrypt");
    }

    @Test
    void aPrincipalAllowedOnlySsmReads_getsTheCiphertextButCannotDecryptIt(LocalAws emulator, SsmClient ssm,
            KmsClient kms) {
        String keyArn = kms.createKey(b -> b.description("deploy")).keyMetadata().arn();
        ssm.putParameter(b -> b.name("/deploy/token").type(ParameterType.SECURE_STRING).keyId(keyArn).value("t0k3n"));
        emulator.addPrincipal("builder", List.of("ssm:GetParameter", "ssm:GetParameters"), List.of("*"));

        try (SsmClient builderSsm = LocalAwsClients.ssm(emulator, "builder");
                KmsClient builderKms = LocalAwsClients.kms(emulator, "builder")) {
            Parameter parameter = builderSsm.getParameter(b -> b.name("/deploy/token")).parameter();
            SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));

            assertThatThrownBy(() -> builderSsm.getParameter(b -> b.name("/deploy/token").withDecryption(true)))
                    .hasMessageContaining("kms:Decrypt");
            assertThatThrownBy(() -> builderKms.decrypt(b -> b.ciphertextBlob(blob)
                    .encryptionContext(Map.of("PARAMETER_ARN", parameter.arn()))))
                    .hasMessageContaining("not authorized to perform: kms:Decrypt");
        }
        assertThat(emulator.audit().events("builder")).extracting(AuditEvent::withDecryption)
                .contains(false, true);
    }
}
