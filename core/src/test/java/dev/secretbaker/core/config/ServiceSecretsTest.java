package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSecretsTest {

    private static ServiceSecrets secrets(Object service, Map<String, ?> functions) {
        return ServiceSecrets.fromValues(service, functions);
    }

    private static Map<String, Object> functions(Object... nameAndValue) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndValue.length; i += 2) {
            map.put((String) nameAndValue[i], nameAndValue[i + 1]);
        }
        return map;
    }

    @Test
    void aFunctionsPackage_holdsTheServiceSecretsThenItsOwn_andNoOtherFunctions() {
        ServiceSecrets secrets = secrets(List.of("SHARED"), functions(
                "api", Map.of("API_KEY", "/app/api-key"),
                "worker", List.of(Map.of("name", "QUEUE", "path", "/app/queue"))));

        assertThat(secrets.forPackage(List.of("api")))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("SHARED", "SHARED", "custom.secretBaker[0]"),
                        tuple("API_KEY", "/app/api-key", "functions.api.secretBaker.API_KEY"));
        assertThat(secrets.forPackage(List.of("worker")))
                .extracting(SecretRequest::name, SecretRequest::source)
                .containsExactly(tuple("SHARED", "custom.secretBaker[0]"), tuple("QUEUE", "functions.worker.secretBaker[0]"));
        assertThat(secrets.forPackage(List.of())).extracting(SecretRequest::name).containsExactly("SHARED");
        assertThat(secrets.functionsWithOwnSecrets()).containsExactly("api", "worker");
    }

    @Test
    void everyFormOfTheConfiguration_isAcceptedForAFunction_mixedToo() {
        ServiceSecrets secrets = secrets(null, functions("fn", List.of("PLAIN",
                Map.of("name", "CUSTOM", "path", "a/custom/path")), "map", Map.of("PINNED", "/p:2", "LABELLED", "/p:prod")));

        assertThat(secrets.forPackage(List.of("fn"))).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("PLAIN", "PLAIN"), tuple("CUSTOM", "a/custom/path"));
        assertThat(secrets.forPackage(List.of("map"))).extracting(SecretRequest::parameter)
                .containsExactlyInAnyOrder("/p:2", "/p:prod");
    }

    @Test
    void aFunctionsOwnEntry_replacesTheServiceEntryOfTheSameName_inItsPlace() {
        ServiceSecrets secrets = secrets(Map.of("DB", "/app/db"), functions("admin", Map.of("DB", "/app/admin-db", "X", "/x")));

        assertThat(secrets.forPackage(List.of("admin")))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("DB", "/app/admin-db", "functions.admin.secretBaker.DB"), tuple("X", "/x", "functions.admin.secretBaker.X"));
        assertThat(secrets.forPackage(List.of("other"))).extracting(SecretRequest::parameter).containsExactly("/app/db");
    }

    @Test
    void aSharedPackage_holdsTheUnion_andTheSameEntryInTwoFunctionsOnce() {
        ServiceSecrets secrets = secrets(List.of("SHARED"), functions(
                "a", List.of("ONLY_A", "BOTH"), "b", List.of("BOTH", "ONLY_B")));

        assertThat(secrets.forPackage(List.of("a", "b"))).extracting(SecretRequest::name)
                .containsExactly("SHARED", "ONLY_A", "BOTH", "ONLY_B");
    }

    @Test
    void oneNameForTwoParameters_inOneSharedPackage_isRefused_namingBothPlacesAndTheFix() {
        ServiceSecrets secrets = secrets(Map.of("DB", "/app/db"), functions("admin", Map.of("DB", "/app/admin-db")));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.forPackage(List.of("hello", "admin")));

        assertThat(e.location()).isEqualTo("functions.admin.secretBaker.DB");
        assertThat(e.problem()).contains("functions hello and admin share one deployment package",
                "DB is the parameter /app/admin-db for admin and /app/db for hello (custom.secretBaker.DB)",
                "give the two secrets different names, or set package.individually: true");
    }

    @Test
    void aMalformedFunctionEntry_isNamedInTheFunctionsSection() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets(null, functions("my fn", List.of("OK", 42))));

        assertThat(e.location()).isEqualTo("functions[\"my fn\"].secretBaker[1]");
        assertThat(e.problem()).contains("but found a number (42)");
    }

    @Test
    void aDuplicateNameWithinOneFunction_isRefused() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets(null, functions("fn", List.of("A", Map.of("name", "A", "path", "/a")))));

        assertThat(e.location()).isEqualTo("functions.fn.secretBaker[1]");
        assertThat(e.problem()).contains("already used by functions.fn.secretBaker[0]");
    }

    private static List<PackageSecrets> packages(String json) {
        return SecretBakerConfig.packagesFromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void packagesJson_givesEachPackageItsFileAndSecrets() {
        List<PackageSecrets> packages = packages("""
                {"secretBaker": ["SHARED"],
                 "functions": {"api": {"API_KEY": "/k"}, "worker": null},
                 "packages": [{"functions": ["api"], "file": "a.json"}, {"functions": ["worker", "x"], "file": "w.json"},
                              {"functions": [], "file": "s.json", "sharedRole": false}]}""");

        assertThat(packages).extracting(PackageSecrets::file).containsExactly("a.json", "w.json", "s.json");
        assertThat(packages.get(0).secrets()).extracting(SecretRequest::name).containsExactly("SHARED", "API_KEY");
        assertThat(packages.get(1).secrets()).extracting(SecretRequest::name).containsExactly("SHARED");
        assertThat(packages.get(1).functions()).containsExactly("worker", "x");
        assertThat(packages.get(2).secrets()).extracting(SecretRequest::name).containsExactly("SHARED");
        assertThat(packages).extracting(PackageSecrets::sharedRole).containsExactly(true, true, false);
    }

    @Test
    void packagesJson_thatIsMalformed_isRefusedNamingTheMember() {
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> packages("[]")).getMessage())
                .startsWith("the packages JSON: expected an object with secretBaker, functions and packages");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> packages("{\"secretBaker\": [], \"extra\": 1}"))
                .getMessage()).contains("unknown member 'extra'");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> packages("{\"packages\": []}")).location())
                .isEqualTo("the packages JSON.packages");
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> packages("{\"packages\": [{\"functions\": \"api\", \"file\": \"x\"}]}")).location())
                .isEqualTo("the packages JSON.packages[0]");
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> packages("{\"packages\": [{\"functions\": [], \"file\": \"x\", \"sharedRole\": \"no\"}]}")).location())
                .isEqualTo("the packages JSON.packages[0]");
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> packages("{\"functions\": [], \"packages\": [{\"functions\": [], \"file\": \"x\"}]}")).location())
                .isEqualTo("the packages JSON.functions");
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> packages("{\"functions\": {\"f\": 7}, \"packages\": [{\"functions\": [\"f\"], \"file\": \"x\"}]}")).getMessage())
                .startsWith("functions.f.secretBaker: expected a list of secrets");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> packages("{\"packages\": [")).getMessage())
                .startsWith("the packages JSON: the JSON configuration is not valid JSON");
    }
}
