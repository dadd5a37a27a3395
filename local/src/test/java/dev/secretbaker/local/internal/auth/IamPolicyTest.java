package dev.secretbaker.local.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.local.internal.auth.IamPolicy.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Condition evaluation as the IAM documentation describes it, case by case. */
class IamPolicyTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/k1";

    private static IamPolicy allowDecryptWhen(String condition) {
        return IamPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                + "\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/*\",\"Condition\":" + condition + "}]}");
    }

    private static Decision decrypt(IamPolicy policy, Map<String, List<String>> context) {
        return policy.evaluate("kms:Decrypt", KEY, context);
    }

    @Test
    void stringEquals_matchesAnyOfItsValues_andIsFalseWhenTheKeyIsAbsent() {
        IamPolicy policy = allowDecryptWhen("{\"StringEquals\":{\"kms:EncryptionContext:PARAMETER_ARN\":[\"a\",\"b\"]}}");

        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("b")))).isEqualTo(Decision.ALLOW);
        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("c")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("B")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decrypt(policy, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void conditionKeyNames_areNotCaseSensitive() {
        IamPolicy policy = allowDecryptWhen("{\"StringEquals\":{\"kms:encryptioncontext:parameter_arn\":\"a\"}}");

        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("a")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void negatedOperators_andIfExists_areTrueWhenTheKeyIsAbsent() {
        assertThat(decrypt(allowDecryptWhen("{\"StringNotEquals\":{\"kms:EncryptionContext:x\":\"a\"}}"), Map.of()))
                .isEqualTo(Decision.ALLOW);
        assertThat(decrypt(allowDecryptWhen("{\"StringEqualsIfExists\":{\"kms:EncryptionContext:x\":\"a\"}}"), Map.of()))
                .isEqualTo(Decision.ALLOW);
        assertThat(decrypt(allowDecryptWhen("{\"StringEqualsIfExists\":{\"kms:EncryptionContext:x\":\"a\"}}"),
                Map.of("kms:EncryptionContext:x", List.of("b")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void forAllValues_isTrueForAnAbsentKey_forAnyValueIsFalse() {
        IamPolicy all = allowDecryptWhen("{\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"PARAMETER_ARN\"]}}");
        IamPolicy any = allowDecryptWhen("{\"ForAnyValue:StringEquals\":{\"kms:EncryptionContextKeys\":[\"PARAMETER_ARN\"]}}");

        assertThat(decrypt(all, Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(decrypt(all, Map.of("kms:EncryptionContextKeys", List.of("PARAMETER_ARN", "other")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decrypt(all, Map.of("kms:EncryptionContextKeys", List.of("PARAMETER_ARN")))).isEqualTo(Decision.ALLOW);
        assertThat(decrypt(any, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decrypt(any, Map.of("kms:EncryptionContextKeys", List.of("other", "PARAMETER_ARN")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void null_testsWhetherTheKeyIsPresent() {
        IamPolicy present = allowDecryptWhen("{\"Null\":{\"kms:EncryptionContext:PARAMETER_ARN\":\"false\"}}");

        assertThat(decrypt(present, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decrypt(present, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("a")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void everyOperatorAndEveryKey_mustMatch() {
        IamPolicy policy = allowDecryptWhen("{\"StringEquals\":{\"kms:EncryptionContext:PARAMETER_ARN\":\"a\"},"
                + "\"ForAnyValue:StringEquals\":{\"kms:ResourceAliases\":\"alias/app\"}}");

        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("a"),
                "kms:ResourceAliases", List.of("alias/app")))).isEqualTo(Decision.ALLOW);
        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("a"),
                "kms:ResourceAliases", List.of("alias/other")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void anExplicitDeny_winsOverAnAllow() {
        IamPolicy policy = IamPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
                + "\"Condition\":{\"Null\":{\"kms:EncryptionContext:PARAMETER_ARN\":\"true\"}}}]}");

        assertThat(decrypt(policy, Map.of())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decrypt(policy, Map.of("kms:EncryptionContext:PARAMETER_ARN", List.of("a")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void anOperatorTheEmulatorCannotEvaluate_isRefusedWhenThePolicyIsAdded() {
        assertThatThrownBy(() -> allowDecryptWhen("{\"NumericLessThan\":{\"kms:x\":\"1\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NumericLessThan");
        assertThatThrownBy(() -> IamPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"x\",\"Resource\":\"*\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NotAction");
    }
}
