package dev.secretbaker.core.config;

import static dev.secretbaker.core.config.Yaml.read;
import static dev.secretbaker.core.config.Yaml.sectionFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudFormationTagsTest {

    /** Every short-form function, on scalars, sequences and maps, nested in each other. */
    private static final String RESOURCES = String.join("\n",
            "service: app",
            "provider:",
            "  name: aws",
            "  environment:",
            "    TABLE: !Ref Table",
            "    QUEUE_URL: !GetAtt [Queue, QueueUrl]",
            "    QUEUE_ARN: !GetAtt Queue.Arn",
            "    IMPORTED: !ImportValue shared-${sls:stage}-vpc",
            "    SUBBED: !Sub '${AWS::StackName}-${AWS::Region}'",
            "    SUB_LIST: !Sub",
            "      - '${Name}-x'",
            "      - Name: !Ref AWS::StackName",
            "    JOINED: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::bucket']]",
            "    PICKED: !Select [0, !Split [',', !ImportValue list]]",
            "    FOUND: !FindInMap [Map, !Ref AWS::Region, Key]",
            "    ENCODED: !Base64 text",
            "    ZONES: !GetAZs ''",
            "    CIDRS: !Cidr [!GetAtt Vpc.CidrBlock, 6, 5]",
            "    CHOSEN: !If [IsProd, prod, dev]",
            "resources:",
            "  Conditions:",
            "    IsProd: !Equals [!Ref Stage, prod]",
            "    NotProd: !Not [!Condition IsProd]",
            "    Both: !And [!Condition IsProd, !Equals [a, a]]",
            "    Either: !Or [!Condition IsProd, !Condition NotProd]",
            "  Resources:",
            "    Table:",
            "      Type: AWS::DynamoDB::Table",
            "      Condition: IsProd",
            "      Properties: !If",
            "        - IsProd",
            "        - {BillingMode: PAY_PER_REQUEST}",
            "        - !Ref AWS::NoValue",
            "    Custom: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
            "custom:",
            "  secretBaker:",
            "    - A",
            "    - name: B",
            "      path: /b/${sls:stage}",
            "");

    @Test
    void shortFormFunctionsAnywhereElse_doNotBreakReading() {
        assertThat(read(RESOURCES)).extracting(SecretRequest::name).containsExactly("A", "B");
    }

    @Test
    void taggedValueReferredToFromElsewhere_isKeptOpaque() {
        String yaml = RESOURCES.replace("    - A\n", "    - A\n    - name: C\n      path: /c/${self:provider.environment.TABLE}\n");

        ConfigurationException e = Yaml.fails(yaml);

        assertThat(e.location()).isEqualTo("custom.secretBaker[1]");
        assertThat(e.getMessage()).contains("the CloudFormation function !Ref");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB: !Ref DbPasswordParameter", "DB: !Sub '/app/${AWS::Region}/db'",
            "DB: !Join ['/', [app, db]]", "DB: !GetAtt Param.Name"})
    void functionWhereAPathBelongs_isAnErrorNamingTheFunction(String entry) {
        ConfigurationException e = sectionFails(entry);

        assertThat(e.location()).isEqualTo("custom.secretBaker.DB");
        assertThat(e.getMessage()).contains("the CloudFormation function !").contains("only at deploy time");
    }

    @Test
    void functionAsAListItem_isAnError() {
        ConfigurationException e = sectionFails("- !Ref Secret");

        assertThat(e.location()).isEqualTo("custom.secretBaker[0]");
        assertThat(e.getMessage()).contains("the CloudFormation function !Ref");
    }

    @Test
    void functionAsTheWholeSection_isAnError() {
        ConfigurationException e = Yaml.fails("service: a\ncustom:\n  secretBaker: !If [IsProd, [A], [B]]\n");

        assertThat(e.location()).isEqualTo("custom.secretBaker");
        assertThat(e.getMessage()).contains("the CloudFormation function !If");
    }

    @Test
    void javaClassTags_areNeverInstantiated() {
        for (String tag : List.of("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]",
                "!!java.io.File /tmp/x", "!!java.lang.ProcessBuilder [[touch, /tmp/pwned]]")) {
            ConfigurationException e = sectionFails("DB: " + tag);

            // Refused while reading the document, before anything could be constructed.
            assertThat(e.location()).as(tag).isEqualTo("serverless.yml");
            assertThat(e.getMessage()).as(tag).contains("Global tag is not allowed");
        }
    }

    @Test
    void unknownLocalTagsBeyondCloudFormation_areAlsoPlainValues() {
        String yaml = "service: a\nthing: !Whatever {x: 1}\nother: !Custom [1, 2]\ncustom:\n  secretBaker: [A]\n";

        assertThat(Yaml.read(yaml)).extracting(SecretRequest::name).containsExactly("A");
    }

    @Test
    void theSameFileAsBytes_withCrLf_alsoReads() {
        byte[] content = RESOURCES.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(SecretBakerConfig.fromServerlessYaml(content, "serverless.yml", Yaml.NO_OPTIONS)).hasSize(2);
    }
}
