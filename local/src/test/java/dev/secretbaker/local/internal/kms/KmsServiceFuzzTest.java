package dev.secretbaker.local.internal.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.protocol.CallContext;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever JSON object arrives, KMS answers it or refuses it with an AWS client error; nothing else escapes. */
class KmsServiceFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OPERATIONS = List.of("CreateKey", "CreateAlias", "ListAliases", "DescribeKey",
            "Encrypt", "Decrypt", "GenerateDataKey", "EnableKey", "DisableKey", "ScheduleKeyDeletion",
            "CancelKeyDeletion");
    private static final List<String> MEMBERS = List.of("KeyId", "Plaintext", "CiphertextBlob", "EncryptionContext",
            "AliasName", "TargetKeyId", "NumberOfBytes", "KeySpec", "PendingWindowInDays", "Limit", "Marker",
            "Description", "KeyUsage", "DryRun", "GrantTokens", "EncryptionAlgorithm", "Tags", "Recipient");

    private final KmsModel model = new KmsModel("us-east-1", "111122223333");
    private final KmsService service = new KmsService(model);
    private final String keyArn = model.createKey("fuzz", null).arn();

    @Test
    void randomBodies_areAnsweredOrRefusedWithAwsClientErrors() {
        Random random = new Random(20261128);
        for (int i = 0; i < 5_000; i++) {
            String operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            ObjectNode body = randomBody(random);
            try {
                JsonNode answer = service.handle(operation, body, allowAll());
                assertThat(answer).isNotNull();
            } catch (AwsServiceException e) {
                assertThat(e.httpStatus()).as(operation + " " + body).isBetween(400, 499);
                assertThat(e.errorCode()).isNotBlank();
            } catch (RuntimeException e) {
                fail(operation + " with " + body + " threw " + e, e);
            }
        }
    }

    private ObjectNode randomBody(Random random) {
        ObjectNode body = NODES.objectNode();
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            body.set(MEMBERS.get(random.nextInt(MEMBERS.size())), randomValue(random, 0));
        }
        return body;
    }

    private JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 9 : 11);
        return switch (kind) {
            case 0 -> NODES.textNode(keyArn);
            case 1 -> NODES.textNode("alias/" + random.nextInt(3));
            case 2 -> NODES.textNode(Base64.getEncoder().encodeToString(randomBytes(random)));
            case 3 -> NODES.textNode(random.nextBoolean() ? "AES_256" : "SYMMETRIC_DEFAULT");
            case 4 -> NODES.numberNode(random.nextInt(2000) - 100);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.nullNode();
            case 7 -> NODES.textNode(new String(randomBytes(random), java.nio.charset.StandardCharsets.ISO_8859_1));
            case 8 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 9 -> {
                ObjectNode map = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.set("k" + random.nextInt(3), randomValue(random, depth + 1));
                }
                yield map;
            }
            default -> {
                var array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(80)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static CallContext allowAll() {
        return new CallContext() {
            @Override
            public String principal() {
                return "fuzzer";
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public String accountId() {
                return "111122223333";
            }

            @Override
            public void authorize(String action, String resourceArn) {
            }

            @Override
            public void recordWithDecryption(boolean withDecryption) {
            }
        };
    }
}
