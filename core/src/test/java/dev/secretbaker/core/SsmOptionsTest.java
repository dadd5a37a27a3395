package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsmOptionsTest {

    @Test
    void withDefaultRegion_fillsAMissingRegion_andKeepsEverythingElse() {
        SsmOptions options = SsmOptions.builder().profile("ci").endpointUrl(URI.create("http://127.0.0.1:4566"))
                .maxAttempts(3).build();

        SsmOptions withRegion = options.withDefaultRegion(Optional.of("eu-west-1"));

        assertThat(withRegion.region()).contains("eu-west-1");
        assertThat(withRegion.profile()).contains("ci");
        assertThat(withRegion.endpointUrl()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(withRegion.maxAttempts()).isEqualTo(3);
    }

    @Test
    void withDefaultRegion_neverOverridesAnExplicitRegion() {
        SsmOptions options = SsmOptions.builder().region("ap-south-1").build();

        assertThat(options.withDefaultRegion(Optional.of("eu-west-1")).region()).contains("ap-south-1");
        assertThat(SsmOptions.defaults().withDefaultRegion(Optional.empty()).region()).isEmpty();
    }

    @Test
    void parseEndpointUrl_acceptsHttpAndHttpsUrlsWithAHost() {
        assertThat(SsmOptions.parseEndpointUrl(" http://127.0.0.1:4566 ", "--endpoint-url"))
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(SsmOptions.parseEndpointUrl("https://ssm.eu-west-1.amazonaws.com", "x"))
                .isEqualTo(URI.create("https://ssm.eu-west-1.amazonaws.com"));
        assertThat(SsmOptions.parseEndpointUrl("  ", "x")).isNull();
    }

    @Test
    void parseEndpointUrl_ofAnythingElse_namesTheSettingTheValueAndAValidOne() {
        for (String bad : new String[] {"localhost:4566", "127.0.0.1:4566", "ftp://host", "http://", "http://a b"}) {
            assertThatThrownBy(() -> SsmOptions.parseEndpointUrl(bad, "<endpointUrl>")).as(bad)
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.setting()).isEqualTo("<endpointUrl>"))
                    .hasMessageStartingWith("The <endpointUrl> '" + bad + "' is not a URL such as"
                            + " https://ssm.eu-west-1.amazonaws.com or http://127.0.0.1:4566 (");
        }
    }
}
