package dev.secretbaker.cli;

import dev.secretbaker.format.PrintableText;
import dev.secretbaker.runtime.BakedSecretsClient;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Decrypts one baked secret with the runtime library, as a function would, but with the caller's own AWS
 * credentials: for checking a secrets file and a key policy. The value is masked unless asked for.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {
                "Decrypts one secret of a secrets file with KMS, using your own kms:Decrypt permission, as the function would.",
                "Prints the value masked unless --reveal is given. KMS is called in the region of the secret's parameter ARN."})
final class DecryptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name in the secrets file.")
    String name;

    @Option(names = "--file", paramLabel = "FILE",
            description = "The secrets file (default: SECRET_BAKER_FILE, then $LAMBDA_TASK_ROOT, then ./secret-baker-secrets.json).")
    Path file;

    @Option(names = "--reveal", description = "Print the plaintext itself. It may end up in your terminal's scrollback.")
    boolean reveal;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Named AWS profile for credentials (default: the AWS SDK's default credentials chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", converter = AwsOptions.EndpointUrlConverter.class,
            description = "KMS endpoint, e.g. a local emulator (default: AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL, or the regional endpoint).")
    URI endpointUrl;

    @Override
    public Integer call() {
        AwsCredentialsProvider credentials = profile == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(profile);
        BakedSecretsClient.Builder builder = BakedSecretsClient.builder().credentialsProvider(credentials)
                .endpoint(endpointUrl);
        if (file != null) {
            builder.file(file);
        }
        BakedSecretsClient secrets = builder.build();
        byte[] plaintext = secrets.getBytes(name);
        PrintWriter out = spec.commandLine().getOut();
        if (reveal) {
            out.println(new String(plaintext, StandardCharsets.UTF_8));
        } else {
            out.println(PrintableText.escape(name) + ": ******** (" + plaintext.length + (plaintext.length == 1 ? " byte" : " bytes")
                    + ", decrypted from " + secrets.location() + "; add --reveal to print it)");
        }
        java.util.Arrays.fill(plaintext, (byte) 0);
        out.flush();
        return 0;
    }
}
