package dev.secretbaker.maven.it;

import static dev.secretbaker.maven.it.SecretBakerBuilds.arn;
import static dev.secretbaker.maven.it.SecretBakerBuilds.asDeployer;
import static dev.secretbaker.maven.it.SecretBakerBuilds.assertNowhereIn;
import static dev.secretbaker.maven.it.SecretBakerBuilds.decryptAsFunction;
import static dev.secretbaker.maven.it.SecretBakerBuilds.readFromJar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real Maven builds of the projects in {@code src/it}, with the emulator as Parameter Store and KMS. */
class BakeGoalIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension emulator = LocalAwsExtension.create(b -> b.seed(SecretBakerBuilds.SEED));

    @Test
    void bake_fromServerlessYml_putsTheStagesCiphertextsIntoTheJar() throws IOException {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("from-serverless-yml", "from-serverless-yml");

        BuildResult build = asDeployer(aws, project).args("package", "-Dsecret-baker.stage=prod").run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        assertThat(build.log()).contains("Baked 2 secrets from custom.secretBaker in " + project.resolve("serverless.yml"))
                .contains("GREETING <- /hello/prod/greeting version 1, key alias/hello-lambda");
        SecretsFile baked = readFromJar(project.resolve("target/from-serverless-yml-1.0.jar"));
        assertThat(baked.names()).containsExactly("GREETING", "API_KEY");
        BakedSecret greeting = baked.find("GREETING").orElseThrow();
        assertThat(greeting.arn()).isEqualTo(arn(aws, "/hello/prod/greeting"));
        assertThat(decryptAsFunction(aws, greeting)).isEqualTo("Hello from prod");
        assertThat(decryptAsFunction(aws, baked.find("API_KEY").orElseThrow())).isEqualTo("api-key-same-name");
        // Beside the jar, the policy the function needs: a principal holding only it decrypts both secrets.
        String policy = Files.readString(project.resolve("target/secret-baker-policy.json"));
        assertThat(policy).contains("\"kms:EncryptionContext:PARAMETER_ARN\"").contains(greeting.arn())
                .contains(baked.find("API_KEY").orElseThrow().arn());
        assertThat(build.log()).contains("least-privilege IAM policy");
        aws.addPrincipal("function-with-generated-policy", policy);
        try (KmsClient kms = LocalAwsClients.kms(aws, "function-with-generated-policy")) {
            for (BakedSecret secret : baked.secrets()) {
                kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                        .encryptionContext(Map.of("PARAMETER_ARN", secret.arn())));
            }
        }
        // The build side never calls KMS, never reads with decryption, and no value reaches its output.
        assertThat(aws.audit().events("deployer")).isNotEmpty()
                .noneMatch(e -> "kms".equals(e.service()))
                .noneMatch(e -> Boolean.TRUE.equals(e.withDecryption()));
        assertThat(build.log()).doesNotContain(greeting.ciphertext());
        assertNowhereIn(project, "Hello from prod");
        assertNowhereIn(project, "api-key-same-name");
    }

    @Test
    void bake_fromPomSecrets_bakesAPinnedVersion() {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("from-pom", "from-pom");

        BuildResult build = asDeployer(aws, project).args("package").run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        assertThat(build.log()).contains("Baked 3 secrets from <secrets> in the POM");
        SecretsFile baked = readFromJar(project.resolve("target/from-pom-1.0.jar"));
        assertThat(baked.names()).containsExactly("GREETING", "API_KEY_V1", "API_KEY");
        assertThat(decryptAsFunction(aws, baked.find("API_KEY_V1").orElseThrow())).isEqualTo("api-key-version-1");
        assertThat(decryptAsFunction(aws, baked.find("GREETING").orElseThrow())).isEqualTo("Hello from prod");
        assertThat(decryptAsFunction(aws, baked.find("API_KEY").orElseThrow())).as("a secret without a path")
                .isEqualTo("api-key-same-name");
    }

    @Test
    void bake_withShade_putsTheFileIntoTheShadedJarAndAddsNoDependency() throws IOException {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("shaded", "shaded");

        BuildResult build = asDeployer(aws, project).args("package").run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        Path jar = project.resolve("target/function.jar");
        assertThat(decryptAsFunction(aws, readFromJar(jar).find("GREETING").orElseThrow())).isEqualTo("Hello from prod");
        List<String> entries;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = zip.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries).contains("it/Function.class", "dev/secretbaker/runtime/BakedSecrets.class")
                .noneMatch(name -> name.startsWith("dev/secretbaker/core/")
                        || name.startsWith("dev/secretbaker/maven/")
                        || name.startsWith("software/amazon/awssdk/services/ssm/")
                        || name.startsWith("org/yaml/snakeyaml/")
                        || name.startsWith("org/apache/maven/"));
    }

    @Test
    void bake_withRefusedParameters_failsWithEveryProblemAndWritesNothing() throws IOException {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("failures", "failures");
        Path classes = project.resolve("target/classes");

        BuildResult build = asDeployer(aws, project).args("package").run();

        assertThat(build.succeeded()).as("%s", build).isFalse();
        assertThat(build.log())
                .contains("Cannot bake: 3 problems with 3 secrets.")
                .contains("MISSING (parameter /hello/prod/does-not-exist, configured at <secrets><secret> #2)")
                .contains("PLAIN (parameter /hello/plain-string, configured at <secrets><secret> #3)")
                .contains("MANAGED (parameter /hello/aws-managed, configured at <secrets><secret> #4)")
                .contains("does not exist in us-east-1")
                .contains("not a SecureString")
                .contains("AWS managed key alias/aws/ssm")
                .contains("Fix: Encrypt it with a customer managed KMS key")
                .doesNotContain("GREETING (")
                .doesNotContain("not a secret")
                .doesNotContain("under the AWS managed key");
        try (Stream<Path> written = Files.list(classes)) {
            assertThat(written.map(p -> p.getFileName().toString())).as("files in target/classes")
                    .noneMatch(name -> name.contains("secret-baker"));
        }
        assertThat(project.resolve("target/failures-1.0.jar")).doesNotExist();
    }

    @Test
    void bake_withRefusedParameters_leavesAnOlderFileAsItWas() throws IOException {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("failures", "failures-over-older-file");
        Path older = project.resolve("target/classes/" + SecretsFile.FILE_NAME);
        Files.createDirectories(older.getParent());
        Files.writeString(older, "{}", StandardCharsets.UTF_8);

        BuildResult build = asDeployer(aws, project).args("package").run();

        assertThat(build.succeeded()).as("%s", build).isFalse();
        assertThat(build.log()).contains("Cannot bake: 3 problems with 3 secrets.");
        assertThat(older).hasContent("{}");
    }

    @Test
    void bake_withMalformedServerlessYml_namesTheEntryAndWritesNothing() {
        LocalAws aws = emulator.aws();
        aws.audit().clear();
        Path project = MavenBuild.copyTestProject("malformed-config", "malformed-config");

        BuildResult build = asDeployer(aws, project).args("package").run();

        assertThat(build.succeeded()).as("%s", build).isFalse();
        assertThat(build.log()).contains("Invalid secret-baker configuration: custom.secretBaker[1] in "
                + project.resolve("serverless.yml"));
        assertThat(project.resolve("target/classes/" + SecretsFile.FILE_NAME)).doesNotExist();
        assertThat(aws.audit().events("deployer")).as("calls to Parameter Store").isEmpty();
    }

    @Test
    void bake_withSkip_bakesNothing_removesAnEarlierBakesFile_andSaysWhy() throws IOException {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("from-pom", "skipped");
        BuildResult earlier = asDeployer(aws, project).args("package").run();
        assertThat(earlier.succeeded()).as("%s", earlier).isTrue();
        assertThat(project.resolve("target/classes/" + SecretsFile.FILE_NAME)).exists();
        assertThat(project.resolve("target/secret-baker-policy.json")).exists();

        // Without clean, as a developer rebuilds: the earlier bake's file must not reach the new jar.
        BuildResult build = asDeployer(aws, project).args("package", "-Dsecret-baker.skip").run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        assertThat(build.log()).contains("Skipping secret-baker:bake because secret-baker.skip is true: nothing was"
                + " baked, and the earlier target/classes/" + SecretsFile.FILE_NAME + " was removed");
        assertThat(project.resolve("target/classes/" + SecretsFile.FILE_NAME)).doesNotExist();
        assertThat(project.resolve("target/secret-baker-policy.json")).doesNotExist();
        try (ZipFile jar = new ZipFile(project.resolve("target/from-pom-1.0.jar").toFile())) {
            assertThat(jar.getEntry(SecretsFile.FILE_NAME)).isNull();
        }
    }

    @Test
    void verifyAndClean_checkWithoutWritingThenRemoveAFileBakedOutsideTheBuildDirectory() {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("outside-build-dir", "outside-build-dir");
        Path file = project.resolve(SecretsFile.FILE_NAME);

        BuildResult verify = asDeployer(aws, project).args("secret-baker:verify").run();
        assertThat(verify.succeeded()).as("%s", verify).isTrue();
        assertThat(verify.log()).contains("Verified 1 secret from <secrets> in the POM; nothing was written");
        assertThat(file).doesNotExist();

        BuildResult bake = asDeployer(aws, project).args("package").run();
        assertThat(bake.succeeded()).as("%s", bake).isTrue();
        assertThat(bake.log()).contains("is outside the build directory");
        assertThat(file).exists();

        BuildResult clean = asDeployer(aws, project).args("secret-baker:clean").run();
        assertThat(clean.succeeded()).as("%s", clean).isTrue();
        assertThat(clean.log()).contains("Removed the secrets file " + SecretsFile.FILE_NAME);
        assertThat(file).doesNotExist();
    }

    @Test
    void help_withDetail_describesEveryParameterAndItsProperty() {
        Path project = MavenBuild.copyTestProject("from-pom", "help");

        BuildResult help = MavenBuild.in(project).args("secret-baker:help", "-Ddetail", "-Dgoal=bake").run();

        assertThat(help.succeeded()).as("%s", help).isTrue();
        assertThat(help.log()).contains("secret-baker:bake")
                .contains("User property: secret-baker.stage")
                .contains("User property: secret-baker.secrets")
                .contains("User property: secret-baker.skip")
                .contains("User property: secret-baker.endpointUrl");
    }

    @Test
    void verify_withASecretFromTheCommandLine_refusesAPlainString() {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyTestProject("from-serverless-yml", "secrets-property");

        BuildResult build = asDeployer(aws, project)
                .args("secret-baker:verify", "-Dsecret-baker.secrets=GREETING=/hello/prod/greeting,PLAIN=/hello/plain-string")
                .run();

        assertThat(build.succeeded()).as("%s", build).isFalse();
        assertThat(build.log()).contains("Cannot bake: 1 problem with 1 secret.")
                .contains("PLAIN (parameter /hello/plain-string, configured at <secrets><secret> #2)");
    }
}
