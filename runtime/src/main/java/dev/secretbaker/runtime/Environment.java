package dev.secretbaker.runtime;

/** Environment variables, injectable so that tests need not change the real environment. */
@FunctionalInterface
interface Environment {

    Environment SYSTEM = System::getenv;

    /** The variable's value, or {@code null} when it is not set. */
    String get(String name);

    /** The value, or {@code null} when it is not set or empty. */
    default String nonEmpty(String name) {
        String value = get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
