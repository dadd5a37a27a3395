package dev.secretbaker.core;

import java.util.List;
import java.util.Objects;

/**
 * Every reason a bake or verification failed, together. The message lists each {@link BakeProblem} with its
 * fix; it never contains a secret value. When this is thrown nothing was written.
 */
public final class BakeException extends RuntimeException {

    /** Every problem found, in configuration order. */
    private final List<BakeProblem> problems;

    /**
     * A failure with these problems.
     *
     * @param problems at least one
     */
    public BakeException(List<BakeProblem> problems) {
        this(problems, null);
    }

    /**
     * A failure with these problems and the error behind them.
     *
     * @param problems at least one
     * @param cause    the error behind them, or null
     */
    public BakeException(List<BakeProblem> problems, Throwable cause) {
        super(format(problems), cause);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A BakeException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, in configuration order} */
    public List<BakeProblem> problems() {
        return problems;
    }

    private static String format(List<BakeProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        long secrets = problems.stream().map(BakeProblem::secretName).filter(Objects::nonNull).distinct().count();
        StringBuilder text = new StringBuilder("Cannot bake: ");
        if (problems.size() == 1) {
            text.append("1 problem");
        } else {
            text.append(problems.size()).append(" problems");
        }
        if (secrets > 0) {
            text.append(" with ").append(secrets).append(secrets == 1 ? " secret" : " secrets");
        }
        text.append('.');
        for (BakeProblem problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem.describe());
        }
        return text.toString();
    }
}
