package dev.secretbaker.core;

/**
 * The AWS calls a bake made. {@code getParameterHistory} reads the key of a pinned older version (or of a parameter
 * named by ARN); {@code describeKey} is KMS, asked whether a key named by id or ARN is AWS managed. {@code retries}
 * are the extra attempts the SDK made after throttling, 5xx answers or dropped connections; they are not in
 * {@link #total()}.
 */
public record ApiCalls(int getParameters, int describeParameters, int getParameterHistory, int describeKey, int retries) {

    /** No call at all. */
    public static final ApiCalls NONE = new ApiCalls(0, 0, 0, 0, 0);

    /** Only Parameter Store's GetParameters and DescribeParameters, as most bakes make. */
    public ApiCalls(int getParameters, int describeParameters, int retries) {
        this(getParameters, describeParameters, 0, 0, retries);
    }

    /** {@return the calls made, not counting retries} */
    public int total() {
        return getParameters + describeParameters + getParameterHistory + describeKey;
    }

    /** {@return the requests sent, retries included} */
    public int attempts() {
        return total() + retries;
    }
}
