package dev.secretbaker.core.config;

import static dev.secretbaker.core.config.Yaml.lines;
import static dev.secretbaker.core.config.Yaml.read;
import static dev.secretbaker.core.config.Yaml.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerlessYamlFormsTest {

    @Test
    void listOfNames_usesEachNameAsItsParameter() {
        assertThat(section("- MY_SECRET", "- MY_OTHER_SECRET"))
                .containsExactly(new SecretRequest("MY_SECRET", "MY_SECRET", "custom.secretBaker[0]"),
                        new SecretRequest("MY_OTHER_SECRET", "MY_OTHER_SECRET", "custom.secretBaker[1]"));
    }

    @Test
    void nameAndPathItem_usesBoth() {
        assertThat(section("- name: CUSTOM_SECRET", "  path: a/custom/secret/path"))
                .containsExactly(new SecretRequest("CUSTOM_SECRET", "a/custom/secret/path", "custom.secretBaker[0]"));
    }

    @Test
    void nameAndPathItem_inFlowStyleAndWithPathFirst_isTheSame() {
        assertThat(section("- {path: /p, name: N}", "- path: /q", "  name: M"))
                .extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("N", "/p"), tuple("M", "/q"));
    }

    @Test
    void mapForm_namesEachSecretByItsKey() {
        assertThat(section("MY_SECRET: /path/to/ssm/secret", "OTHER: other/path"))
                .containsExactly(new SecretRequest("MY_SECRET", "/path/to/ssm/secret", "custom.secretBaker.MY_SECRET"),
                        new SecretRequest("OTHER", "other/path", "custom.secretBaker.OTHER"));
    }

    @Test
    void mapForm_keepsVersionAndLabelSelectorsInTheParameter() {
        assertThat(section("PINNED: /path/to/ssm/secret:2", "LABELLED: /path/to/ssm/secret:prod"))
                .extracting(SecretRequest::parameter)
                .containsExactly("/path/to/ssm/secret:2", "/path/to/ssm/secret:prod");
    }

    @Test
    void parameterArn_withAndWithoutSelector_isAccepted() {
        assertThat(section("A: arn:aws:ssm:us-east-1:111122223333:parameter/db/pass",
                "B: arn:aws:ssm:us-east-1:111122223333:parameter/db/pass:7"))
                .extracting(SecretRequest::parameter)
                .containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/db/pass",
                        "arn:aws:ssm:us-east-1:111122223333:parameter/db/pass:7");
    }

    @Test
    void mixedList_keepsConfigurationOrder() {
        assertThat(section("- MY_SECRET", "- MY_OTHER_SECRET", "- name: CUSTOM_SECRET", "  path: a/custom/secret/path",
                "- LAST"))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("MY_SECRET", "MY_SECRET", "custom.secretBaker[0]"),
                        tuple("MY_OTHER_SECRET", "MY_OTHER_SECRET", "custom.secretBaker[1]"),
                        tuple("CUSTOM_SECRET", "a/custom/secret/path", "custom.secretBaker[2]"),
                        tuple("LAST", "LAST", "custom.secretBaker[3]"));
    }

    @Test
    void mapForm_keepsConfigurationOrderNotAlphabetical() {
        assertThat(section("Z: /z", "A: /a", "M: /m")).extracting(SecretRequest::name).containsExactly("Z", "A", "M");
    }

    @Test
    void sameParameterUnderTwoNames_isTwoRequests() {
        assertThat(section("- DB", "- name: DB_COPY", "  path: DB"))
                .extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("DB", "DB"), tuple("DB_COPY", "DB"));
    }

    @Test
    void integerMapKey_becomesTheNameJavaScriptWouldGiveIt() {
        assertThat(section("10: /ten", "'2': /two")).extracting(SecretRequest::name).containsExactly("10", "2");
    }

    @Test
    void yesNoOnOffNames_stayStringsAsInTheServerlessFramework() {
        assertThat(section("- NO", "- yes", "- on", "- Off", "- y")).extracting(SecretRequest::name)
                .containsExactly("NO", "yes", "on", "Off", "y");
        assertThat(section("NO: /no", "ON: /on")).extracting(SecretRequest::name).containsExactly("NO", "ON");
    }

    @Test
    void dateLikeNamesAndPaths_stayStrings() {
        assertThat(section("- 2024-01-01", "- name: X", "  path: 2024-01-01")).extracting(SecretRequest::parameter)
                .containsExactly("2024-01-01", "2024-01-01");
    }

    @Test
    void quotedAndBlockScalars_areOrdinaryStrings() {
        assertThat(section("- \"QUOTED\"", "- 'SINGLE'", "- name: >-", "    FOLDED", "  path: |-", "    /literal"))
                .extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("QUOTED", "QUOTED"), tuple("SINGLE", "SINGLE"), tuple("FOLDED", "/literal"));
    }

    @Test
    void anchorsAliasesAndMergeKeys_areResolved() {
        String yaml = lines(
                "service: app",
                "provider:",
                "  name: aws",
                "custom:",
                "  base: &base",
                "    path: /shared/base",
                "  common: &name COMMON",
                "  secretBaker:",
                "    - *name",
                "    - <<: *base",
                "      name: MERGED");

        assertThat(read(yaml)).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("COMMON", "COMMON"), tuple("MERGED", "/shared/base"));
    }

    @Test
    void missingSection_meansNothingToBake() {
        assertThat(read(lines("service: app", "provider:", "  name: aws"))).isEmpty();
        assertThat(read(lines("service: app", "custom:", "  other: 1"))).isEmpty();
        assertThat(read(lines("service: app", "custom:"))).isEmpty();
    }

    @Test
    void emptySection_meansNothingToBake() {
        assertThat(read(lines("service: app", "custom:", "  secretBaker:"))).isEmpty();
        assertThat(read(lines("service: app", "custom:", "  secretBaker: []"))).isEmpty();
        assertThat(read(lines("service: app", "custom:", "  secretBaker: {}"))).isEmpty();
        assertThat(read(lines("service: app", "custom:", "  secretBaker: ~"))).isEmpty();
    }

    @Test
    void byteOrderMarkAndWindowsLineEnds_areTolerated() {
        String yaml = "\uFEFFservice: app\r\ncustom:\r\n  secretBaker:\r\n    - A\r\n";

        assertThat(read(yaml)).extracting(SecretRequest::name).containsExactly("A");
    }

    @Test
    void fromPath_readsTheFileAndNamesItInMessages(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("serverless.yml");
        Files.writeString(file, Yaml.withSection("- A"));

        assertThat(SecretBakerConfig.fromServerlessYaml(file, Yaml.NO_OPTIONS)).extracting(SecretRequest::name)
                .containsExactly("A");
    }

    @Test
    void fromPath_ofMissingFile_isAConfigurationError(@TempDir Path folder) {
        Path file = folder.resolve("serverless.yml");

        ConfigurationException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromServerlessYaml(file, Yaml.NO_OPTIONS));

        assertThat(e.location()).isEqualTo("serverless.yml");
        assertThat(e.getMessage()).contains("no such file");
    }

    @Test
    void result_isImmutable() {
        List<SecretRequest> requests = section("- A");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.add(requests.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
