package dev.secretbaker.cli;

import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsException;
import dev.secretbaker.local.LocalPrincipal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = {
                "Serves an emulator of the SSM Parameter Store and KMS APIs on this machine until interrupted (Ctrl-C).",
                "First prints shell lines to eval: AWS_ENDPOINT_URL, AWS_REGION and the credentials of the seed's"
                        + " first principal (or of admin), then one comment line per other principal.",
                "Point the AWS CLI or any AWS SDK at it with AWS_ENDPOINT_URL or --endpoint-url.",
                "With --tls it serves HTTPS with a certificate from its own CA, and also exports AWS_CA_BUNDLE (the CA's"
                        + " PEM, for the AWS CLI and boto3) and NODE_EXTRA_CA_CERTS (for Node and its AWS SDK) and prints the JVM options of a truststore"
                        + " holding that CA and the JDK's own."})
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port to listen on; 0 (the default) picks a free one.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = LocalAws.DEFAULT_REGION,
            description = "The emulated region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", paramLabel = "ID", defaultValue = LocalAws.DEFAULT_ACCOUNT_ID,
            description = "The emulated account id (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--tls",
            description = "Serve HTTPS, with a CA and a localhost/127.0.0.1 certificate that the emulator generates (the CA"
                    + " is kept in the --state file).")
    boolean tls;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep keys, aliases and parameters in this file across restarts (default: memory only).")
    Path stateFile;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "A YAML seed of keys, parameters, principals and faults, e.g. examples/local-seed.yaml.")
    Path seed;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append every call to this file as a JSON line.")
    Path auditLog;

    @Option(names = "--latency", paramLabel = "MS", description = "Delay every call by this many milliseconds.")
    Long latencyMillis;

    @Option(names = "--throttle-rate", paramLabel = "R",
            description = "Answer this fraction (0..1) of calls with ThrottlingException.")
    Double throttleRate;

    @Option(names = "--tps-limit", paramLabel = "OPERATION=N",
            description = "Answer calls of OPERATION (e.g. GetParameters, or * for each) above N per second with"
                    + " ThrottlingException. Repeatable.")
    Map<String, Integer> tpsLimits = new LinkedHashMap<>();

    @Option(names = "--error-rate", paramLabel = "R",
            description = "Answer this fraction (0..1) of calls with the service's 500 error.")
    Double errorRate;

    @Option(names = "--drop-rate", paramLabel = "R",
            description = "Close the connection without an answer for this fraction (0..1) of calls.")
    Double dropRate;

    @Option(names = "--fault-seed", paramLabel = "N", description = "Seed the random faults, for repeatable runs.")
    Long faultSeed;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        LocalAws aws = start();
        Thread hook = new Thread(() -> {
            try {
                aws.close();
            } finally {
                stopped.countDown();
            }
        }, "secret-baker-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        printEnvironment(aws, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        err.println("secret-baker local: serving SSM and KMS at " + aws.endpoint() + " (" + aws.region() + ", account "
                + aws.accountId() + ")" + aws.stateFile().map(f -> ", state in " + f).orElse("")
                + ". Press Ctrl-C to stop.");
        err.flush();

        stopped.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            aws.close();
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has closed the emulator already.
        }
        return 0;
    }

    /** Ends {@link #call()} as Ctrl-C would; for tests. */
    void stop() {
        stopped.countDown();
    }

    private LocalAws start() {
        LocalAws.Builder builder;
        try {
            builder = LocalAws.builder().host(host).port(port).region(region).accountId(accountId).seed(seed)
                    .stateFile(stateFile).auditLog(auditLog).tls(tls);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LocalAws aws;
        try {
            aws = builder.build().start();
        } catch (LocalAwsException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        try {
            if (faultSeed != null) {
                aws.faults().seed(faultSeed);
            }
            if (latencyMillis != null) {
                aws.faults().latency(Duration.ofMillis(latencyMillis));
            }
            if (throttleRate != null) {
                aws.faults().throttleRate(throttleRate);
            }
            if (errorRate != null) {
                aws.faults().serverErrorRate(errorRate);
            }
            if (dropRate != null) {
                aws.faults().dropConnectionRate(dropRate);
            }
            tpsLimits.forEach(aws.faults()::tpsLimit);
        } catch (IllegalArgumentException e) {
            aws.close();
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return aws;
    }

    static void printEnvironment(LocalAws aws, PrintWriter out) {
        LocalPrincipal first = aws.defaultPrincipal();
        out.println("export AWS_ENDPOINT_URL=" + quote(aws.endpoint().toString()));
        out.println("export AWS_REGION=" + quote(aws.region()));
        out.println("export AWS_DEFAULT_REGION=" + quote(aws.region()));
        aws.tls().ifPresent(tls -> {
            out.println("export AWS_CA_BUNDLE=" + quote(tls.caBundle().toString()));
            // Node adds these to its own roots; the JavaScript SDK v3 does not read AWS_CA_BUNDLE.
            out.println("export NODE_EXTRA_CA_CERTS=" + quote(tls.caBundle().toString()));
            out.println("# JVM (the emulator's CA and the JDK's): JAVA_TOOL_OPTIONS=" + quote(tls.javaOptions()));
        });
        out.println("export AWS_ACCESS_KEY_ID=" + quote(first.accessKeyId()));
        out.println("export AWS_SECRET_ACCESS_KEY=" + quote(first.secretAccessKey()));
        for (LocalPrincipal principal : aws.principals()) {
            if (!principal.name().equals(first.name())) {
                out.println("# principal " + principal.name() + ": AWS_ACCESS_KEY_ID=" + principal.accessKeyId()
                        + " AWS_SECRET_ACCESS_KEY=" + principal.secretAccessKey());
            }
        }
        out.flush();
    }

    /** POSIX shell single quotes; a quote inside becomes '\''. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
