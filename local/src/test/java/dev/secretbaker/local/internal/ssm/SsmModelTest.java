package dev.secretbaker.local.internal.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.ssm.SsmResults.GetParametersResult;
import dev.secretbaker.local.internal.ssm.SsmResults.LabelResult;
import dev.secretbaker.local.internal.ssm.SsmResults.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SsmModelTest {

    private static final String REGION = TestKeyMaterial.REGION;
    private static final String ACCOUNT = TestKeyMaterial.ACCOUNT;

    private TestKeyMaterial kms;
    private String cmk;
    private SsmModel model;
    private RecordingCaller caller;

    @BeforeEach
    void setUp() {
        kms = new TestKeyMaterial();
        cmk = kms.createKey();
        kms.alias("alias/app", cmk);
        model = new SsmModel(REGION, ACCOUNT, kms,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
        caller = new RecordingCaller();
    }

    private long put(String name, String value) {
        return model.putParameter(PutParameterRequest.builder(name, value).type(ParameterType.STRING)
                .overwrite(true).build(), caller).version();
    }

    private long putSecure(String name, String value, String keyId, ParameterTier tier) {
        return model.putParameter(PutParameterRequest.builder(name, value).type(ParameterType.SECURE_STRING)
                .keyId(keyId).tier(tier).overwrite(true).build(), caller).version();
    }

    private static void assertAwsError(ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
    }

    private static String arn(String name) {
        return ParameterNames.arn(REGION, ACCOUNT, name);
    }

    // --- PutParameter / GetParameter ---------------------------------------------------------------------

    @Test
    void put_thenGet_returnsValueVersionArnAndDate() {
        var result = model.putParameter(PutParameterRequest.builder("/app/db/url", "jdbc:x")
                .type(ParameterType.STRING).build(), caller);

        ParameterView view = model.getParameter("/app/db/url", false, caller);

        assertThat(result.version()).isEqualTo(1);
        assertThat(result.tier()).isEqualTo(ParameterTier.STANDARD);
        assertThat(view.value()).isEqualTo("jdbc:x");
        assertThat(view.arn()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/app/db/url");
        assertThat(view.lastModifiedDate()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(view.lastModifiedUser()).isEqualTo(caller.principalArn());
        assertThat(view.dataType()).isEqualTo("text");
        assertThat(view.selector()).isNull();
    }

    @Test
    void arn_ofTopLevelName_addsOneSlash() {
        assertThat(model.arnOf("MY_SECRET")).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET");
        assertThat(model.arnOf("/a/b")).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/a/b");
        assertThat(new SsmModel("cn-north-1", ACCOUNT, kms).arnOf("x")).startsWith("arn:aws-cn:ssm:cn-north-1:");
    }

    @Test
    void get_byArn_findsTopLevelAndHierarchicalNames() {
        put("MY_SECRET", "a");
        put("/a/b", "b");

        assertThat(model.getParameter(arn("MY_SECRET"), false, caller).name()).isEqualTo("MY_SECRET");
        assertThat(model.getParameter(arn("/a/b"), false, caller).value()).isEqualTo("b");
        assertThat(model.getParameter(arn("/a/b") + ":1", false, caller).selector()).isEqualTo(":1");
        assertAwsError(() -> model.getParameter("arn:aws:ssm:eu-west-1:111122223333:parameter/MY_SECRET:2", false,
                caller), "ParameterNotFound", null);
        assertThat(caller.checks).contains("ssm:GetParameter arn:aws:ssm:eu-west-1:111122223333:parameter/MY_SECRET");
    }

    @Test
    void put_existingWithoutOverwrite_throwsParameterAlreadyExists() {
        put("p", "1");

        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("p", "2").type(ParameterType.STRING)
                        .build(), caller), "ParameterAlreadyExists",
                "The parameter already exists. To overwrite this value, set the overwrite option in the request"
                        + " to true.");
    }

    @Test
    void put_withOverwrite_incrementsVersionAndKeepsDescriptionAndType() {
        model.putParameter(PutParameterRequest.builder("p", "1").type(ParameterType.STRING_LIST)
                .description("first").build(), caller);

        var second = model.putParameter(PutParameterRequest.builder("p", "2").overwrite(true).build(), caller);

        ParameterView view = model.getParameter("p", false, caller);
        assertThat(second.version()).isEqualTo(2);
        assertThat(view.type()).isEqualTo(ParameterType.STRING_LIST);
        assertThat(view.description()).isEqualTo("first");
        assertThat(view.value()).isEqualTo("2");
    }

    @Test
    void put_withoutTypeOnCreate_isValidationException() {
        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("p", "1").build(), caller),
                "ValidationException", "A parameter type is required when you create a parameter.");
    }

    @Test
    void put_keyIdOnString_isValidationException() {
        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("p", "1").type(ParameterType.STRING)
                .keyId(cmk).build(), caller), "ValidationException",
                "KeyId is required for SecureString type parameter only.");
    }

    @Test
    void get_missing_isParameterNotFoundWithoutMessage() {
        assertAwsError(() -> model.getParameter("nope", false, caller), "ParameterNotFound", null);
        assertThatThrownBy(() -> model.getParameter("nope", false, caller)).hasMessage(null);
    }

    // --- SecureString --------------------------------------------------------------------------------------

    @Test
    void secureString_readWithoutDecryption_isKmsCiphertextBoundToParameterArn() {
        putSecure("/app/secret", "s3cr3t", cmk, null);

        String value = model.getParameter("/app/secret", false, caller).value();

        byte[] blob = Base64.getDecoder().decode(value);
        assertThat(new String(kms.decryptOnBehalfOfService(blob, Map.of("PARAMETER_ARN", arn("/app/secret"))),
                StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
        assertAwsError(() -> kms.decryptOnBehalfOfService(blob, Map.of("PARAMETER_ARN", arn("/app/other"))),
                "InvalidCiphertextException", null);
        assertThat(value).doesNotContain("s3cr3t");
    }

    @Test
    void secureString_readWithDecryption_returnsPlaintextAndChecksKmsDecryptForCustomerKey() {
        putSecure("/app/secret", "s3cr3t", "alias/app", null);
        caller.checks.clear();

        ParameterView view = model.getParameter("/app/secret", true, caller);

        assertThat(view.value()).isEqualTo("s3cr3t");
        assertThat(view.keyId()).isEqualTo("alias/app");
        assertThat(caller.checks).containsExactly("ssm:GetParameter " + arn("/app/secret"), "kms:Decrypt " + cmk);
        assertThat(caller.withDecryption).containsExactly(true);
    }

    @Test
    void secureString_withDecryptionWithoutKmsDecrypt_isAccessDenied() {
        putSecure("/app/secret", "s3cr3t", cmk, null);
        caller.deny("kms:Decrypt");

        assertAwsError(() -> model.getParameter("/app/secret", true, caller), "AccessDeniedException", null);
        assertThat(model.getParameter("/app/secret", false, caller).value()).isNotEqualTo("s3cr3t");
    }

    @Test
    void secureString_withoutKeyId_usesAwsManagedKeyAndNeedsNoKmsPermission() {
        putSecure("/app/secret", "v", null, null);
        caller.deny("kms:Decrypt");

        ParameterView view = model.getParameter("/app/secret", true, caller);

        assertThat(view.value()).isEqualTo("v");
        assertThat(view.keyId()).isEqualTo("alias/aws/ssm");
        byte[] blob = Base64.getDecoder().decode(model.getParameter("/app/secret", false, caller).value());
        assertThat(kms.decryptOnBehalfOfService(blob, Map.of("PARAMETER_ARN", arn("/app/secret")))).isNotEmpty();
    }

    @Test
    void secureString_keyIdForms_allResolve() {
        String keyId = cmk.substring(cmk.indexOf("key/") + 4);
        putSecure("a1", "v", keyId, null);
        putSecure("a2", "v", cmk, null);
        putSecure("a3", "v", "alias/app", null);
        putSecure("a4", "v", "arn:aws:kms:us-east-1:111122223333:alias/app", null);

        for (String name : List.of("a1", "a2", "a3", "a4")) {
            assertThat(model.getParameter(name, true, caller).value()).isEqualTo("v");
        }
    }

    @Test
    void secureString_unknownKey_isInvalidKeyIdQuotingKms() {
        assertAwsError(() -> putSecure("p", "v", "alias/missing", null), "InvalidKeyId", null);
        assertThatThrownBy(() -> putSecure("p", "v", "alias/missing", null))
                .hasMessageContaining("Error Code: NotFoundException");
    }

    @Test
    void secureString_disabledKey_isInvalidKeyIdQuotingDisabledException() {
        kms.disable(cmk);

        assertThatThrownBy(() -> putSecure("p", "v", cmk, null))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InvalidKeyId"))
                .hasMessageContaining("is disabled.")
                .hasMessageContaining("Error Code: DisabledException");
    }

    @Test
    void secureString_readWithDecryptionUnderADisabledKey_isInvalidKeyId_butTheCiphertextStillReads() {
        putSecure("/p", "v", cmk, null);
        putSecure("/adv", "v", cmk, ParameterTier.ADVANCED);
        kms.disable(cmk);

        for (String name : List.of("/p", "/adv")) {
            assertThatThrownBy(() -> model.getParameter(name, true, caller))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("InvalidKeyId"))
                    .hasMessageContaining("Error Code: DisabledException");
            assertThat(model.getParameter(name, false, caller).value()).isNotBlank();
        }
    }

    @Test
    void secureString_advancedTier_isEncryptionSdkMessageWithParameterArnInHeader() {
        putSecure("/app/big", "advanced value", cmk, ParameterTier.ADVANCED);

        byte[] message = Base64.getDecoder().decode(model.getParameter("/app/big", false, caller).value());
        ParsedCiphertext parsed = new ParsedCiphertext(message);

        assertThat(parsed.getEncryptionContextMap()).containsEntry("PARAMETER_ARN", arn("/app/big"));
        assertThat(parsed.getEncryptedKeyBlobs()).singleElement().satisfies(edk -> {
            assertThat(edk.getProviderId()).isEqualTo("aws-kms");
            assertThat(new String(edk.getProviderInformation(), StandardCharsets.UTF_8)).isEqualTo(cmk);
        });
        AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptAllowDecrypt).build();
        CryptoResult<byte[], KmsBackedMasterKey> decrypted = crypto.decryptData(new KmsBackedMasterKey(kms, cmk), message);
        assertThat(new String(decrypted.getResult(), StandardCharsets.UTF_8)).isEqualTo("advanced value");
        assertThat(model.getParameter("/app/big", true, caller).value()).isEqualTo("advanced value");
        assertThat(model.getParameter("/app/big", true, caller).tier()).isEqualTo(ParameterTier.ADVANCED);
    }

    // --- Names ---------------------------------------------------------------------------------------------

    @Test
    void names_reservedPrefixes_areRefusedAsAwsRefusesThem() {
        assertAwsError(() -> put("/aws/x/y", "v"), "AccessDeniedException",
                "No access to reserved parameter name: /aws/x/y.");
        assertAwsError(() -> put("awsthing", "v"), "ValidationException",
                "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        assertAwsError(() -> put("/SSM/x", "v"), "ValidationException", null);
        assertThatThrownBy(() -> put("/SSM/x", "v")).hasMessageStartingWith(
                "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a path");
    }

    @Test
    void names_invalidCharactersAndPartialPaths_areValidationExceptions() {
        assertAwsError(() -> put("a b", "v"), "ValidationException", ParameterNames.INVALID_NAME_MESSAGE);
        assertAwsError(() -> put("/a//b", "v"), "ValidationException", ParameterNames.INVALID_NAME_MESSAGE);
        assertAwsError(() -> put("a/b", "v"), "ValidationException",
                "Parameter name must be a fully qualified name.");
        assertAwsError(() -> model.getParameter("{x}", false, caller), "ValidationException",
                ParameterNames.INVALID_NAME_MESSAGE);
    }

    @Test
    void names_fifteenLevels_areAllowedAndSixteenAreNot() {
        String fifteen = "/l".repeat(15);

        put(fifteen, "v");

        assertAwsError(() -> put(fifteen + "/l", "v"), "HierarchyLevelLimitExceededException", null);
    }

    @Test
    void names_tooLong_areValidationExceptions() {
        assertThatThrownBy(() -> put("n".repeat(2049), "v"))
                .hasMessageEndingWith("at 'name' failed to satisfy constraint: Member must have length less than"
                        + " or equal to 2048");
        int room = ParameterNames.MAX_ARN_LENGTH - arn("/").length();
        put("/" + "n".repeat(room), "v");
        assertAwsError(() -> put("/" + "n".repeat(room + 1), "v"), "ValidationException", null);
    }

    // --- Tiers and sizes -----------------------------------------------------------------------------------

    @Test
    void sizes_standardHolds4096BytesAndAdvanced8192() {
        put("s", "x".repeat(4096));
        assertAwsError(() -> put("s2", "x".repeat(4097)), "ValidationException", null);
        assertThatThrownBy(() -> put("s2", "é".repeat(2049)))
                .hasMessageStartingWith("Standard tier parameters support a maximum parameter value of 4096");

        model.putParameter(PutParameterRequest.builder("a", "x".repeat(8192)).type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED).build(), caller);
        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("a2", "x".repeat(8193))
                .type(ParameterType.STRING).tier(ParameterTier.ADVANCED).build(), caller), "ValidationException", null);
        assertAwsError(() -> put("huge", "x".repeat(32769)), "ValidationException",
                "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length"
                        + " less than or equal to 32768");
    }

    @Test
    void intelligentTiering_choosesStandardWhenItFitsAndAdvancedOtherwise() {
        var small = model.putParameter(PutParameterRequest.builder("i1", "x").type(ParameterType.STRING)
                .tier(ParameterTier.INTELLIGENT_TIERING).build(), caller);
        var large = model.putParameter(PutParameterRequest.builder("i2", "x".repeat(5000))
                .type(ParameterType.STRING).tier(ParameterTier.INTELLIGENT_TIERING).build(), caller);

        assertThat(small.tier()).isEqualTo(ParameterTier.STANDARD);
        assertThat(large.tier()).isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void advanced_cannotBeDowngradedToStandard() {
        model.putParameter(PutParameterRequest.builder("p", "x").type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED).build(), caller);

        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("p", "y").tier(ParameterTier.STANDARD)
                .overwrite(true).build(), caller), "ValidationException", null);
        assertThat(model.putParameter(PutParameterRequest.builder("p", "y").overwrite(true).build(), caller).tier())
                .isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void standardParameters_beyondTenThousand_areParameterLimitExceeded_advancedStillFit() {
        for (int i = 0; i < 10_000; i++) {
            model.putParameter(PutParameterRequest.builder("/n/" + i, "v").type(ParameterType.STRING).build(), caller);
        }

        assertAwsError(() -> put("/n/one-more", "v"), "ParameterLimitExceeded", null);
        assertThat(model.putParameter(PutParameterRequest.builder("/n/advanced", "v").type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED).build(), caller).version()).isEqualTo(1);
        assertThat(put("/n/0", "new version of an existing one")).isEqualTo(2);
    }

    @Test
    void allowedPattern_mismatch_isParameterPatternMismatch() {
        assertAwsError(() -> model.putParameter(PutParameterRequest.builder("p", "abc").type(ParameterType.STRING)
                .allowedPattern("^\\d+$").build(), caller), "ParameterPatternMismatchException",
                "Parameter value, cannot be validated against allowedPattern: ^\\d+$");
    }

    // --- Versions and selectors ----------------------------------------------------------------------------

    @Test
    void selectors_versionAndLabel_selectThatVersion() {
        put("p", "one");
        put("p", "two");
        put("p", "three");
        model.labelParameterVersion("p", 2L, List.of("prod"), caller);

        assertThat(model.getParameter("p:1", false, caller).value()).isEqualTo("one");
        ParameterView labelled = model.getParameter("p:prod", false, caller);
        assertThat(labelled.value()).isEqualTo("two");
        assertThat(labelled.selector()).isEqualTo(":prod");
        assertThat(labelled.name()).isEqualTo("p");
        assertThat(model.getParameter("p", false, caller).version()).isEqualTo(3);
    }

    @Test
    void selectors_missingVersion_isParameterVersionNotFound_missingLabel_isParameterNotFound() {
        put("/p", "one");

        assertAwsError(() -> model.getParameter("/p:7", false, caller), "ParameterVersionNotFound",
                "Systems Manager could not find version 7 of /p. Verify the version and try again.");
        assertAwsError(() -> model.getParameter("/p:nolabel", false, caller), "ParameterNotFound", null);
        assertAwsError(() -> model.getParameter("/p:99999999999999999999", false, caller), "ValidationException",
                null);
        assertThat(model.getParameters(List.of("/p:99999999999999999999"), false, caller).invalidParameters())
                .containsExactly("/p:99999999999999999999");
    }

    @Test
    void versions_beyondOneHundred_dropTheOldestUnlessItIsLabelled() {
        for (int i = 1; i <= 100; i++) {
            put("p", "v" + i);
        }
        put("p", "v101");
        assertAwsError(() -> model.getParameter("p:1", false, caller), "ParameterVersionNotFound", null);
        assertThat(model.getParameter("p:2", false, caller).value()).isEqualTo("v2");

        model.labelParameterVersion("p", 2L, List.of("keep"), caller);

        assertAwsError(() -> put("p", "v102"), "ParameterMaxVersionLimitExceeded", null);
        assertThatThrownBy(() -> put("p", "v102")).hasMessageContaining("Version 2, the oldest version, can't be deleted");
    }

    // --- GetParameters -------------------------------------------------------------------------------------

    @Test
    void getParameters_elevenNames_failsAsAwsFails() {
        List<String> names = IntStream.rangeClosed(1, 11).mapToObj(i -> "n" + i).toList();

        assertAwsError(() -> model.getParameters(names, false, caller), "ValidationException",
                "1 validation error detected: Value '[n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11]' at 'names'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 10");
    }

    @Test
    void getParameters_returnsSortedByNameWithUnknownsAndBadSelectorsInvalid() {
        put("/z", "z");
        put("/a", "a");
        put("m", "m");

        GetParametersResult result = model.getParameters(List.of("/z", "missing", "m:5", "/a", arn("m"), "m:1"),
                false, caller);

        assertThat(result.parameters()).extracting(ParameterView::name).containsExactly("/a", "/z", "m", "m");
        assertThat(result.parameters()).extracting(ParameterView::selector).containsExactly(null, null, null, ":1");
        assertThat(result.invalidParameters()).containsExactly("missing", "m:5");
        assertThat(caller.checks).contains("ssm:GetParameters " + arn("/z"), "ssm:GetParameters " + arn("missing"));
    }

    @Test
    void getParameters_oneNameDenied_deniesTheCall() {
        put("a", "a");
        RecordingCaller denied = new RecordingCaller().deny("ssm:GetParameters");

        assertAwsError(() -> model.getParameters(List.of("a"), false, denied), "AccessDeniedException", null);
    }

    // --- History -------------------------------------------------------------------------------------------

    @Test
    void history_pagesThroughAllVersionsWithLabelsAndKeyIds() {
        for (int i = 1; i <= 5; i++) {
            putSecure("/h", "v" + i, "alias/app", null);
        }
        model.labelParameterVersion("/h", 3L, List.of("blue", "green"), caller);

        List<ParameterView> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page page = model.getParameterHistory("/h", true, 2, token, caller);
            all.addAll(page.parameters());
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(ParameterView::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all).extracting(ParameterView::value).containsExactly("v1", "v2", "v3", "v4", "v5");
        assertThat(all.get(2).labels()).containsExactly("blue", "green");
        assertThat(all).allSatisfy(v -> {
            assertThat(v.keyId()).isEqualTo("alias/app");
            assertThat(v.lastModifiedUser()).isEqualTo(caller.principalArn());
        });
    }

    @Test
    void history_badTokenAndMaxResults_areRefused() {
        put("/h", "v");

        assertAwsError(() -> model.getParameterHistory("/h", false, null, "garbage!", caller), "InvalidNextToken",
                null);
        assertAwsError(() -> model.getParameterHistory("/h", false, 51, null, caller), "ValidationException",
                "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 50");
        assertAwsError(() -> model.getParameterHistory("/nope", false, null, null, caller), "ParameterNotFound",
                null);
    }

    // --- Labels --------------------------------------------------------------------------------------------

    @Test
    void labels_moveBetweenVersionsAndDefaultToLatest() {
        put("p", "1");
        put("p", "2");
        model.labelParameterVersion("p", 1L, List.of("prod"), caller);

        LabelResult moved = model.labelParameterVersion("p", null, List.of("prod"), caller);

        assertThat(moved.parameterVersion()).isEqualTo(2);
        assertThat(model.getParameter("p:prod", false, caller).version()).isEqualTo(2);
        assertThat(model.getParameterHistory("p", false, null, null, caller).parameters().get(0).labels()).isEmpty();
    }

    @Test
    void labels_invalidOnesAreReturnedNotAttached() {
        put("p", "1");

        LabelResult result = model.labelParameterVersion("p", 1L,
                List.of("ok", "1starts", "awsx", "SSMy", "bad label", "fine_.-"), caller);

        assertThat(result.invalidLabels()).containsExactly("1starts", "awsx", "SSMy", "bad label");
        assertThat(model.getParameter("p", false, caller).labels()).containsExactly("ok", "fine_.-");
    }

    @Test
    void labels_eleventhOnAVersion_isParameterVersionLabelLimitExceeded() {
        put("p", "1");
        model.labelParameterVersion("p", 1L, IntStream.rangeClosed(1, 10).mapToObj(i -> "l" + i).toList(), caller);

        assertAwsError(() -> model.labelParameterVersion("p", 1L, List.of("l11"), caller),
                "ParameterVersionLabelLimitExceeded", null);
        assertThat(model.labelParameterVersion("p", 1L, List.of("l1"), caller).invalidLabels()).isEmpty();
    }

    @Test
    void labels_unknownVersionOrParameter_areNotFound() {
        put("p", "1");

        assertAwsError(() -> model.labelParameterVersion("p", 9L, List.of("x"), caller), "ParameterVersionNotFound",
                null);
        assertAwsError(() -> model.labelParameterVersion("q", null, List.of("x"), caller), "ParameterNotFound", null);
    }

    // --- DescribeParameters --------------------------------------------------------------------------------

    @Test
    void describe_filtersByPathTypeKeyIdTierAndName() {
        put("/app/a", "v");
        putSecure("/app/b", "v", cmk, null);
        putSecure("/app/deep/c", "v", null, ParameterTier.ADVANCED);
        put("top", "v");

        assertThat(names(List.of(new ParameterFilter("Path", null, List.of("/app"))))).containsExactly("/app/a", "/app/b");
        assertThat(names(List.of(new ParameterFilter("Path", "Recursive", List.of("/app")))))
                .containsExactly("/app/a", "/app/b", "/app/deep/c");
        assertThat(names(List.of(new ParameterFilter("Path", "OneLevel", List.of("/"))))).containsExactly("top");
        assertThat(names(List.of(new ParameterFilter("Type", null, List.of("SecureString")))))
                .containsExactly("/app/b", "/app/deep/c");
        assertThat(names(List.of(new ParameterFilter("KeyId", null, List.of("alias/aws/ssm")))))
                .containsExactly("/app/deep/c");
        assertThat(names(List.of(new ParameterFilter("KeyId", null, List.of(cmk))))).containsExactly("/app/b");
        assertThat(names(List.of(new ParameterFilter("Tier", null, List.of("Advanced"))))).containsExactly("/app/deep/c");
        assertThat(names(List.of(new ParameterFilter("Name", "BeginsWith", List.of("/app/d"))))).containsExactly("/app/deep/c");
        assertThat(names(List.of(new ParameterFilter("Name", null, List.of("/top"))))).containsExactly("top");
        assertThat(model.describeParameters(List.of(new ParameterFilter("Name", null, List.of("/app/"))), null, null,
                null, caller).parameters()).extracting(ParameterView::name).containsExactly("/app/a", "/app/b",
                "/app/deep/c");
        assertThat(caller.checks).contains("ssm:DescribeParameters *");
    }

    @Test
    void describe_pagesWithTokensAndRefusesBadInput() {
        for (int i = 0; i < 12; i++) {
            put(String.format("/p/%02d", i), "v");
        }

        Page first = model.describeParameters(null, null, null, null, caller);
        Page second = model.describeParameters(null, null, null, first.nextToken(), caller);

        assertThat(first.parameters()).hasSize(10);
        assertThat(second.parameters()).extracting(ParameterView::name).containsExactly("/p/10", "/p/11");
        assertThat(second.nextToken()).isNull();
        assertThat(first.parameters().get(0).value()).isNull();
        assertAwsError(() -> model.describeParameters(null, null, 51, null, caller), "ValidationException", null);
        assertAwsError(() -> model.describeParameters(List.of(new ParameterFilter("Name", null, List.of("a"))),
                List.of(new ParameterFilter("Name", null, List.of("a"))), null, null, caller), "ValidationException",
                "You can use either Filters or ParameterFilters in a single request.");
        assertAwsError(() -> names(List.of(new ParameterFilter("Label", null, List.of("a")))), "InvalidFilterKey", null);
        assertAwsError(() -> names(List.of(new ParameterFilter("Path", "Equals", List.of("/a")))),
                "InvalidFilterOption", null);
        assertAwsError(() -> names(List.of(new ParameterFilter("Type", null, List.of("Number")))),
                "InvalidFilterValue", null);
        assertAwsError(() -> names(List.of(new ParameterFilter("Bogus", null, List.of("a")))), "ValidationException",
                null);
    }

    private List<String> names(List<ParameterFilter> parameterFilters) {
        return model.describeParameters(null, parameterFilters, 50, null, caller).parameters().stream()
                .map(ParameterView::name).toList();
    }

    // --- GetParametersByPath -------------------------------------------------------------------------------

    @Test
    void byPath_oneLevelOrRecursive_pagedByTen() {
        for (int i = 0; i < 12; i++) {
            put(String.format("/app/%02d", i), "v" + i);
        }
        put("/app/deep/x", "deep");
        put("/apple", "not under /app");

        Page first = model.getParametersByPath("/app", false, null, false, null, null, caller);
        Page second = model.getParametersByPath("/app/", false, null, false, null, first.nextToken(), caller);
        Page recursive = model.getParametersByPath("/app", true, null, false, 10, null, caller);

        assertThat(first.parameters()).hasSize(10);
        assertThat(second.parameters()).extracting(ParameterView::name).containsExactly("/app/10", "/app/11");
        assertThat(second.nextToken()).isNull();
        assertThat(model.getParametersByPath("/app", true, null, false, 10, recursive.nextToken(), caller)
                .parameters()).extracting(ParameterView::name).containsExactly("/app/10", "/app/11", "/app/deep/x");
        assertThat(caller.checks).contains("ssm:GetParametersByPath " + arn("/app"));
        assertAwsError(() -> model.getParametersByPath("app", false, null, false, null, null, caller),
                "ValidationException", null);
        assertAwsError(() -> model.getParametersByPath("/app", false, null, false, 11, null, caller),
                "ValidationException", null);
    }

    @Test
    void byPath_filtersByTypeAndLabel() {
        put("/f/plain", "p");
        putSecure("/f/secret", "s1", cmk, null);
        putSecure("/f/secret", "s2", cmk, null);
        model.labelParameterVersion("/f/secret", 1L, List.of("first"), caller);

        Page secure = model.getParametersByPath("/f", false,
                List.of(new ParameterFilter("Type", null, List.of("SecureString"))), true, null, null, caller);
        Page labelled = model.getParametersByPath("/f", false,
                List.of(new ParameterFilter("Label", null, List.of("first"))), true, null, null, caller);

        assertThat(secure.parameters()).extracting(ParameterView::value).containsExactly("s2");
        assertThat(labelled.parameters()).extracting(ParameterView::value).containsExactly("s1");
        assertAwsError(() -> model.getParametersByPath("/f", false,
                List.of(new ParameterFilter("Name", null, List.of("/f/plain"))), false, null, null, caller),
                "InvalidFilterKey", null);
    }

    @Test
    void labelAndDelete_takePlainNamesOnly() {
        put("/p", "1");

        assertAwsError(() -> model.labelParameterVersion(arn("/p"), null, List.of("x"), caller),
                "ValidationException", null);
        assertAwsError(() -> model.deleteParameter(arn("/p"), caller), "ValidationException", null);
        assertThat(model.deleteParameters(List.of(arn("/p")), caller).invalidParameters()).containsExactly(arn("/p"));
        assertThat(model.getParameterHistory(arn("/p"), false, null, null, caller).parameters()).hasSize(1);
    }

    @Test
    void concurrentWriters_getDistinctConsecutiveVersions() throws Exception {
        put("/c", "0");
        int threads = 8;
        int perThread = 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        versions.add(putSecure("/c", "v", cmk, null));
                        model.getParameter("/c", true, new RecordingCaller());
                    }
                    return versions;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (var future : futures) {
                all.addAll(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(model.getParameter("/c", false, caller).version()).isEqualTo(1 + threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- Delete --------------------------------------------------------------------------------------------

    @Test
    void delete_removesAllVersionsAndRecreationStartsAtOne() {
        put("p", "1");
        put("p", "2");

        model.deleteParameter("p", caller);

        assertAwsError(() -> model.getParameter("p", false, caller), "ParameterNotFound", null);
        assertAwsError(() -> model.deleteParameter("p", caller), "ParameterNotFound", null);
        assertThat(put("p", "again")).isEqualTo(1);
    }

    @Test
    void deleteParameters_reportsDeletedAndInvalid() {
        put("a", "1");
        put("b", "1");

        var result = model.deleteParameters(List.of("a", "nope", "b"), caller);

        assertThat(result.deletedParameters()).containsExactly("a", "b");
        assertThat(result.invalidParameters()).containsExactly("nope");
        assertThat(model.parameterNames()).isEmpty();
    }

    // --- Persistence and seed API --------------------------------------------------------------------------

    @Test
    void snapshot_restoresEveryVersionLabelAndCiphertext() {
        putSecure("/s", "one", cmk, null);
        putSecure("/s", "two", cmk, ParameterTier.ADVANCED);
        model.labelParameterVersion("/s", 1L, List.of("old"), caller);
        model.putParameter(PutParameterRequest.builder("plain", "p").type(ParameterType.STRING_LIST)
                .description("d").build(), caller);
        String ciphertext = model.getParameter("/s:1", false, caller).value();

        SsmModel restored = new SsmModel(REGION, ACCOUNT, kms);
        restored.restore(model.snapshot());

        assertThat(restored.snapshot()).isEqualTo(model.snapshot());
        assertThat(restored.getParameter("/s:old", false, caller).value()).isEqualTo(ciphertext);
        assertThat(restored.getParameter("/s:old", true, caller).value()).isEqualTo("one");
        assertThat(restored.getParameter("/s", true, caller).value()).isEqualTo("two");
        assertThat(restored.getParameter("/s", true, caller).tier()).isEqualTo(ParameterTier.ADVANCED);
        assertThat(restored.getParameter("plain", false, caller).description()).isEqualTo("d");
        assertThat(restored.putParameter(PutParameterRequest.builder("/s", "three").overwrite(true).build(), caller)
                .version()).isEqualTo(3);
    }

    @Test
    void seedApi_createsParametersWithLabels() {
        model.createParameter("/seed/secret", ParameterType.SECURE_STRING, "seeded", "alias/app", null, "from seed",
                List.of("prod"));

        assertThat(model.valueOf("/seed/secret:prod")).isEqualTo("seeded");
        ParameterView view = model.getParameter("/seed/secret", false, caller);
        assertThat(view.description()).isEqualTo("from seed");
        assertThat(view.lastModifiedUser()).isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void secrets_neverAppearInToStringOrErrors() {
        putSecure("/s", "topsecret", cmk, null);

        assertThat(model.getParameter("/s", true, caller).toString()).doesNotContain("topsecret");
        assertThat(PutParameterRequest.builder("/s", "topsecret").build().toString()).doesNotContain("topsecret");
        assertThatThrownBy(() -> model.putParameter(PutParameterRequest.builder("/s", "topsecret")
                .type(ParameterType.SECURE_STRING).allowedPattern("^x$").overwrite(true).build(), caller))
                .message().doesNotContain("topsecret");
    }
}
