package dev.secretbaker.runtime;

/** The partition and region of an ARN ({@code arn:<partition>:<service>:<region>:...}). */
record Arn(String partition, String service, String region) {

    /** @throws IllegalArgumentException if {@code arn} does not have the ARN shape */
    public static Arn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return new Arn(parts[1], parts[2], parts[3]);
    }
}
