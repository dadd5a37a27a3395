package dev.secretbaker.maven.it;

import java.nio.file.Path;

/** How a test build ended: its exit code, its whole log, and the project it ran in. */
public record BuildResult(int exitCode, String log, Path project) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        // AssertJ prints this on a failed assertion: the log is what explains it.
        return "build in " + project + " exited with " + exitCode + ", log:\n" + log;
    }
}
