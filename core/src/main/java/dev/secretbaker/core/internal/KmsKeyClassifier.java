package dev.secretbaker.core.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;

/**
 * Tells an AWS managed KMS key (such as {@code alias/aws/ssm}, which only Parameter Store itself can use) from a
 * customer managed one, however Parameter Store names the key. An alias says it by its name: AWS reserves
 * {@code alias/aws/} for its managed keys, and a customer's alias can never point at one. A key id or key ARN says
 * nothing, so {@code DescribeKey} is asked, once per key.
 */
public final class KmsKeyClassifier {

    private final Supplier<KmsClient> kms;
    private final Map<String, Boolean> awsManagedByKey = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** @param kms the client, created on first use (most keys are named by alias and need no call) */
    public KmsKeyClassifier(Supplier<KmsClient> kms) {
        this.kms = kms;
    }

    /**
     * True or false when the name alone says whether the key is AWS managed (an alias or alias ARN); empty for a
     * key id or key ARN.
     */
    public static Optional<Boolean> awsManagedByName(String keyId) {
        String alias = keyId.startsWith("arn:") && keyId.contains(":alias/") ? keyId.substring(keyId.indexOf(":alias/") + 1)
                : keyId;
        if (alias.startsWith("alias/")) {
            return Optional.of(alias.startsWith("alias/aws/"));
        }
        return Optional.empty();
    }

    /**
     * Whether the key is AWS managed, from its name or else from {@code DescribeKey}'s {@code KeyManager}.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when DescribeKey fails after the SDK's retries
     */
    public boolean isAwsManaged(String keyId) {
        Optional<Boolean> byName = awsManagedByName(keyId);
        if (byName.isPresent()) {
            return byName.get();
        }
        Boolean known = awsManagedByKey.get(keyId);
        if (known != null) {
            return known;
        }
        calls.incrementAndGet();
        boolean awsManaged = kms.get().describeKey(r -> r.keyId(keyId)).keyMetadata().keyManager() == KeyManagerType.AWS;
        awsManagedByKey.put(keyId, awsManaged);
        return awsManaged;
    }

    public int calls() {
        return calls.get();
    }
}
