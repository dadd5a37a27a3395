import dev.secretbaker.local.LocalAws;
import java.nio.file.Path;

/**
 * Starts the secret-baker emulator for the end-to-end tests (run in source-file mode with the CLI jar on the
 * class path): prints one JSON line with the endpoint, then serves until its standard input closes, which
 * happens when the test process ends however it ends. Arguments: SEED_FILE [MAX_SECONDS].
 */
public class LocalAwsLauncher {
    public static void main(String[] args) throws Exception {
        long maxSeconds = args.length > 1 ? Long.parseLong(args[1]) : 900;
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
                System.err.println("LocalAwsLauncher: stopping after " + maxSeconds + " s");
                System.exit(3);
            } catch (InterruptedException e) {
                // stopped normally
            }
        });
        deadline.setDaemon(true);
        deadline.start();
        try (LocalAws aws = LocalAws.builder().seed(Path.of(args[0])).build().start()) {
            System.out.println("{\"endpoint\":\"" + aws.endpoint() + "\",\"region\":\"" + aws.region()
                    + "\",\"accountId\":\"" + aws.accountId() + "\"}");
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the end of input
            }
        }
    }
}
