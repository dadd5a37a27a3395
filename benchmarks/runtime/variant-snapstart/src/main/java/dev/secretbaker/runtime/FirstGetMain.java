package dev.secretbaker.runtime;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;

/**
 * Times the first {@code get} of a client, after the client is created: {@code primed} runs the SnapStart hooks
 * first (before-checkpoint, then after-restore, through the CRaC API as Lambda calls them), {@code unprimed} does
 * not. Both in a fresh JVM; the difference is what a SnapStart restore saves on the first invocation. In the
 * runtime's package to reach the builder's package-private context seam (the global CRaC context can only be
 * driven by a CRaC JVM).
 */
public final class FirstGetMain {

    public static void main(String[] args) throws Exception {
        boolean primed = args[1].equals("primed");
        Hooks hooks = new Hooks();
        BakedSecretsClient client = BakedSecretsClient.builder().snapStartContext(hooks).build();
        if (primed) {
            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);
        }
        long start = System.nanoTime();
        String value = client.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }

    static final class Hooks extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            for (Resource resource : resources) {
                try {
                    resource.beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
