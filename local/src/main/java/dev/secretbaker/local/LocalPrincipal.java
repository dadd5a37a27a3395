package dev.secretbaker.local;

import dev.secretbaker.local.internal.auth.IamPolicy;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * A named principal of the emulator: an IAM user with one access key and one identity-based policy statement
 * that allows {@code actions} (such as {@code kms:Decrypt}, {@code ssm:GetParameter*}, {@code *}) on
 * {@code resources} (ARN patterns where {@code *} matches any run of characters and {@code ?} one character).
 * Everything else is denied, as in IAM. It may also hold an IAM policy document ({@code policy}, null for none),
 * evaluated with its conditions as IAM evaluates them; see {@link #withPolicy(String)}. {@link #toString()} leaves
 * the secret access key out.
 */
public record LocalPrincipal(String name, String accessKeyId, String secretAccessKey, List<String> actions,
        List<String> resources, String policy) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public LocalPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (name.isBlank() || !name.matches("[\\w+=,.@-]+")) {
            throw new IllegalArgumentException("A principal name must be an IAM user name ([A-Za-z0-9+=,.@_-]+),"
                    + " not '" + name + "'");
        }
        actions = List.copyOf(actions == null ? List.of() : actions);
        resources = List.copyOf(resources == null || resources.isEmpty() ? List.of("*") : resources);
        if (policy != null) {
            IamPolicy.parse(policy); // refused here, with its reason, rather than on the first request
        }
    }

    /** A principal whose only permissions are those of its one statement. */
    public LocalPrincipal(String name, String accessKeyId, String secretAccessKey, List<String> actions,
            List<String> resources) {
        this(name, accessKeyId, secretAccessKey, actions, resources, null);
    }

    /**
     * This principal with an IAM policy document too, e.g. a generated least-privilege policy with conditions
     * on {@code kms:EncryptionContext:*}.
     *
     * @throws IllegalArgumentException naming what the emulator cannot evaluate in it
     */
    public LocalPrincipal withPolicy(String policyDocument) {
        return new LocalPrincipal(name, accessKeyId, secretAccessKey, actions, resources, policyDocument);
    }

    /** A principal with fresh random credentials. */
    public static LocalPrincipal create(String name, List<String> actions, List<String> resources) {
        return new LocalPrincipal(name, randomAccessKeyId(), randomSecretAccessKey(), actions, resources);
    }

    /** The default principal: allowed every action on every resource. */
    public static LocalPrincipal admin() {
        return create("admin", List.of("*"), List.of("*"));
    }

    /** The principal's IAM user ARN in the given partition and account. */
    public String arn(String partition, String accountId) {
        return "arn:" + partition + ":iam::" + accountId + ":user/" + name;
    }

    static String randomAccessKeyId() {
        return "AKIA" + random(KEY_ID_CHARS, 16);
    }

    static String randomSecretAccessKey() {
        return random(SECRET_CHARS, 40);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "LocalPrincipal[name=" + name + ", accessKeyId=" + accessKeyId + ", actions=" + actions
                + ", resources=" + resources + (policy == null ? "" : ", policy=" + policy) + "]";
    }
}
