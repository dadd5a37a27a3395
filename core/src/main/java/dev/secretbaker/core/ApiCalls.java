package dev.secretbaker.core;

/**
 * The Parameter Store calls a bake made. {@code retries} are the extra attempts the SDK made after throttling,
 * 5xx answers or dropped connections; they are not in {@link #total()}.
 */
public record ApiCalls(int getParameters, int describeParameters, int retries) {

    /** No call at all. */
    public static final ApiCalls NONE = new ApiCalls(0, 0, 0);

    /** {@return the calls made, not counting retries} */
    public int total() {
        return getParameters + describeParameters;
    }

    /** {@return the requests sent, retries included} */
    public int attempts() {
        return total() + retries;
    }
}
