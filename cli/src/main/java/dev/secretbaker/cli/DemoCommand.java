package dev.secretbaker.cli;

import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.runtime.BakedSecretsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The main job end to end, on an SSM + KMS emulator inside this process: no AWS account, no network. Sets up a
 * customer managed key and SecureString parameters as an admin, bakes an example serverless.yml as a deployer
 * who may only read Parameter Store, decrypts the file as the function's role, and shows from the emulator's
 * audit trail that the deployer never decrypted anything and is refused when it tries.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Shows the whole job on an AWS emulator running inside this process; needs no AWS account.",
                "Bakes an example serverless.yml as a 'deployer' that can only read Parameter Store, then decrypts the"
                        + " secrets as the 'function' role, and shows from the audit trail that the deployer never decrypted."})
final class DemoCommand implements Callable<Integer> {

    static final String KEY_ALIAS = "alias/secret-baker-demo";
    static final String DEPLOYER = "deployer";
    static final String FUNCTION = "function";
    static final String STAGE = "dev";

    /** Made-up demo values: safe to print, unlike any real secret. */
    private static final Map<String, String> DEMO_VALUES = Map.of(
            "/demo/dev/db-password", "correct-horse-battery-staple",
            "/demo/dev/api-key", "demo-api-key-0123456789",
            "DEMO_TOKEN", "demo-token-from-the-readme");
    private static final String OLD_DB_PASSWORD = "old-password-version-1";

