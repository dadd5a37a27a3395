package dev.secretbaker.runtime;

/** Signing credentials. {@link #toString()} shows the access key id only. */
record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("credentials need an access key id and a secret access key");
        }
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + (sessionToken == null ? "" : ", with session token") + "]";
    }
}
