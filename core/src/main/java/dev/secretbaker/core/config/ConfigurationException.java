package dev.secretbaker.core.config;

/**
 * A secret-baker configuration that cannot be used. {@link #location()} names the offending entry as the
 * configuration spells it ({@code custom.secretBaker[2]}, {@code custom.secretBaker.MY_SECRET}, {@code secrets[0]})
 * or the part of the file at fault ({@code serverless.yml}); the message says what is wrong and how to fix it.
 * A front end may reword the location in its own syntax.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The offending entry or part of the configuration. */
    private final String location;
    /** The message without the location. */
    private final String problem;

    ConfigurationException(String location, String problem) {
        this(location, problem, null);
    }

    ConfigurationException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** {@return the offending entry or part of the configuration, e.g. {@code custom.secretBaker[2]}} */
    public String location() {
        return location;
    }

    /** {@return the message without the location} */
    public String problem() {
        return problem;
    }
}
