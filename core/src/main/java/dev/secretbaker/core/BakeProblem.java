package dev.secretbaker.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One reason a bake cannot go ahead, worded for the person who configured it: what is wrong and what to do.
 * A problem about one secret names it, its parameter and where it was configured; a problem about the whole
 * run (Parameter Store unreachable, access denied for a batch, the output path) leaves those empty and names
 * what it concerns in {@link #reason()}. Never holds a secret value.
 *
 * @param secretName the secret's name in the secrets file, or null for a problem of the whole run
 * @param parameter  the parameter reference as configured, or null
 * @param source     where the secret was configured (e.g. {@code custom.secretBaker[2]}), or null
 * @param reason     what is wrong
 * @param fix        what to do about it
 */
public record BakeProblem(String secretName, String parameter, String source, String reason, String fix) {

    /**
     * Checks that the problem says what is wrong and what to do.
     *
     * @param secretName the secret's name in the secrets file, or null for a problem of the whole run
     * @param parameter  the parameter reference as configured, or null
     * @param source     where the secret was configured, or null
     * @param reason     what is wrong
     * @param fix        what to do about it
     */
    public BakeProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * {@return a problem that concerns the whole run rather than one secret}
     *
     * @param reason what is wrong
     * @param fix    what to do about it
     */
    public static BakeProblem ofRun(String reason, String fix) {
        return new BakeProblem(null, null, null, reason, fix);
    }

    /** {@return the secret's name, empty for a problem of the whole run} */
    public Optional<String> secret() {
        return Optional.ofNullable(secretName);
    }

    /** {@return two lines: who and what, then the fix} */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (secretName != null) {
            text.append(secretName);
            if (parameter != null || source != null) {
                text.append(" (");
                if (parameter != null) {
                    text.append("parameter ").append(parameter);
                }
                if (source != null) {
                    text.append(parameter != null ? ", " : "").append("configured at ").append(source);
                }
                text.append(')');
            }
            text.append(": ");
        }
        text.append(reason).append(System.lineSeparator()).append("    Fix: ").append(fix);
        return text.toString();
    }
}
