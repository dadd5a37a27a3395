package dev.secretbaker.runtime;

/**
 * Registers a client's SnapStart hooks with the CRaC API ({@code org.crac}) when it is on the classpath, and does
 * nothing when it is not: the library needs no jar beyond its own. Lambda SnapStart (and any CRaC JVM) calls
 * {@code beforeCheckpoint} while taking the snapshot and {@code afterRestore} in each copy restored from it.
 */
final class SnapStartHooks {

    private static final boolean CRAC_PRESENT = isPresent("org.crac.Resource");

    private SnapStartHooks() {
    }

    /**
     * Registers the hooks with {@code context} (an {@code org.crac.Context}), or with the global context when it
     * is {@code null}.
     *
     * @return the registered resource, which the caller must keep: CRaC holds resources weakly; or {@code null}
     *         when the CRaC API is not on the classpath
     */
    static Object register(Runnable beforeCheckpoint, Runnable afterRestore, Object context) {
        if (!CRAC_PRESENT && context == null) {
            return null;
        }
        return CracResource.register(beforeCheckpoint, afterRestore, context);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, SnapStartHooks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
