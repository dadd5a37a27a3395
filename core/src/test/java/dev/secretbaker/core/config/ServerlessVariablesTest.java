package dev.secretbaker.core.config;

import static dev.secretbaker.core.config.Yaml.fails;
import static dev.secretbaker.core.config.Yaml.lines;
import static dev.secretbaker.core.config.Yaml.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerlessVariablesTest {

    private static ConfigOptions stage(String stage) {
        return ConfigOptions.builder().stage(stage).environment(Map.of()).build();
    }

    /** A file whose only secret has the given path (and optional provider lines). */
    private static String pathFile(String path, String... provider) {
        StringBuilder yaml = new StringBuilder("service: billing\nprovider:\n  name: aws\n");
        for (String line : provider) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.append("custom:\n  prefix: /${self:service}/${sls:stage}\n  secretBaker:\n    DB: \"")
                .append(path).append("\"\n").toString();
    }

    private static String pathOf(String yaml, ConfigOptions options) {
        List<SecretRequest> requests = read(yaml, options);
        assertThat(requests).hasSize(1);
        return requests.get(0).parameter();
    }

    @Test
    void slsStage_isTheStageOption() {
        assertThat(pathOf(pathFile("/app/${sls:stage}/db"), stage("prod"))).isEqualTo("/app/prod/db");
    }

    @Test
    void slsStage_withoutOption_isProviderStage() {
        assertThat(pathOf(pathFile("/app/${sls:stage}/db", "stage: qa"), Yaml.NO_OPTIONS)).isEqualTo("/app/qa/db");
    }

    @Test
    void slsStage_withNeitherOptionNorProviderStage_isDev() {
        assertThat(pathOf(pathFile("/app/${sls:stage}/db"), Yaml.NO_OPTIONS)).isEqualTo("/app/dev/db");
    }

    @Test
    void slsStage_withEmptyProviderStage_isDev() {
        assertThat(pathOf(pathFile("/app/${sls:stage}", "stage: ''"), Yaml.NO_OPTIONS)).isEqualTo("/app/dev");
    }

    @Test
    void slsStage_optionWinsOverProviderStage() {
        assertThat(pathOf(pathFile("/app/${sls:stage}", "stage: qa"), stage("prod"))).isEqualTo("/app/prod");
    }

    @Test
    void slsStage_withProviderStageThatIsAVariable_resolvesIt() {
        String yaml = pathFile("/app/${sls:stage}", "stage: ${opt:stage, 'staging'}");

        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/app/staging");
        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/app/prod");
    }

    @Test
    void optStage_withDefault_usesTheDefaultOnlyWhenNoOptionIsGiven() {
        String yaml = pathFile("/app/${opt:stage, 'dev'}");

        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/app/dev");
        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/app/prod");
    }

    @Test
    void optStage_ignoresProviderStage_asTheFrameworkDoes() {
        assertThat(pathOf(pathFile("/app/${opt:stage, 'x'}", "stage: qa"), Yaml.NO_OPTIONS)).isEqualTo("/app/x");
    }

    @Test
    void optRegion_isTheRegionOption() {
        ConfigOptions options = ConfigOptions.builder().region("eu-west-1").environment(Map.of()).build();

        assertThat(pathOf(pathFile("/r/${opt:region}"), options)).isEqualTo("/r/eu-west-1");
    }

    @Test
    void awsRegion_isTheRegionOption_elseProviderRegion_elseUsEast1() {
        ConfigOptions options = ConfigOptions.builder().region("eu-west-1").environment(Map.of()).build();

        assertThat(pathOf(pathFile("/r/${aws:region}", "region: ap-south-1"), options)).isEqualTo("/r/eu-west-1");
        assertThat(pathOf(pathFile("/r/${aws:region}", "region: ap-south-1"), Yaml.NO_OPTIONS)).isEqualTo("/r/ap-south-1");
        assertThat(pathOf(pathFile("/r/${aws:region}"), Yaml.NO_OPTIONS)).isEqualTo("/r/us-east-1");
    }

    @Test
    void anyOption_feedsOpt() {
        ConfigOptions options = ConfigOptions.builder().option("tenant", "acme").environment(Map.of()).build();

        assertThat(pathOf(pathFile("/t/${opt:tenant}"), options)).isEqualTo("/t/acme");
    }

    @Test
    void selfService_andSelfCustomPath_areResolvedWithTheirOwnVariables() {
        assertThat(pathOf(pathFile("${self:custom.prefix}/db"), stage("prod"))).isEqualTo("/billing/prod/db");
        assertThat(pathOf(pathFile("/${self:service}"), Yaml.NO_OPTIONS)).isEqualTo("/billing");
    }

    @Test
    void selfProviderStage_isTheValueInTheFile() {
        assertThat(pathOf(pathFile("/${self:provider.stage}", "stage: qa"), stage("prod"))).isEqualTo("/qa");
    }

    @Test
    void selfPath_intoAList_usesTheIndex() {
        String yaml = lines("service: app", "custom:", "  paths: [/a, /b]", "  secretBaker:", "    B: ${self:custom.paths.1}");

        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/b");
    }

    @Test
    void selfPath_withAVariableInIt_resolvesTheInnerOneFirst() {
        String yaml = lines("service: app", "custom:", "  db:", "    prod: /prod/db", "    dev: /dev/db",
                "  secretBaker:", "    DB: ${self:custom.db.${sls:stage}}");

        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/prod/db");
        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/dev/db");
    }

    @Test
    void wholeSection_fromASelfVariable_isResolved() {
        String yaml = lines("service: app", "custom:", "  perStage:", "    prod:", "      - PROD_SECRET",
                "    dev:", "      DEV_SECRET: /dev/secret", "  secretBaker: ${self:custom.perStage.${sls:stage}}");

        assertThat(read(yaml, stage("prod"))).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("PROD_SECRET", "PROD_SECRET"));
        assertThat(read(yaml, Yaml.NO_OPTIONS)).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("DEV_SECRET", "/dev/secret"));
    }

    @Test
    void env_readsTheGivenEnvironment() {
        ConfigOptions options = ConfigOptions.builder().environment(Map.of("DB_PATH", "/from/env")).build();

        assertThat(pathOf(pathFile("${env:DB_PATH}"), options)).isEqualTo("/from/env");
    }

    @Test
    void defaults_areTriedInOrder() {
        String yaml = pathFile("/${opt:stage, self:provider.stage, 'dev'}", "stage: qa");

        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/prod");
        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/qa");
        assertThat(pathOf(pathFile("/${opt:stage, self:provider.stage, 'dev'}"), Yaml.NO_OPTIONS)).isEqualTo("/dev");
    }

    @Test
    void nestedVariableAsDefault_isResolvedWhenNeeded() {
        String yaml = pathFile("/${env:X, ${opt:y, 'z'}}");

        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/z");
        assertThat(pathOf(yaml, ConfigOptions.builder().option("y", "why").environment(Map.of()).build())).isEqualTo("/why");
        assertThat(pathOf(yaml, ConfigOptions.builder().environment(Map.of("X", "ex")).build())).isEqualTo("/ex");
    }

    @Test
    void doubleQuotedDefaults_andNumberDefaults_work() {
        assertThat(pathOf("service: a\ncustom:\n  secretBaker:\n    DB: '/${opt:s, \"dq\"}:${opt:v, 3}'\n", Yaml.NO_OPTIONS))
                .isEqualTo("/dq:3");
    }

    @Test
    void nullDefault_standsForNothing() {
        assertThat(fails(pathFile("${opt:p, null}")).getMessage()).contains("the secret has no path");
        assertThat(fails(pathFile("/a/${opt:p, null}")).getMessage())
                .contains("${opt:p, null} resolves to nothing (null), which cannot be part of a string");
        assertThat(read(lines("service: a", "custom:", "  secretBaker: ${opt:secrets, null}"))).isEmpty();
    }

    @Test
    void booleanDefault_isEmbeddedAsText() {
        assertThat(pathOf(pathFile("/flag/${opt:f, true}"), Yaml.NO_OPTIONS)).isEqualTo("/flag/true");
    }

    @Test
    void defaultContainingCommaOrBrace_insideQuotes_isOneDefault() {
        assertThat(pathOf("service: a\ncustom:\n  secretBaker:\n    DB: \"${opt:s, '/a,b}c'}\"\n", Yaml.NO_OPTIONS))
                .isEqualTo("/a,b}c");
    }

    @Test
    void severalVariablesInOneString_areAllResolved() {
        ConfigOptions options = ConfigOptions.builder().stage("prod").region("eu-west-1")
                .environment(Map.of("TEAM", "payments")).build();

        assertThat(pathOf(pathFile("/${env:TEAM}/${sls:stage}/${opt:region}/${self:service}"), options))
                .isEqualTo("/payments/prod/eu-west-1/billing");
    }

    @Test
    void numberFromSelf_isEmbeddedAsJavaScriptWritesIt() {
        String yaml = lines("service: app", "custom:", "  version: 4", "  secretBaker:", "    DB: /db:${self:custom.version}");

        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/db:4");
    }

    @Test
    void variableInAListItemName_isResolved() {
        String yaml = lines("service: app", "custom:", "  secretBaker:", "    - ${opt:secret, 'DEFAULT_SECRET'}",
                "    - name: N_${sls:stage}", "      path: /p/${sls:stage}");

        assertThat(read(yaml, stage("prod"))).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("DEFAULT_SECRET", "DEFAULT_SECRET"), tuple("N_prod", "/p/prod"));
    }

    @Test
    void param_fromTheCommandLine_thenStageParams_thenDefaultParams() {
        String yaml = lines("service: app", "params:", "  prod:", "    domain: prod.example.com",
                "  default:", "    domain: dev.example.com", "    team: core",
                "custom:", "  secretBaker:", "    A: /${param:domain}/${param:team}");

        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/prod.example.com/core");
        assertThat(pathOf(yaml, Yaml.NO_OPTIONS)).isEqualTo("/dev.example.com/core");
        assertThat(pathOf(yaml, ConfigOptions.builder().stage("prod").param("domain=cli.example.com")
                .environment(Map.of()).build())).isEqualTo("/cli.example.com/core");
    }

    @Test
    void param_fromStagesSectionOfServerlessV4_isRead() {
        String yaml = lines("service: app", "stages:", "  prod:", "    params:", "      key: /prod/key",
                "custom:", "  secretBaker:", "    A: ${param:key}");

        assertThat(pathOf(yaml, stage("prod"))).isEqualTo("/prod/key");
    }

    @Test
    void unresolvableOption_namesTheEntryAndTheMissingOption() {
        ConfigurationException e = fails(pathFile("/app/${opt:tenant}"));

        assertThat(e.location()).isEqualTo("custom.secretBaker.DB");
        assertThat(e.getMessage()).contains("cannot resolve ${opt:tenant}").contains("no --tenant option was given")
                .contains("${opt:tenant, 'value'}");
    }

    @Test
    void unresolvableEnvironmentVariable_saysItIsNotSet() {
        assertThat(fails(pathFile("${env:NOPE}")).getMessage()).contains("the environment variable NOPE is not set");
    }

    @Test
    void unresolvableSelfPath_saysThereIsNoValueThere() {
        assertThat(fails(pathFile("${self:custom.missing.deep}")).getMessage())
                .contains("the file has no value at custom.missing.deep");
    }

    @Test
    void unresolvableParam_saysHowToGiveOne() {
        assertThat(fails(pathFile("${param:domain}")).getMessage()).contains("--param \"domain=value\"");
    }

    @Test
    void allDefaultsMissing_isAnError() {
        assertThat(fails(pathFile("${opt:a, env:B, self:c}")).getMessage())
                .contains("cannot resolve ${opt:a, env:B, self:c}").contains("none of its defaults");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${ssm:/app/db}", "${ssm:/app/db, 'fallback'}", "${file(./secrets.yml):db}",
            "${cf:stack.Output}", "${s3:bucket/key}", "/p/${sls:instanceId}", "${aws:accountId}", "${git:branch}",
            "${strToBool(true)}", "${custom:thing}"})
    void unsupportedSourceInTheSection_isAnErrorNamingTheEntryAndTheSource(String variable) {
        ConfigurationException e = fails(pathFile(variable));

        assertThat(e.location()).isEqualTo("custom.secretBaker.DB");
        assertThat(e.getMessage()).contains("uses the source").contains("cannot resolve when it reads serverless.yml")
                .contains("Serverless plugin");
    }

    @Test
    void unsupportedSourceReachedThroughSelf_isAnErrorNamingTheEntry() {
        String yaml = lines("service: app", "custom:", "  dbPath: ${ssm:/config/db-path}", "  secretBaker:",
                "    - name: DB", "      path: ${self:custom.dbPath}");

        ConfigurationException e = fails(yaml);

        assertThat(e.location()).isEqualTo("custom.secretBaker[0]");
        assertThat(e.getMessage()).contains("'ssm'");
    }

    @Test
    void unsupportedSourcesElsewhereInTheFile_areIgnored() {
        String yaml = lines("service: app",
                "provider:",
                "  name: aws",
                "  environment:",
                "    PLAIN: ${ssm:/app/plain}",
                "    FROM_FILE: ${file(./config.${sls:stage}.json):value}",
                "    OUTPUT: ${cf:other-stack.Output}",
                "    BLOB: ${s3:bucket/key}",
                "  deploymentBucket: ${opt:bucket}",
                "custom:",
                "  fromSsm: ${ssm:/x}",
                "  secretBaker:",
                "    - A");

        assertThat(read(yaml)).extracting(SecretRequest::name).containsExactly("A");
    }

    @Test
    void circularReferences_areAnErrorNotAStackOverflow() {
        String yaml = lines("service: app", "custom:", "  a: ${self:custom.b}", "  b: ${self:custom.a}",
                "  secretBaker:", "    X: ${self:custom.a}");

        assertThat(fails(yaml).getMessage()).contains("refer to each other in a circle");
    }

    @Test
    void providerStageReferringToSlsStage_isACircleReported() {
        assertThat(fails(pathFile("/${sls:stage}", "stage: ${sls:stage}")).getMessage()).contains("circle");
    }

    @Test
    void variableResolvingToAnObject_insideAString_isAnError() {
        String yaml = lines("service: app", "custom:", "  obj: {a: 1}", "  secretBaker:", "    X: /p/${self:custom.obj}");

        assertThat(fails(yaml).getMessage()).contains("${self:custom.obj} resolves to an object").contains("part of a string");
    }

    @Test
    void variableResolvingToAnObject_wherePathBelongs_isAnError() {
        String yaml = lines("service: app", "custom:", "  obj: {a: 1}", "  secretBaker:", "    X: ${self:custom.obj}");

        ConfigurationException e = fails(yaml);

        assertThat(e.location()).isEqualTo("custom.secretBaker.X");
        assertThat(e.getMessage()).contains("expected a parameter path").contains("found an object");
    }

    @Test
    void unclosedVariable_isAnError() {
        assertThat(fails(pathFile("/p/${opt:stage")).getMessage()).contains("has no closing '}'");
    }

    @Test
    void emptyVariable_andBareWordDefault_areErrors() {
        assertThat(fails(pathFile("/p/${}")).getMessage()).contains("is empty");
        assertThat(fails(pathFile("/p/${opt:stage, dev}")).getMessage()).contains("neither a source");
    }

    @Test
    void deeplyNestedDefaults_areRefusedBeforeTheStackRunsOut() {
        String nested = "${opt:a, ".repeat(200) + "'x'" + "}".repeat(200);

        assertThat(fails(pathFile(nested)).getMessage()).contains("nested more than");
    }

    @Test
    void optionValues_areTakenLiterally_notResolvedAgain() {
        ConfigOptions options = ConfigOptions.builder().option("p", "/x/${env:HOME}").environment(Map.of()).build();

        ConfigurationException e = fails(pathFile("${opt:p}"), options);

        assertThat(e.getMessage()).contains("unresolved variable");
    }
}
