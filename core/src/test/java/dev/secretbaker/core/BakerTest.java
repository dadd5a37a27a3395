package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.config.PackageSecrets;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.SsmException;

class BakerTest {

    private static final String PLAINTEXT = "plaintext-canary-7d1e";

    @TempDir
    Path folder;

    private final FakeSsm ssm = new FakeSsm();

    private Baker baker() {
        return Baker.builder().ssmClient(ssm).build();
    }

    private static SecretRequest request(String name, String parameter, int index) {
        return new SecretRequest(name, parameter, "custom.secretBaker[" + index + "]");
    }

    @Test
    void bake_writesCiphertextsAndArns_inConfigurationOrder() throws Exception {
        ssm.secure("/app/zeta", "CIPHER-Z").secure("/app/alpha", "CIPHER-A").secure("MY_SECRET", "CIPHER-M");
        List<SecretRequest> requests = List.of(
                request("ZETA", "/app/zeta", 0), request("MY_SECRET", "MY_SECRET", 1), request("ALPHA", "/app/alpha", 2));

        BakeResult result = baker().bake(requests, folder.resolve("secret-baker-secrets.json"));

        String json = Files.readString(folder.resolve("secret-baker-secrets.json"));
        assertThat(json).isEqualTo("{\"ZETA\":{\"ciphertext\":\"CIPHER-Z\",\"arn\":\"" + FakeSsm.arn("/app/zeta") + "\"},"
                + "\"MY_SECRET\":{\"ciphertext\":\"CIPHER-M\",\"arn\":\"" + FakeSsm.arn("MY_SECRET") + "\"},"
                + "\"ALPHA\":{\"ciphertext\":\"CIPHER-A\",\"arn\":\"" + FakeSsm.arn("/app/alpha") + "\"}}");
        assertThat(result.parameters()).extracting(BakedParameter::secretName).containsExactly("ZETA", "MY_SECRET", "ALPHA");
        assertThat(result.parameters()).extracting(BakedParameter::keyId).containsOnly("alias/app");
        assertThat(result.output()).contains(folder.resolve("secret-baker-secrets.json").toAbsolutePath());
    }

    @Test
    void everyRead_isWithoutDecryption() {
        ssm.secure("/a", "C1").secure("/b", "C2");

        baker().verify(List.of(request("A", "/a", 0), request("B", "/b", 1)));

        assertThat(ssm.getRequests).isNotEmpty().allSatisfy(r -> assertThat(r.withDecryption()).isFalse());
    }

    @Test
    void identicalReferences_areReadOnce_andBakedUnderEachName() {
        ssm.secure("/shared", "C");

        BakeResult result = baker().verify(List.of(request("ONE", "/shared", 0), request("TWO", "/shared", 1)));

        assertThat(ssm.getRequests).hasSize(1);
        assertThat(ssm.getRequests.get(0).names()).containsExactly("/shared");
        assertThat(result.secretsFile().secrets()).extracting(BakedSecret::name).containsExactly("ONE", "TWO");
    }

    @Test
    void hundredSecrets_takeAtMostTwoCallsPerTen_andKeepConfigurationOrder() {
        List<SecretRequest> requests = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            String name = String.format("/app/secret-%03d", i);
            ssm.secure(name, "C" + i);
            requests.add(request("S" + i, name, 99 - i));
        }

        BakeResult result = baker().verify(requests);

