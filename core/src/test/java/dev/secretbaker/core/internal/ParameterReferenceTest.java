package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterReferenceTest {

    @Test
    void plainName_hasNoSelector() {
        ParameterReference reference = ParameterReference.parse("/app/db/password");

        assertThat(reference.base()).isEqualTo("/app/db/password");
        assertThat(reference.hasSelector()).isFalse();
    }

    @Test
    void versionSelector_isSplitOff() {
        ParameterReference reference = ParameterReference.parse("/app/db/password:3");

        assertThat(reference.base()).isEqualTo("/app/db/password");
        assertThat(reference.selector()).isEqualTo("3");
        assertThat(reference.selectsVersion()).isTrue();
    }

    @Test
    void labelSelector_isNotAVersion() {
        ParameterReference reference = ParameterReference.parse("MY_SECRET:prod");

        assertThat(reference.base()).isEqualTo("MY_SECRET");
        assertThat(reference.selector()).isEqualTo("prod");
        assertThat(reference.selectsVersion()).isFalse();
    }

    @Test
    void arn_keepsItsColons_andSplitsOnlyTheSelector() {
        String arn = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/token";

        assertThat(ParameterReference.parse(arn).base()).isEqualTo(arn);
        assertThat(ParameterReference.parse(arn).isArn()).isTrue();
        assertThat(ParameterReference.parse(arn + ":2").base()).isEqualTo(arn);
        assertThat(ParameterReference.parse(arn + ":2").selector()).isEqualTo("2");
    }
}
