package dev.secretbaker.runtime;

/** A secret needs an optional library that is not on the classpath; the message names the dependency to add. */
public final class MissingDependencyException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** The missing library's Maven coordinates. */
    private final String dependency;

    MissingDependencyException(String dependency, String message) {
        super(message);
        this.dependency = dependency;
    }

    /** {@return the missing library's Maven coordinates, {@code groupId:artifactId}} */
    public String dependency() {
        return dependency;
    }
}
