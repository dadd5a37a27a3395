package dev.secretbaker.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest, so it never drifts from the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SecretBakerCommand.class.getPackage().getImplementationVersion();
        return new String[] {"secret-baker " + (version == null ? "(development build)" : version)};
    }
}
