package dev.secretbaker.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void set_withNameOnly_leavesThePathToTheName() {
        Secret secret = new Secret();
        secret.set(" API_KEY ");

        assertThat(secret.getName()).isEqualTo("API_KEY");
        assertThat(secret.getPath()).isNull();
        assertThat(secret.toEntry().path()).isNull();
    }

    @Test
    void set_withNameAndPath_splitsAtTheFirstEquals() {
        Secret secret = new Secret();
        secret.set("DB_PASSWORD = /app/db=password:3");

        assertThat(secret.getName()).isEqualTo("DB_PASSWORD");
        assertThat(secret.getPath()).isEqualTo("/app/db=password:3");
    }

    @Test
    void toString_showsNameAndPathOnly() {
        assertThat(new Secret("A", "/a:2")).hasToString("A=/a:2");
        assertThat(new Secret("A", null)).hasToString("A");
    }
}
