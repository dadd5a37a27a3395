package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsFileTest {

    private static final String ARN = "arn:aws:ssm:us-east-1:111122223333:parameter/";

    private static BakedSecret secret(String name) {
        return new BakedSecret(name, "Q0lQSEVSVEVYVC0" + name, ARN + name);
    }

    @Test
    void fileName_isTheOriginalPluginsFileName() {
        assertThat(SecretsFile.FILE_NAME).isEqualTo("secret-baker-secrets.json");
    }

    @Test
    void of_keepsConfigurationOrder() {
        SecretsFile file = SecretsFile.of(List.of(secret("Z"), secret("A"), secret("M")));

        assertThat(file.names()).containsExactly("Z", "A", "M");
        assertThat(file.secrets()).extracting(BakedSecret::name).containsExactly("Z", "A", "M");
        assertThat(file.size()).isEqualTo(3);
    }

    @Test
    void of_withDuplicateName_isRefusedNamingTheSecret() {
        assertThatThrownBy(() -> SecretsFile.of(List.of(secret("DB"), secret("API"), secret("DB"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate secret name 'DB'");
    }

    @Test
    void of_withEmptyName_isRefused() {
        assertThatThrownBy(() -> SecretsFile.of(List.of(new BakedSecret("", "eA==", ARN + "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be empty");
    }

    @Test
    void of_withEmptyCiphertext_isRefused() {
        assertThatThrownBy(() -> SecretsFile.of(List.of(new BakedSecret("DB", "", ARN + "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'DB' has an empty ciphertext");
    }

    @Test
    void of_withArnThatIsNotAParameterArn_isRefusedWithoutEchoingIt() {
        for (String arn : List.of("arn:aws:kms:us-east-1:111122223333:key/abc", "MY_SECRET",
                "arn:aws:ssm:us-east-1:1111:parameter/x", "arn:aws:ssm:us-east-1:111122223333:parameter/",
                "arn:AWS:ssm:us-east-1:111122223333:parameter/x", "arn:aws:ssm::111122223333:parameter/x",
                "arn:aws:ssm:us-east-1:111122223333:parameter/a b", "arn::ssm:us-east-1:111122223333:parameter/x")) {
            assertThatThrownBy(() -> SecretsFile.of(List.of(new BakedSecret("DB", "eA==", arn))))
                    .as(arn)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'DB' has an ARN that is not an SSM parameter ARN")
                    .hasMessageNotContaining(arn);
        }
    }

    @Test
    void of_acceptsArnsOfEveryPartition() {
        SecretsFile file = SecretsFile.of(List.of(
                new BakedSecret("A", "eA==", "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x"),
                new BakedSecret("B", "eA==", "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/a/b/c"),
                new BakedSecret("C", "eA==", "arn:aws-iso-b:ssm:us-isob-east-1:123456789012:parameter/x.y-z_1")));

        assertThat(file.size()).isEqualTo(3);
    }

    @Test
    void of_copiesTheList_soLaterChangesDoNotLeakIn() {
        List<BakedSecret> list = new ArrayList<>(List.of(secret("A")));
        SecretsFile file = SecretsFile.of(list);
        list.add(secret("B"));

        assertThat(file.names()).containsExactly("A");
        assertThatThrownBy(() -> file.secrets().add(secret("C"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> file.names().add("C")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void find_returnsTheSecretByName_orEmpty() {
        SecretsFile file = SecretsFile.of(List.of(secret("A"), secret("B")));

        assertThat(file.find("B")).contains(secret("B"));
        assertThat(file.find("C")).isEmpty();
        assertThat(file.find("b")).isEmpty();
    }

    @Test
    void toJson_ofNoSecrets_isAnEmptyObject() {
        assertThat(SecretsFile.of(List.of()).toJson()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toJson_writesCiphertextBeforeArn_compactly() {
        byte[] json = SecretsFile.of(List.of(new BakedSecret("MY_SECRET", "AQID", ARN + "MY_SECRET"))).toJson();

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"MY_SECRET\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/MY_SECRET\"}}");
    }

    @Test
    void toString_listsNamesButNoCiphertext() {
        SecretsFile file = SecretsFile.of(List.of(new BakedSecret("DB", "Q0FOQVJZ", ARN + "db")));

        assertThat(file.toString()).contains("DB").doesNotContain("Q0FOQVJZ");
        assertThat(file.secrets().get(0).toString()).contains("DB").doesNotContain("Q0FOQVJZ");
    }

    @Test
    void equalFiles_haveEqualHashCodes() {
        assertThat(SecretsFile.of(List.of(secret("A")))).isEqualTo(SecretsFile.of(List.of(secret("A"))))
                .hasSameHashCodeAs(SecretsFile.of(List.of(secret("A"))))
                .isNotEqualTo(SecretsFile.of(List.of(secret("B"))));
    }

    @Test
    void arrayIndex_recognisesOnlyCanonicalIndicesUpTo2Pow32Minus2() {
        assertThat(SecretsFile.arrayIndex("0")).isZero();
        assertThat(SecretsFile.arrayIndex("10")).isEqualTo(10);
        assertThat(SecretsFile.arrayIndex("4294967294")).isEqualTo(4294967294L);
        for (String notAnIndex : List.of("", "01", "-1", "1.0", "+1", " 1", "4294967295", "99999999999", "1e3", "\u0661")) {
            assertThat(SecretsFile.arrayIndex(notAnIndex)).as(notAnIndex).isEqualTo(-1);
        }
    }
}
