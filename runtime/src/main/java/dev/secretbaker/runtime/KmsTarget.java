package dev.secretbaker.runtime;

/** Where a Decrypt goes: the region and partition of the parameter (a SecureString's key lives in its region). */
record KmsTarget(String partition, String region) {

    public static KmsTarget of(String arn) {
        Arn parsed = Arn.parse(arn);
        return new KmsTarget(parsed.partition(), parsed.region());
    }
}
