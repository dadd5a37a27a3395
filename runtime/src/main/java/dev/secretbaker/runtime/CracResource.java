package dev.secretbaker.runtime;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** The {@code org.crac.Resource} itself; loaded only when the CRaC API is on the classpath. */
final class CracResource implements Resource {

    private final Runnable beforeCheckpoint;
    private final Runnable afterRestore;

    private CracResource(Runnable beforeCheckpoint, Runnable afterRestore) {
        this.beforeCheckpoint = beforeCheckpoint;
        this.afterRestore = afterRestore;
    }

    @SuppressWarnings("unchecked")
    static Object register(Runnable beforeCheckpoint, Runnable afterRestore, Object context) {
        CracResource resource = new CracResource(beforeCheckpoint, afterRestore);
        Context<Resource> target = context == null ? Core.getGlobalContext() : (Context<Resource>) context;
        target.register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        beforeCheckpoint.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }
}
