package dev.secretbaker.runtime;

/** A secret needs an optional library that is not on the classpath; the message names the dependency to add. */
public final class MissingDependencyException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    private final String dependency;

    MissingDependencyException(String dependency, String message) {
        super(message);
        this.dependency = dependency;
    }

    /** Maven coordinates, {@code groupId:artifactId}. */
    public String dependency() {
        return dependency;
    }
}
