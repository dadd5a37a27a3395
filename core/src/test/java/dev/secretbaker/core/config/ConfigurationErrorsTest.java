package dev.secretbaker.core.config;

import static dev.secretbaker.core.config.Yaml.fails;
import static dev.secretbaker.core.config.Yaml.lines;
import static dev.secretbaker.core.config.Yaml.sectionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationErrorsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "- 42                      | custom.secretBaker[0] | but found a number (42); put it in quotes",
            "- 4.5                     | custom.secretBaker[0] | but found a number (4.5)",
            "- true                    | custom.secretBaker[0] | but found a boolean (true); put it in quotes",
            "- ~                       | custom.secretBaker[0] | but found nothing (null)",
            "- [A, B]                  | custom.secretBaker[0] | but found a list",
            "- {name: A}               | custom.secretBaker[0] | the entry has no path",
            "- {path: /a}              | custom.secretBaker[0] | the entry has no name",
            "- {}                      | custom.secretBaker[0] | the entry has no name",
            "- {name: A, path: /a, version: 2} | custom.secretBaker[0] | unknown key 'version'; an entry has only a name and a path",
            "- {name: A, Path: /a}     | custom.secretBaker[0] | unknown key 'Path'",
            "- {name: 7, path: /a}     | custom.secretBaker[0] | the name must be a string, but it is a number (7)",
            "- {name: A, path: 7}      | custom.secretBaker[0] | the path must be a string (a parameter name or ARN), but it is a number (7)",
            "- {name: A, path: {x: 1}} | custom.secretBaker[0] | but it is an object",
            "- {name: A, path: [/a]}   | custom.secretBaker[0] | but it is a list",
            "- {name: A, path: ~}      | custom.secretBaker[0] | but it is nothing (null)",
            "- {name: '', path: /a}    | custom.secretBaker[0] | the secret name is empty",
            "- {name: A, path: ''}     | custom.secretBaker[0] | the path is empty",
            "- ''                      | custom.secretBaker[0] | the secret name is empty",
            "- __proto__               | custom.secretBaker[0] | __proto__ is reserved",
            "- 'MY SECRET'             | custom.secretBaker[0] | contains whitespace",
            "- {name: A, path: '/a b'} | custom.secretBaker[0] | contains whitespace",
            "- {name: A, path: '/a:'}  | custom.secretBaker[0] | ends with ':' but names no version or label",
            "A: 42                     | custom.secretBaker.A  | expected a parameter path (a string such as /path/to/secret or /path/to/secret:2), but found a number (42)",
            "A: true                   | custom.secretBaker.A  | but found a boolean (true)",
            "A:                        | custom.secretBaker.A  | the secret has no path; write A: /path/to/parameter, or list it as - A",
            "A: {path: /a}             | custom.secretBaker.A  | but found an object",
            "A: [/a]                   | custom.secretBaker.A  | but found a list",
            "A: ''                     | custom.secretBaker.A  | the path is empty",
            "'': /a                    | custom.secretBaker[\"\"] | the secret name is empty",
            "'my secret': '/a b'       | custom.secretBaker[\"my secret\"] | contains whitespace",
            "true: /a                  | custom.secretBaker[true] | a secret name must be a string, but this key is a boolean (true); put it in quotes",
            "1.5: /a                   | custom.secretBaker[1.5] | a secret name must be a string",
    })
    void malformedEntry_isAnErrorNamingTheEntry(String entry, String location, String problem) {
        ConfigurationException e = sectionFails(entry);

        assertThat(e.location()).isEqualTo(location);
        assertThat(e.getMessage()).startsWith(location + ": ").contains(problem);
    }

    @Test
    void errorInALaterEntry_namesThatEntry() {
        ConfigurationException e = sectionFails("- A", "- B", "- 3");

        assertThat(e.location()).isEqualTo("custom.secretBaker[2]");
    }

    @Test
    void sectionThatIsAString_isAnError() {
        ConfigurationException e = fails(lines("service: a", "custom:", "  secretBaker: MY_SECRET"));

        assertThat(e.location()).isEqualTo("custom.secretBaker");
        assertThat(e.getMessage()).contains("expected a list of secrets").contains("but found a string");
    }

    @Test
    void sectionThatIsANumberOrBoolean_isAnError_unlikeTheOriginalWhichBakedNothing() {
        assertThat(fails(lines("service: a", "custom:", "  secretBaker: 0")).getMessage()).contains("found a number (0)");
        assertThat(fails(lines("service: a", "custom:", "  secretBaker: false")).getMessage()).contains("found a boolean");
        assertThat(fails(lines("service: a", "custom:", "  secretBaker: 5")).getMessage()).contains("found a number (5)");
    }

    @Test
    void duplicateNameInAList_isRefusedNamingBothEntries() {
        ConfigurationException e = sectionFails("- DB", "- API", "- name: DB", "  path: /other/db");

        assertThat(e.location()).isEqualTo("custom.secretBaker[2]");
        assertThat(e.getMessage()).contains("the secret name 'DB' is already used by custom.secretBaker[0]");
    }

    @Test
    void duplicateKeyInTheMapForm_isRefusedWithItsLine() {
        ConfigurationException e = sectionFails("DB: /a", "API: /b", "DB: /c");

        assertThat(e.location()).isEqualTo("serverless.yml");
        assertThat(e.getMessage()).contains("found duplicate key DB").contains("line 8");
    }

    @Test
    void duplicateKeyElsewhereInTheFile_isAlsoRefused() {
        assertThat(fails(lines("service: a", "service: b", "custom:", "  secretBaker: [A]")).getMessage())
                .contains("duplicate key service");
    }

    @Test
    void aliasOfASelfContainingListUsedAsAKey_isAnError_notAStackOverflow() {
        assertThat(fails(lines("e: &e [1, *e]", "g: {? [*e] : 1}", "custom:", "  secretBaker: [A]")).getMessage())
                .contains("serverless.yml", "refers to itself");
    }

    @Test
    void numericKeyAndQuotedKeyForTheSameName_areADuplicate() {
        ConfigurationException e = sectionFails("10: /a", "'10': /b");

        assertThat(e.getMessage()).contains("'10' is already used by custom.secretBaker.10");
    }

    @Test
    void fileThatIsNotYaml_isAnErrorWithLineAndColumnButNoExcerpt() {
        ConfigurationException e = fails("service: a\ncustom:\n  secretBaker: [A\n  password: hunter2-is-not-quoted\n");

        assertThat(e.location()).isEqualTo("serverless.yml");
        assertThat(e.getMessage()).startsWith("serverless.yml: is not valid YAML: ").contains("(line ")
                .doesNotContain("hunter2");
    }

    @Test
    void tabIndentation_isAnError() {
        assertThat(fails("service: a\ncustom:\n\tsecretBaker: [A]\n").getMessage()).contains("is not valid YAML");
    }

    @Test
    void severalDocuments_isAnError() {
        assertThat(fails("service: a\n---\nservice: b\n").getMessage()).contains("is not valid YAML");
    }

    @Test
    void emptyFile_isAnError() {
        assertThat(fails("").getMessage()).contains("the file is empty");
        assertThat(fails("# only a comment\n").getMessage()).contains("the file is empty");
    }

    @Test
    void topLevelThatIsNotAMap_isAnError() {
        assertThat(fails("- a\n- b\n").getMessage()).contains("expected a map at the top level").contains("a list");
        assertThat(fails("just text\n").getMessage()).contains("but found a string");
    }

    @Test
    void customThatIsNotAMap_isAnError() {
        ConfigurationException e = fails("service: a\ncustom: [secretBaker]\n");

        assertThat(e.location()).isEqualTo("custom");
    }

    @Test
    void customFromAnUnsupportedSource_isAnErrorNamingCustom() {
        ConfigurationException e = fails("service: a\ncustom: ${file(./custom.yml)}\n");

        assertThat(e.location()).isEqualTo("custom");
        assertThat(e.getMessage()).contains("'file'");
    }

    @Test
    void invalidUtf8_isAnError() {
        byte[] content = "service: a\ncustom:\n  secretBaker: [A\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1);

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromServerlessYaml(content, "serverless.yml", Yaml.NO_OPTIONS));

        assertThat(e.getMessage()).contains("is not UTF-8");
    }

    /** Ten levels of ten aliases each: a few hundred bytes that stand for 10^10 values. */
    private static String aliasBomb(int levels, int perLevel) {
        StringBuilder yaml = new StringBuilder("service: a\nbomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < levels; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < perLevel; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void aliasBomb_withTooManyAliases_isRefusedWhileReading() {
        String yaml = aliasBomb(12, 100) + "custom:\n  secretBaker: [A]\n";

        assertThat(fails(yaml).getMessage()).contains("Number of aliases for non-scalar nodes exceeds");
    }

    @Test
    void aliasBomb_referredToFromASecret_isRefusedQuickly() {
        String yaml = aliasBomb(10, 10) + "custom:\n  secretBaker:\n    A: ${self:bomb.l9}\n";

        ConfigurationException e = fails(yaml);

        assertThat(e.location()).isEqualTo("custom.secretBaker.A");
        assertThat(e.getMessage()).contains("more than 100000 values once YAML aliases are expanded");
    }

    @Test
    void aliasBombElsewhereInTheFile_isNeverExpanded() {
        assertThat(Yaml.read(aliasBomb(10, 10) + "custom:\n  secretBaker: [A]\n")).hasSize(1);
    }

    @Test
    void manyMergesOfASharedBlock_asRealFilesHave_areRead() {
        StringBuilder yaml = new StringBuilder("service: a\ndefaults: &defaults\n  memorySize: 512\n  timeout: 10\nfunctions:\n");
        for (int i = 0; i < 300; i++) {
            yaml.append("  f").append(i).append(":\n    <<: *defaults\n    handler: h.f").append(i).append('\n');
        }
        yaml.append("custom:\n  secretBaker: [A]\n");

        assertThat(Yaml.read(yaml.toString())).hasSize(1);
    }

    @Test
    void recursiveAlias_isRefusedNotLoopedOver() {
        ConfigurationException e = fails("service: a\ncustom:\n  secretBaker: [A, {name: B, path: &p [*p]}]\n");

        assertThat(e.location()).isEqualTo("custom.secretBaker[1]");
        assertThat(e.getMessage()).contains("refers to a YAML anchor from inside itself");
        assertThat(fails("service: a\ncustom:\n  secretBaker: &s [A, *s]\n").getMessage()).contains("inside itself");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"!!int abc", "!!float x", "!!binary '%%%'", "!!map [a]",
            "!!seq {a: 1}", "!!str [a]", "!!int 0b2"})
    void explicitYamlTagThatDoesNotFitItsValue_isAnErrorWithItsPosition(String value) {
        ConfigurationException e = sectionFails("A: " + value);

        assertThat(e.location()).isEqualTo("serverless.yml");
        assertThat(e.getMessage()).contains("the value cannot be read as !!").contains("(line 6, column 8)");
    }

    @Test
    void unknownTagWhereAPathBelongs_saysItCannotBeEvaluated() {
        assertThat(sectionFails("A: !Vault secret/db").getMessage())
                .contains("a value with the YAML tag !Vault, which secret-baker cannot evaluate");
    }

    @Test
    void hugeFile_isRefusedWithoutParsing() {
        byte[] content = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(content, (byte) '#');

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromServerlessYaml(content, "serverless.yml", Yaml.NO_OPTIONS));

        assertThat(e.getMessage()).contains("bytes are read");
    }

    @Test
    void deepNesting_isRefused() {
        String yaml = "service: a\ndeep: " + "[".repeat(500) + "]".repeat(500) + "\ncustom:\n  secretBaker: [A]\n";

        assertThat(fails(yaml).getMessage()).contains("is not valid YAML").containsIgnoringCase("nesting");
    }

    @Test
    void exception_carriesLocationAndProblemSeparately() {
        ConfigurationException e = sectionFails("- 42");

        assertThat(e.location()).isEqualTo("custom.secretBaker[0]");
        assertThat(e.problem()).startsWith("expected a secret name");
        assertThat(e.getMessage()).isEqualTo(e.location() + ": " + e.problem());
    }
}
