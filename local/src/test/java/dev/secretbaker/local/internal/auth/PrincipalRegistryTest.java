package dev.secretbaker.local.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.local.LocalPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalRegistryTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/0b9f2a4e-5c1d-4e8a-9f3b-2d7c6e1a8b40";

    @Test
    void actionWildcards_matchCaseInsensitively() {
        LocalPrincipal deployer = LocalPrincipal.create("deployer", List.of("ssm:GetParameter*"), List.of("*"));

        assertThat(PrincipalRegistry.allows(deployer, "ssm:GetParameters", "arn:aws:ssm:x")).isTrue();
        assertThat(PrincipalRegistry.allows(deployer, "SSM:getparameter", "arn:aws:ssm:x")).isTrue();
        assertThat(PrincipalRegistry.allows(deployer, "ssm:PutParameter", "arn:aws:ssm:x")).isFalse();
        assertThat(PrincipalRegistry.allows(deployer, "kms:Decrypt", KEY)).isFalse();
    }

    @Test
    void resourcePatterns_matchWholeArnsOnly() {
        LocalPrincipal function = LocalPrincipal.create("function", List.of("kms:Decrypt"),
                List.of("arn:aws:kms:*:*:key/0b9f2a4e-5c1d-4e8a-9f3b-2d7c6e1a8b40"));

        assertThat(PrincipalRegistry.allows(function, "kms:Decrypt", KEY)).isTrue();
        assertThat(PrincipalRegistry.allows(function, "kms:Decrypt", KEY + "0")).isFalse();
        assertThat(PrincipalRegistry.allows(function, "kms:Decrypt",
                "arn:aws:kms:us-east-1:111122223333:key/11111111-5c1d-4e8a-9f3b-2d7c6e1a8b40")).isFalse();
    }

    @Test
    void patternCharacters_otherThanWildcards_areLiteral() {
        LocalPrincipal p = LocalPrincipal.create("p", List.of("kms:Decrypt"), List.of("arn:aws:ssm:.*"));

        assertThat(PrincipalRegistry.allows(p, "kms:Decrypt", "arn:aws:ssm:.xyz")).isTrue();
        assertThat(PrincipalRegistry.allows(p, "kms:Decrypt", "arn:aws:ssm:axyz")).isFalse();
    }

    @Test
    void toString_leavesTheSecretOut() {
        LocalPrincipal p = LocalPrincipal.create("p", List.of("*"), List.of("*"));

        assertThat(p.toString()).doesNotContain(p.secretAccessKey()).contains(p.accessKeyId());
    }
}