    private static final String SERVERLESS_YML = """
            service: secret-baker-demo
            provider:
              name: aws
              runtime: java21
              region: us-east-1
            custom:
              secretBaker:
                - DEMO_TOKEN                             # name = path
                - name: DB_PASSWORD                      # latest version
                  path: /demo/${sls:stage}/db-password
                - name: DB_PASSWORD_PREVIOUS             # pinned to version 1
                  path: /demo/${sls:stage}/db-password:1
                - name: API_KEY
                  path: /demo/${sls:stage}/api-key
            """;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the demo folder (serverless.yml and the secrets file) instead of removing it.")
    boolean keep;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("secret-baker-demo-");
        try (LocalAws aws = LocalAws.builder().build().start()) {
            run(aws, folder);
        } finally {
            if (!keep) {
                deleteTree(folder);
            }
        }
        out.flush();
        return 0;
    }

    private void run(LocalAws aws, Path folder) throws IOException {
        out.println("secret-baker demo: the whole job on an SSM + KMS emulator inside this process (no AWS account needed).");

        step(1, "Started the emulator at " + aws.endpoint() + " (region " + aws.region() + ", account " + aws.accountId() + ").");
        String keyArn;
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            keyArn = kms.createKey(r -> r.description("secret-baker demo key")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(keyArn));
            put(ssm, "DEMO_TOKEN", DEMO_VALUES.get("DEMO_TOKEN"));
            put(ssm, "/demo/dev/db-password", OLD_DB_PASSWORD);
            put(ssm, "/demo/dev/db-password", DEMO_VALUES.get("/demo/dev/db-password"));
            put(ssm, "/demo/dev/api-key", DEMO_VALUES.get("/demo/dev/api-key"));
        }
        aws.addPrincipal(DEPLOYER, List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:DescribeParameters",
                "ssm:GetParameterHistory", "kms:DescribeKey"), List.of("*"));
        aws.addPrincipal(FUNCTION, List.of("kms:Decrypt"), List.of(keyArn));
        out.println("   Principals:");
        out.println("     admin     may do anything; set up the demo");
        out.println("     deployer  ssm:GetParameter, ssm:GetParameters, ssm:DescribeParameters, ssm:GetParameterHistory,"
                + " kms:DescribeKey; runs the bake");
        out.println("     function  kms:Decrypt on the demo key only; the Lambda function's role");

        step(2, "As admin: created the customer managed key " + KEY_ALIAS + " and SecureString parameters encrypted with it:");
        out.println("     DEMO_TOKEN, /demo/dev/db-password (versions 1 and 2), /demo/dev/api-key");

        Path config = folder.resolve("serverless.yml");
        Files.writeString(config, SERVERLESS_YML);
        step(3, "Wrote an example " + config + ":");
        SERVERLESS_YML.lines().filter(line -> !line.isBlank()).forEach(line -> out.println("     " + line));

        step(4, "Baked it as deployer (stage " + STAGE + "), as 'secret-baker bake --stage " + STAGE + "' would:");
        List<SecretRequest> requests = SecretBakerConfig.fromServerlessYaml(config, ConfigOptions.builder().stage(STAGE).build());
        Path output = folder.resolve(SecretsFile.FILE_NAME);
        BakeResult result;
        try (Baker baker = Baker.create(SsmOptions.builder()
                .endpointUrl(aws.endpoint())
                .region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(DEPLOYER)))
                .build())) {
            result = baker.bake(requests, output);
        }
        StringBuilderWriter table = new StringBuilderWriter();
        BakeSummary.printTable(table.writer(), result, "Baked " + BakeCommand.count(result) + " into " + output + ".");
        table.text().lines().forEach(line -> out.println(line.isEmpty() ? "" : "   " + line));

        step(5, "The secrets file holds ciphertexts and ARNs only (ciphertexts shortened here):");
        SecretsFile file = SecretsFile.read(Files.readAllBytes(output));
        int width = file.names().stream().mapToInt(String::length).max().orElse(0);
        for (BakedSecret secret : file.secrets()) {
            out.println("     " + pad(secret.name(), width) + "  " + pad(shorten(secret.ciphertext()), 40) + "  " + secret.arn());
        }

        step(6, "As function, the runtime library (BakedSecretsClient) decrypts them with KMS:");
        BakedSecretsClient secrets = BakedSecretsClient.builder()
                .file(output)
                .endpoint(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(FUNCTION)))
                .build();
        for (BakedSecret secret : file.secrets()) {
            out.println("     " + pad(secret.name(), width) + " = " + shown(secrets.get(secret.name())));
        }
        out.println("   (Made-up demo values, printed because they are not secret. Real values are never printed.)");

        step(7, "The emulator's audit trail for deployer:");
        List<AuditEvent> deployerCalls = aws.audit().events(DEPLOYER);
        for (AuditEvent event : deployerCalls) {
            out.println("     " + event.service() + ":" + event.operation()
                    + (event.withDecryption() == null ? "" : " WithDecryption=" + event.withDecryption())
                    + " -> " + event.outcome());
        }
        long decrypts = deployerCalls.stream().filter(e -> "Decrypt".equals(e.operation())).count();
        long withDecryption = deployerCalls.stream().filter(e -> Boolean.TRUE.equals(e.withDecryption())).count();
        out.println("   deployer made " + decrypts + " Decrypt calls and " + withDecryption + " WithDecryption=true reads.");

        step(8, "deployer now tries to decrypt DB_PASSWORD itself:");
        BakedSecret db = file.find("DB_PASSWORD").orElseThrow();
        try (KmsClient asDeployer = LocalAwsClients.kms(aws, DEPLOYER)) {
            asDeployer.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(db.ciphertext())))
                    .encryptionContext(Map.of("PARAMETER_ARN", db.arn())));
            out.println("     UNEXPECTED: the decryption succeeded.");
            throw new CommandFailure("The emulator let deployer decrypt; the demo's permissions are wrong.");
        } catch (KmsException e) {
            out.println("     denied: " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        }
        AuditEvent last = aws.audit().events(DEPLOYER).get(aws.audit().events(DEPLOYER).size() - 1);
        out.println("   audit trail: " + last.service() + ":" + last.operation() + " -> " + last.outcome());

        out.println();
        out.println("Done. Only the function's role could read the values; the build never saw them.");
        out.println("On AWS: put SecureStrings under a customer managed key, list them under custom.secretBaker, and run");
        out.println("  secret-baker bake --config serverless.yml --stage <stage> --region <region>");
        if (keep) {
            out.println("The demo files are in " + folder);
        }
    }

    private static void put(SsmClient ssm, String name, String value) {
        ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));
    }

    private void step(int number, String text) {
        out.println();
        out.println(number + ". " + text);
    }

    /** The demo's own values are shown; anything else is masked. */
    private static String shown(String value) {
        if (DEMO_VALUES.containsValue(value) || OLD_DB_PASSWORD.equals(value)) {
            return value;
        }
        return "*".repeat(8) + " (" + value.length() + " characters)";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String shorten(String ciphertext) {
        return ciphertext.length() <= 24 ? ciphertext
                : ciphertext.substring(0, 20) + "... (" + ciphertext.length() + " characters)";
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }

    /** Collects what the summary printer writes, to indent it. */
    private static final class StringBuilderWriter {
        private final java.io.StringWriter buffer = new java.io.StringWriter();
        private final PrintWriter writer = new PrintWriter(buffer);

        PrintWriter writer() {
            return writer;
        }

        String text() {
            writer.flush();
            return buffer.toString();
        }
    }
}
