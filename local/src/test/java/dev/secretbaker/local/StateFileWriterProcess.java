package dev.secretbaker.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link StatePersistenceIntegrationTest}: an emulator on a state file, with a known admin,
 * that prints its endpoint and then serves until it is killed.
 */
public final class StateFileWriterProcess {

    static final LocalPrincipal ADMIN = new LocalPrincipal("admin", "AKIASTATEFILETEST001",
            "stateFileTestSecretKey000000000000000000", List.of("*"), List.of("*"));

    private StateFileWriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalAws aws = LocalAws.builder().stateFile(Path.of(args[0])).principal(ADMIN).build().start();
        System.out.println("ENDPOINT " + aws.endpoint());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
