package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

class KmsIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    private static final Map<String, String> CONTEXT =
            Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:111122223333:parameter/app/db-password");

    private static String newKey(KmsClient kms) {
        return kms.createKey(b -> b.description("test key")).keyMetadata().arn();
    }

    private static SdkBytes encrypt(KmsClient kms, String keyId, String plaintext, Map<String, String> context) {
        return kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String(plaintext))
                .encryptionContext(context)).ciphertextBlob();
    }

    @Test
    void encryptThenDecrypt_withTheSameContext_returnsThePlaintextAndTheKeyArn(KmsClient kms) {
        String keyArn = newKey(kms);
        SdkBytes blob = encrypt(kms, keyArn, "s3cr3t", CONTEXT);

        var decrypted = kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT));

        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("s3cr3t");
        assertThat(decrypted.keyId()).isEqualTo(keyArn);
        assertThat(new String(blob.asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
    }

    @Test
    void decrypt_withAnotherContext_throwsInvalidCiphertext(KmsClient kms) {
        String keyArn = newKey(kms);
        SdkBytes blob = encrypt(kms, keyArn, "s3cr3t", CONTEXT);

        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)
                .encryptionContext(Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:111122223333:parameter/other"))))
                .isInstanceOf(InvalidCiphertextException.class)
                .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_ofContextsThatOnlyConcatenateAlike_throwsInvalidCiphertext(KmsClient kms) {
        String keyArn = newKey(kms);
        SdkBytes blob = encrypt(kms, keyArn, "value", Map.of("ab", "c"));

        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("a", "bc"))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_withAnyByteFlipped_throwsInvalidCiphertext(KmsClient kms) {
        String keyArn = newKey(kms);
        byte[] blob = encrypt(kms, keyArn, "s3cr3t", CONTEXT).asByteArray();

        for (int i = 0; i < blob.length; i++) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(tampered))
                    .encryptionContext(CONTEXT)))
                    .as("byte %d flipped", i)
                    .isInstanceOf(InvalidCiphertextException.class);
        }
    }

    @Test
    void describeKey_returnsKeyMetadataAsAws(KmsClient kms, LocalAws emulator) {
        String keyArn = newKey(kms);

        KeyMetadata metadata = kms.describeKey(b -> b.keyId(keyArn)).keyMetadata();

        assertThat(metadata.arn()).matches("arn:aws:kms:us-east-1:111122223333:key/[0-9a-f-]{36}");
        assertThat(metadata.arn()).endsWith(":key/" + metadata.keyId());
        assertThat(metadata.awsAccountId()).isEqualTo(emulator.accountId());
        assertThat(metadata.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(metadata.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(metadata.enabled()).isTrue();
        assertThat(metadata.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(metadata.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(metadata.description()).isEqualTo("test key");
        assertThat(metadata.creationDate()).isNotNull();
    }

    @Test
    void theAwsManagedSsmKey_existsAtStart_andIsManagedByAws(KmsClient kms) {
        KeyMetadata metadata = kms.describeKey(b -> b.keyId("alias/aws/ssm")).keyMetadata();

        assertThat(metadata.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName).contains("alias/aws/ssm");
    }

    @Test
    void directEncryptOrDecryptWithTheAwsManagedSsmKey_throwsAccessDenied(KmsClient kms) {
        assertThatThrownBy(() -> encrypt(kms, "alias/aws/ssm", "x", CONTEXT))
                .isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"))
                .hasMessageContaining("is not authorized to perform: kms:Encrypt");
    }

    @Test
    void aliases_nameTheirKey_inEveryForm(KmsClient kms) {
        String keyArn = newKey(kms);
        kms.createAlias(b -> b.aliasName("alias/app-secrets").targetKeyId(keyArn));

        String aliasArn = "arn:aws:kms:us-east-1:111122223333:alias/app-secrets";
        assertThat(kms.describeKey(b -> b.keyId("alias/app-secrets")).keyMetadata().arn()).isEqualTo(keyArn);
        assertThat(kms.describeKey(b -> b.keyId(aliasArn)).keyMetadata().arn()).isEqualTo(keyArn);
        SdkBytes blob = encrypt(kms, "alias/app-secrets", "v", CONTEXT);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT).keyId(keyArn)).plaintext()
                .asString(StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(kms.listAliases(b -> b.keyId(keyArn)).aliases())
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.aliasArn()).isEqualTo(aliasArn);
                    assertThat(keyArn).endsWith(a.targetKeyId());
                });
        assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName("alias/app-secrets").targetKeyId(keyArn)))
                .isInstanceOf(software.amazon.awssdk.services.kms.model.AlreadyExistsException.class);
    }

    @Test
    void unknownKeysAndAliases_throwNotFound(KmsClient kms) {
        assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("alias/nope")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Alias arn:aws:kms:us-east-1:111122223333:alias/nope is not found.");
        assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Key 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'"
                        + " does not exist");
    }

    @Test
    void aDisabledKey_throwsDisabled_untilEnabledAgain(KmsClient kms) {
        String keyArn = newKey(kms);
        SdkBytes blob = encrypt(kms, keyArn, "v", CONTEXT);
        kms.disableKey(b -> b.keyId(keyArn));

        assertThat(kms.describeKey(b -> b.keyId(keyArn)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT)))
                .isInstanceOf(DisabledException.class)
                .hasMessageContaining(keyArn + " is disabled.");

        kms.enableKey(b -> b.keyId(keyArn));
        assertThat(kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT)).plaintext().asUtf8String())
                .isEqualTo("v");
    }

    @Test
    void aKeyPendingDeletion_throwsInvalidState(KmsClient kms) {
        String keyArn = newKey(kms);
        SdkBytes blob = encrypt(kms, keyArn, "v", CONTEXT);

        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(7));

        assertThat(scheduled.keyId()).isEqualTo(keyArn);
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.deletionDate()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(6)));
        assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT)))
                .isInstanceOf(KmsInvalidStateException.class)
                .hasMessageContaining(keyArn + " is pending deletion.");
    }

    @Test
    void scheduleKeyDeletion_outsideSevenToThirtyDays_throwsValidation(KmsClient kms) {
        String keyArn = newKey(kms);

        assertThatThrownBy(() -> kms.scheduleKeyDeletion(b -> b.keyId(keyArn).pendingWindowInDays(6)))
                .isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Member must have value greater than or equal to 7");
    }

    @Test
    void generateDataKey_returnsAKeyWhoseCiphertextDecryptsToIt(KmsClient kms) {
        String keyArn = newKey(kms);

        var dataKey = kms.generateDataKey(b -> b.keyId(keyArn).keySpec("AES_256").encryptionContext(CONTEXT));

        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT))
                .plaintext()).isEqualTo(dataKey.plaintext());
        assertThat(kms.generateDataKey(b -> b.keyId(keyArn).numberOfBytes(64)).plaintext().asByteArray()).hasSize(64);
    }
}