        assertThat(result.apiCalls().total()).isLessThanOrEqualTo(2 * 10);
        assertThat(result.apiCalls().getParameters()).isEqualTo(10);
        assertThat(ssm.getRequests).allSatisfy(r -> assertThat(r.names()).hasSizeLessThanOrEqualTo(10));
        assertThat(result.secretsFile().names()).containsExactlyElementsOf(requests.stream().map(SecretRequest::name).toList());
    }

    @Test
    void pinnedVersionAndLabel_bakeThatVersionsCiphertext() {
        ssm.put("/db", "SecureString", "V1", "alias/app", "blue").put("/db", "SecureString", "V2", "alias/app");

        BakeResult result = baker().verify(List.of(request("BY_VERSION", "/db:1", 0), request("BY_LABEL", "/db:blue", 1),
                request("LATEST", "/db", 2)));

        assertThat(result.secretsFile().secrets()).extracting(BakedSecret::ciphertext).containsExactly("V1", "V1", "V2");
        assertThat(result.parameters()).extracting(BakedParameter::version).containsExactly(1L, 1L, 2L);
        assertThat(result.parameters()).extracting(BakedParameter::latestVersion).containsExactly(false, false, true);
    }

    @Test
    void arnReference_isBakedWithTheParametersArn() {
        ssm.secure("/app/token", "C");

        BakeResult result = baker().verify(List.of(request("TOKEN", FakeSsm.arn("/app/token"), 0)));

        assertThat(result.secretsFile().find("TOKEN")).hasValueSatisfying(s -> assertThat(s.arn()).isEqualTo(FakeSsm.arn("/app/token")));
    }

    @Test
    void stringParameter_isRefused_andItsValueAppearsNowhere() {
        ssm.put("/app/plain", "String", PLAINTEXT, null);

        assertThatThrownBy(() -> baker().verify(List.of(request("PLAIN", "/app/plain", 0))))
                .isInstanceOfSatisfying(BakeException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.secretName()).isEqualTo("PLAIN");
                        assertThat(p.parameter()).isEqualTo("/app/plain");
                        assertThat(p.reason()).contains("String parameter, not a SecureString");
                        assertThat(p.fix()).contains("--type SecureString");
                    });
                    assertThat(e.getMessage()).contains("PLAIN", "/app/plain", "custom.secretBaker[0]").doesNotContain(PLAINTEXT);
                    assertThat(e.toString()).doesNotContain(PLAINTEXT);
                });
    }

    @Test
    void awsManagedKey_isRefused_withTheCommandToUseACustomerManagedKey() {
        ssm.put("/app/default-key", "SecureString", "C", "alias/aws/ssm");

        assertThatThrownBy(() -> baker().verify(List.of(request("DEFAULT_KEY", "/app/default-key", 0))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.reason()).contains("alias/aws/ssm");
                    assertThat(p.fix()).contains("aws ssm put-parameter --name /app/default-key --type SecureString --key-id")
                            .contains("--overwrite");
                }));
    }

    @Test
    void missingParameterVersionAndLabel_areEachNamed_inOneError() {
        ssm.secure("/app/db", "C").secure("/app/db", "C2");

        assertThatThrownBy(() -> baker().verify(List.of(
                request("GONE", "/app/gone", 0),
                request("OLD", "/app/db:7", 1),
                request("LABELLED", "/app/db:prod", 2),
                request("FINE", "/app/db", 3))))
                .isInstanceOfSatisfying(BakeException.class, e -> {
                    assertThat(e.problems()).extracting(BakeProblem::secretName).containsExactly("GONE", "OLD", "LABELLED");
                    assertThat(e.problems().get(0).reason()).contains("/app/gone does not exist in");
                    assertThat(e.problems().get(1).reason()).containsIgnoringCase("version 7 of /app/db does not exist").contains("latest version is 2");
                    assertThat(e.problems().get(2).reason()).containsIgnoringCase("no version of /app/db has the label prod");
                    assertThat(e.getMessage()).contains("3 problems with 3 secrets");
                });
    }

    @Test
    void duplicateSecretNames_areRefused() {
        ssm.secure("/a", "C");

        assertThatThrownBy(() -> baker().verify(List.of(request("X", "/a", 0), request("X", "/a", 1))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.reason()).contains("already used at custom.secretBaker[0]")));
    }

    @Test
    void accessDenied_isOneProblem_namingTheSecretsAndThePermission() {
        ssm.secure("/a", "C").secure("/b", "C");
        ssm.getFailure = r -> SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("User: deployer is not authorized to perform: ssm:GetParameters")
                .build()).build();

        assertThatThrownBy(() -> baker().verify(List.of(request("A", "/a", 0), request("B", "/b", 1))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.secretName()).isNull();
                    assertThat(p.reason()).contains("A, B", "access denied", "not authorized");
                    assertThat(p.fix()).contains("ssm:GetParameters", "ssm:DescribeParameters");
                }));
    }

    @Test
    void aFailedCallForThirtySecrets_namesEveryOne_inConfigurationOrder() {
        List<SecretRequest> requests = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            String path = String.format("/p%02d", i);
            ssm.secure(path, "C");
            requests.add(request("SECRET_" + i, path, 29 - i));
        }
        ssm.describeFailure = r -> SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("not authorized to perform: ssm:DescribeParameters").build()).build();

        assertThatThrownBy(() -> baker().verify(requests))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.reason()).contains("the key and tier of "
                                + String.join(", ", requests.stream().map(SecretRequest::name).toList()) + " from")));
    }

    @Test
    void referenceRejectedForTheWholeBatch_isAskedAloneToNameTheCulprit() {
        ssm.secure("/ok", "C");
        ssm.getFailure = r -> r.names().contains("bad name") ? SsmException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage("Invalid parameter name").build())
                .build() : null;

        assertThatThrownBy(() -> baker().verify(List.of(request("OK", "/ok", 0), request("BAD", "bad name", 1))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.secretName()).isEqualTo("BAD");
                    assertThat(p.reason()).contains("rejected", "Invalid parameter name");
                }));
    }

    @Test
    void failedBake_leavesAnOlderFileUntouched_andWritesNothingNew() throws Exception {
        Path output = folder.resolve("secret-baker-secrets.json");
        byte[] older = "{\"OLD\":{\"ciphertext\":\"X\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/OLD\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(output, older);
        ssm.secure("/a", "C");

        assertThatThrownBy(() -> baker().bake(List.of(request("A", "/a", 0), request("B", "/missing", 1)), output))
                .isInstanceOf(BakeException.class);

        assertThat(Files.readAllBytes(output)).isEqualTo(older);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(output);
        }
    }

    @Test
    void bakePackages_writesEachPackageItsOwnFile_fromOneReadOfEachParameter() throws Exception {
        ssm.secure("/shared", "C-SHARED").secure("/api", "C-API").secure("/worker", "C-WORKER").secure("/admin-db", "C-ADMIN");
        PackageSecrets api = new PackageSecrets(List.of("api"), folder.resolve("api/f.json").toString(),
                List.of(request("SHARED", "/shared", 0), request("OWN", "/api", 1)));
        PackageSecrets worker = new PackageSecrets(List.of("worker"), folder.resolve("worker/f.json").toString(),
                List.of(request("SHARED", "/shared", 0), request("OWN", "/worker", 1), request("DB", "/admin-db", 2)));

        List<BakeResult> results = baker().bakePackages(List.of(api, worker));

        assertThat(Files.readString(folder.resolve("api/f.json"))).isEqualTo("{\"SHARED\":{\"ciphertext\":\"C-SHARED\",\"arn\":\""
                + FakeSsm.arn("/shared") + "\"},\"OWN\":{\"ciphertext\":\"C-API\",\"arn\":\"" + FakeSsm.arn("/api") + "\"}}");
        assertThat(SecretsFile.read(Files.readAllBytes(folder.resolve("worker/f.json"))).secrets())
                .extracting(BakedSecret::name, BakedSecret::ciphertext).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHARED", "C-SHARED"), org.assertj.core.groups.Tuple.tuple("OWN", "C-WORKER"),
                        org.assertj.core.groups.Tuple.tuple("DB", "C-ADMIN"));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).parameters()).extracting(BakedParameter::arn).containsExactly(FakeSsm.arn("/shared"), FakeSsm.arn("/api"));
        assertThat(results.get(1).output()).contains(folder.resolve("worker/f.json").toAbsolutePath());
        assertThat(ssm.getRequests).hasSize(1);
        assertThat(ssm.getRequests.get(0).names()).containsExactlyInAnyOrder("/shared", "/api", "/worker", "/admin-db");
    }

    @Test
    void bakePackages_withAProblemInOnePackage_writesNoPackage_andNamesTheSecretOnce() {
        ssm.secure("/a", "C");
        PackageSecrets good = new PackageSecrets(List.of("good"), folder.resolve("good.json").toString(), List.of(request("A", "/a", 0)));
        PackageSecrets bad = new PackageSecrets(List.of("bad"), folder.resolve("bad.json").toString(),
                List.of(request("A", "/a", 0), new SecretRequest("GONE", "/gone", "functions.bad.secretBaker[0]")));
        PackageSecrets alsoBad = new PackageSecrets(List.of("worse"), folder.resolve("worse.json").toString(),
                List.of(new SecretRequest("GONE", "/gone", "functions.bad.secretBaker[0]")));

        assertThatThrownBy(() -> baker().bakePackages(List.of(good, bad, alsoBad)))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.source()).isEqualTo("functions.bad.secretBaker[0]")));
        assertThat(folder.resolve("good.json")).doesNotExist();
        assertThat(folder.resolve("bad.json")).doesNotExist();
    }

    @Test
    void bakePackages_refusesADuplicateNameWithinOnePackage_butNotAcrossPackages() {
        ssm.secure("/a", "C").secure("/b", "D");
        PackageSecrets one = new PackageSecrets(List.of("one"), folder.resolve("1.json").toString(), List.of(request("X", "/a", 0)));
        PackageSecrets two = new PackageSecrets(List.of("two"), folder.resolve("2.json").toString(), List.of(request("X", "/b", 0)));
        PackageSecrets twice = new PackageSecrets(List.of("three"), folder.resolve("3.json").toString(),
                List.of(request("Y", "/a", 0), request("Y", "/b", 1)));

        assertThat(baker().bakePackages(List.of(one, two))).hasSize(2);
        assertThatThrownBy(() -> baker().bakePackages(List.of(one, twice)))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.secretName()).isEqualTo("Y")));
    }

    @Test
    void folderAsOutput_isRefused() {
        ssm.secure("/a", "C");

        assertThatThrownBy(() -> baker().bake(List.of(request("A", "/a", 0)), folder))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.getMessage()).contains("is a folder"));
    }

    @Test
    void noSecrets_writesAnEmptyObject_withoutCalls() throws Exception {
        BakeResult result = baker().bake(List.of(), folder.resolve("out/secret-baker-secrets.json"));

        assertThat(Files.readString(folder.resolve("out/secret-baker-secrets.json"))).isEqualTo("{}");
        assertThat(result.apiCalls()).isEqualTo(ApiCalls.NONE);
        assertThat(ssm.getRequests).isEmpty();
    }

    @Test
    void resultToString_holdsNoCiphertext() {
        ssm.secure("/a", "CIPHERTEXT-CANARY");

        BakeResult result = baker().verify(List.of(request("A", "/a", 0)));

        assertThat(result.toString()).doesNotContain("CIPHERTEXT-CANARY");
        assertThat(result.parameters().toString()).doesNotContain("CIPHERTEXT-CANARY");
        assertThat(SecretsFile.read(result.secretsFile().toJson()).find("A")).isPresent();
    }

    @Test
    void parallelCalls_reachButNeverExceedTheConcurrencyLimit() {
        List<SecretRequest> requests = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ssm.secure("/p/" + i, "C" + i);
            requests.add(request("S" + i, "/p/" + i, i));
        }

        ssm.overlap = new java.util.concurrent.CountDownLatch(3);

        Baker.builder().ssmClient(ssm).maxConcurrency(3).build().verify(requests);

        // Three calls had to be in flight together for the bake to finish, and never more.
        assertThat(ssm.maxInFlight.get()).isEqualTo(3);
    }

    @Test
    void pagedDescriptions_areFollowedToTheEnd() {
        ssm.describePageSize = 3;
        List<SecretRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ssm.secure("/p/" + i, "C" + i);
            requests.add(request("S" + i, "/p/" + i, i));
        }

        BakeResult result = baker().verify(requests);

        assertThat(ssm.describeRequests).hasSize(3);
        assertThat(result.parameters()).allSatisfy(p -> assertThat(p.keyId()).isEqualTo("alias/app"));
    }

    @Test
    void aBatchFailingOnOneMissingVersion_isAskedAgainOneByOne() {
        ssm.secure("/a", "CA").secure("/b", "CB");
        ssm.getFailure = r -> r.names().contains("/b:5") ? software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException
                .builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterVersionNotFound")
                        .errorMessage("Systems Manager could not find version 5 of /b").build()).build() : null;

        assertThatThrownBy(() -> baker().verify(List.of(request("A", "/a", 0), request("B", "/b:5", 1))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.secretName()).isEqualTo("B");
                    assertThat(p.reason()).containsIgnoringCase("version 5 of /b does not exist");
                }));
        assertThat(ssm.getRequests).extracting(GetParametersRequest::names)
                .containsExactly(List.of("/a", "/b:5"), List.of("/a"), List.of("/b:5"));
    }

    @Test
    void describeFailure_namesEverySecretOfTheParameter_andStringsAreStillRefused() {
        ssm.secure("/a", "C1").secure("/a", "C2").put("/plain", "String", PLAINTEXT, null);
        ssm.describeFailure = r -> SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("not authorized to perform: ssm:DescribeParameters").build()).build();

        assertThatThrownBy(() -> baker().verify(List.of(request("A", "/a", 0), request("A_V1", "/a:1", 1),
                request("PLAIN", "/plain", 2))))
                .isInstanceOfSatisfying(BakeException.class, e -> {
                    assertThat(e.problems()).extracting(BakeProblem::secretName).containsExactly(null, "PLAIN");
                    assertThat(e.problems().get(0).reason()).contains("the key and tier of A, A_V1", "DescribeParameters");
                    assertThat(e.getMessage()).doesNotContain(PLAINTEXT);
                });
    }

    @Test
    void throttlingThatOutlastsTheRetries_saysToRunAgainLater() {
        ssm.secure("/a", "C");
        ssm.getFailure = r -> SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build()).build();

        assertThatThrownBy(() -> baker().verify(List.of(request("A", "/a", 0))))
                .isInstanceOfSatisfying(BakeException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.reason()).contains("still throttling", "Rate exceeded");
                    assertThat(p.fix()).contains("again");
                }));
    }
}
