package dev.secretbaker.runtime;

/**
 * Stands for a Lambda handler in a fresh JVM: prints each named secret's length and value through the static
 * default client, reading everything (file place, credentials, endpoint) from the real environment.
 */
public final class FunctionMain {

    private FunctionMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        try {
            Class.forName(BakedSecrets.class.getName(), true, FunctionMain.class.getClassLoader());
            System.out.println("initialised");
            System.out.println("names=" + BakedSecrets.names());
            for (String name : args) {
                System.out.println(name + "=" + BakedSecrets.get(name));
            }
        } catch (SecretBakerException e) {
            System.out.println("error=" + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
