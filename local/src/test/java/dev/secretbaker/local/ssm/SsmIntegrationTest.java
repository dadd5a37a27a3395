package dev.secretbaker.local.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.kmssdkv2.KmsMasterKeyProvider;
import dev.secretbaker.local.AsPrincipal;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Parameter Store through the real AWS SDK v2 clients, signed, on loopback, with KMS behind it. */
class SsmIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create(b -> b
            .principal(LocalPrincipal.create("baker", List.of("ssm:GetParameter*", "ssm:DescribeParameters"),
                    List.of("*")))
            .principal(LocalPrincipal.create("function", List.of("kms:Decrypt"), List.of("*")))
            .principal(LocalPrincipal.create("app-reader", List.of("ssm:GetParameter"),
                    List.of("arn:aws:ssm:us-east-1:111122223333:parameter/app/*"))));

    private static final String ARN_PREFIX = "arn:aws:ssm:us-east-1:111122223333:parameter";

    private static String newKey(KmsClient kms) {
        return kms.createKey(b -> b.description("parameters")).keyMetadata().arn();
    }

    private static Map<String, String> context(String arn) {
        return Map.of("PARAMETER_ARN", arn);
    }

    @Test
    void customerKey_ciphertextReadWithoutDecryption_decryptsWithKmsUnderTheParameterArn(SsmClient ssm,
            @AsPrincipal("baker") SsmClient baker, @AsPrincipal("function") KmsClient function, KmsClient kms) {
        String keyArn = newKey(kms);
        ssm.putParameter(b -> b.name("/it/cmk/db-password").value("pa55word").type(ParameterType.SECURE_STRING)
                .keyId(keyArn));

        Parameter parameter = baker.getParameter(b -> b.name("/it/cmk/db-password").withDecryption(false)).parameter();
        SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(parameter.value()));
        var decrypted = function.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(context(parameter.arn())));

        assertThat(parameter.arn()).isEqualTo(ARN_PREFIX + "/it/cmk/db-password");
        assertThat(parameter.value()).doesNotContain("pa55word");
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("pa55word");
        assertThat(decrypted.keyId()).isEqualTo(keyArn);
        assertThatThrownBy(() -> function.decrypt(b -> b.ciphertextBlob(blob)
                .encryptionContext(context(ARN_PREFIX + "/it/cmk/other"))))
                .isInstanceOf(InvalidCiphertextException.class);
        byte[] flipped = blob.asByteArray();
        flipped[flipped.length / 2] ^= 0x01;
        assertThatThrownBy(() -> function.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(flipped))
                .encryptionContext(context(parameter.arn()))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void awsManagedKey_decryptsThroughSsmButNotThroughDirectDecrypt(SsmClient ssm, KmsClient kms) {
        ssm.putParameter(b -> b.name("/it/managed/token").value("tok").type(ParameterType.SECURE_STRING));

        Parameter plain = ssm.getParameter(b -> b.name("/it/managed/token").withDecryption(true)).parameter();
        Parameter cipher = ssm.getParameter(b -> b.name("/it/managed/token")).parameter();
        var metadata = ssm.describeParameters(b -> b.parameterFilters(f -> f.key("Name").values("/it/managed/token")))
                .parameters();

        assertThat(plain.value()).isEqualTo("tok");
        assertThat(metadata).singleElement().satisfies(m -> assertThat(m.keyId()).isEqualTo("alias/aws/ssm"));
        SdkBytes blob = SdkBytes.fromByteArray(Base64.getDecoder().decode(cipher.value()));
        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(context(cipher.arn()))))
                .isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void getParameters_withElevenNames_failsAsAwsFails(SsmClient ssm) {
        List<String> names = IntStream.rangeClosed(1, 11).mapToObj(i -> "/it/many/p" + i).toList();

        assertThatThrownBy(() -> ssm.getParameters(b -> b.names(names)))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '["
                            + String.join(", ", names) + "]' at 'names' failed to satisfy constraint: Member must"
                            + " have length less than or equal to 10");
                });
    }

    @Test
    void selectorsHistoryAndLabels_behaveAsDocumented(SsmClient ssm) {
        String name = "/it/versions/url";
        for (String value : List.of("v1", "v2", "v3")) {
            ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(true));
        }
        ssm.labelParameterVersion(b -> b.name(name).parameterVersion(1L).labels("prod"));
        ssm.labelParameterVersion(b -> b.name(name).parameterVersion(2L).labels("prod", "qa"));

        GetParametersResponse got = ssm.getParameters(b -> b.names(name + ":prod", name + ":1", name + ":9",
                ARN_PREFIX + name, "/it/versions/missing"));
        List<ParameterHistory> history = ssm.getParameterHistory(b -> b.name(name).maxResults(2)).parameters();
        List<ParameterHistory> all = ssm.getParameterHistoryPaginator(b -> b.name(name).maxResults(1)).stream()
                .flatMap(page -> page.parameters().stream()).toList();

        assertThat(got.parameters()).extracting(Parameter::value, Parameter::selector)
                .containsExactlyInAnyOrder(tuple("v2", ":prod"),
                        tuple("v1", ":1"),
                        tuple("v3", null));
        assertThat(got.invalidParameters()).containsExactly(name + ":9", "/it/versions/missing");
        assertThat(history).extracting(ParameterHistory::version).containsExactly(1L, 2L);
        assertThat(all).extracting(ParameterHistory::version).containsExactly(1L, 2L, 3L);
        assertThat(all.get(0).labels()).isEmpty();
        assertThat(all.get(1).labels()).containsExactly("prod", "qa");
        assertThat(all.get(2).lastModifiedUser()).isEqualTo("arn:aws:iam::111122223333:user/admin");
        assertThatThrownBy(() -> ssm.getParameter(b -> b.name(name + ":9")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        assertThatThrownBy(() -> ssm.getParameter(b -> b.name(name + ":nolabel")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void advancedTier_isAnEncryptionSdkMessageThatTheEncryptionSdkDecryptsWithKms(SsmClient ssm, KmsClient kms,
            @AsPrincipal("function") KmsClient function) {
        String keyArn = newKey(kms);
        ssm.putParameter(b -> b.name("/it/advanced/cert").value("-----BEGIN CERT-----").type(ParameterType.SECURE_STRING)
                .keyId(keyArn).tier(ParameterTier.ADVANCED));

        Parameter parameter = ssm.getParameter(b -> b.name("/it/advanced/cert")).parameter();
        byte[] message = Base64.getDecoder().decode(parameter.value());
        KmsMasterKeyProvider provider = KmsMasterKeyProvider.builder()
                .customRegionalClientSupplier(region -> function)
                .buildStrict(keyArn);
        var decrypted = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptAllowDecrypt).build()
                .decryptData(provider, message);

        assertThat(new ParsedCiphertext(message).getEncryptionContextMap())
                .containsEntry("PARAMETER_ARN", parameter.arn());
        assertThat(decrypted.getEncryptionContext()).containsEntry("PARAMETER_ARN", parameter.arn());
        assertThat(new String(decrypted.getResult(), StandardCharsets.UTF_8)).isEqualTo("-----BEGIN CERT-----");
        assertThat(ssm.getParameter(b -> b.name("/it/advanced/cert").withDecryption(true)).parameter().value())
                .isEqualTo("-----BEGIN CERT-----");
    }

    @Test
    void withDecryption_needsKmsDecryptOnTheCustomerKey_andTheAuditTrailShowsTheFlag(LocalAws emulator,
            SsmClient ssm, KmsClient kms, @AsPrincipal("baker") SsmClient baker) {
        String keyArn = newKey(kms);
        ssm.putParameter(b -> b.name("/it/audit/secret").value("x").type(ParameterType.SECURE_STRING).keyId(keyArn));
        emulator.audit().clear();

        baker.getParameter(b -> b.name("/it/audit/secret").withDecryption(false));
        assertThatThrownBy(() -> baker.getParameter(b -> b.name("/it/audit/secret").withDecryption(true)))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("kms:Decrypt").contains(keyArn);
                });

        List<AuditEvent> reads = emulator.audit().eventsOf("GetParameter");
        assertThat(reads).extracting(AuditEvent::principal).containsOnly("baker");
        assertThat(reads).extracting(AuditEvent::withDecryption).containsExactly(false, true);
        assertThat(reads).extracting(AuditEvent::outcome).containsExactly(AuditEvent.OK, "AccessDeniedException");
        assertThat(reads.get(1).resources()).contains(ARN_PREFIX + "/it/audit/secret", keyArn);
    }

    @Test
    void principalsAreCheckedPerParameterArn(SsmClient ssm, @AsPrincipal("app-reader") SsmClient reader) {
        ssm.putParameter(b -> b.name("/app/it/allowed").value("a").type(ParameterType.STRING));
        ssm.putParameter(b -> b.name("/other/it/denied").value("d").type(ParameterType.STRING));

        assertThat(reader.getParameter(b -> b.name("/app/it/allowed")).parameter().value()).isEqualTo("a");
        assertThatThrownBy(() -> reader.getParameter(b -> b.name("/other/it/denied")))
                .isInstanceOfSatisfying(SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> reader.getParameters(b -> b.names("/app/it/allowed")))
                .isInstanceOfSatisfying(SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("ssm:GetParameters"));
    }

    @Test
    void disabledOrUnknownKey_isInvalidKeyIdQuotingKms(SsmClient ssm, KmsClient kms) {
        String keyArn = newKey(kms);
        kms.disableKey(b -> b.keyId(keyArn));

        assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/it/keys/disabled").value("v")
                .type(ParameterType.SECURE_STRING).keyId(keyArn)))
                .isInstanceOf(InvalidKeyIdException.class)
                .hasMessageContaining("Error Code: DisabledException");
        assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/it/keys/unknown").value("v")
                .type(ParameterType.SECURE_STRING).keyId("alias/does-not-exist")))
                .isInstanceOf(InvalidKeyIdException.class)
                .hasMessageContaining("Error Code: NotFoundException");
        assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/it/keys/string").value("v")
                .type(ParameterType.STRING).keyId(keyArn)))
                .isInstanceOfSatisfying(SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void restartOnTheSameStateFile_keepsVersionsLabelsAndDecryptableCiphertexts(@TempDir Path dir) {
        Path stateFile = dir.resolve("state.json");
        String ciphertext;
        String keyArn;
        try (LocalAws first = LocalAws.builder().stateFile(stateFile).build().start();
                SsmClient ssm = LocalAwsClients.ssm(first);
                KmsClient kms = LocalAwsClients.kms(first)) {
            keyArn = newKey(kms);
            String key = keyArn;
            ssm.putParameter(b -> b.name("/it/state/s").value("one").type(ParameterType.SECURE_STRING).keyId(key));
            ssm.putParameter(b -> b.name("/it/state/s").value("two").overwrite(true).tier(ParameterTier.ADVANCED));
            ssm.labelParameterVersion(b -> b.name("/it/state/s").parameterVersion(1L).labels("first"));
            ciphertext = ssm.getParameter(b -> b.name("/it/state/s:first")).parameter().value();
        }

        try (LocalAws second = LocalAws.builder().stateFile(stateFile).build().start();
                SsmClient ssm = LocalAwsClients.ssm(second);
                KmsClient kms = LocalAwsClients.kms(second)) {
            Parameter first = ssm.getParameter(b -> b.name("/it/state/s:first")).parameter();
            var decrypted = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(
                    Base64.getDecoder().decode(first.value()))).encryptionContext(context(first.arn())));

            assertThat(first.value()).isEqualTo(ciphertext);
            assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("one");
            assertThat(decrypted.keyId()).isEqualTo(keyArn);
            assertThat(ssm.getParameter(b -> b.name("/it/state/s").withDecryption(true)).parameter().value())
                    .isEqualTo("two");
            assertThat(ssm.getParameterHistory(b -> b.name("/it/state/s")).parameters())
                    .extracting(ParameterHistory::tier).containsExactly(ParameterTier.STANDARD, ParameterTier.ADVANCED);
            assertThat(ssm.putParameter(b -> b.name("/it/state/s").value("three").overwrite(true)).version())
                    .isEqualTo(3);
        }
    }
}
