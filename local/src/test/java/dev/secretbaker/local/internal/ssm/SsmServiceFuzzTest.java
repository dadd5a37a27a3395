package dev.secretbaker.local.internal.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.protocol.CallContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random request bodies for every SSM operation: each must be answered or refused with an AWS error of the
 * 4xx kind, never with any other exception. Seeded, so a failure reproduces.
 */
class SsmServiceFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OPERATIONS = List.of("PutParameter", "GetParameter", "GetParameters",
            "GetParametersByPath", "GetParameterHistory", "DescribeParameters", "LabelParameterVersion",
            "DeleteParameter", "DeleteParameters", "NoSuchOperation");
    private static final List<String> MEMBERS = List.of("Name", "Names", "Value", "Type", "Tier", "KeyId",
            "Description", "Overwrite", "AllowedPattern", "DataType", "Policies", "Tags", "WithDecryption",
            "MaxResults", "NextToken", "Filters", "ParameterFilters", "Key", "Option", "Values", "Labels",
            "ParameterVersion", "Path", "Recursive");
    private static final List<String> STRINGS = List.of("", "p", "/a/b", "/a//b", "a/b", "/aws/x/y", "ssm",
            "name:1", "name:label", "name:", "name:1:2", "name:99999999999999999999", "arn:aws:ssm:us-east-1:111122223333:parameter/p",
            "arn:aws:ssm:us-east-1:111122223333:parameter", "arn:", "String", "StringList", "SecureString",
            "Standard", "Advanced", "Intelligent-Tiering", "alias/aws/ssm", "alias/none", "text", "aws:ec2:image",
            "[", "[]", "[{\"Type\":\"Expiration\"}]", "(", "\\", "Equals", "BeginsWith", "Contains", "OneLevel",
            "Recursive", "Path", "Label", "tag:x", "x".repeat(5000), "/" + "l/".repeat(20) + "x", "é\u0000\uFFFF",
            "bnVsbA", "v:3", "n:", "%%%");

    private final Random random = new Random(20261128L);

    @Test
    void randomBodies_areAnsweredOrRefusedWithAwsClientErrors() {
        TestKeyMaterial kms = new TestKeyMaterial();
        kms.alias("alias/app", kms.createKey());
        SsmService service = new SsmService(new SsmModel(TestKeyMaterial.REGION, TestKeyMaterial.ACCOUNT, kms));
        CallContext call = new RecordingContext();
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            String operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            ObjectNode body = randomBody(2);
            try {
                JsonNode answer = service.handle(operation, body, call);
                assertThat(answer).as("%s %s", operation, body).isNotNull();
                answered++;
            } catch (AwsServiceException e) {
                assertThat(e.httpStatus()).as("%s %s -> %s", operation, body, e).isBetween(400, 499);
                assertThat(e.errorCode()).isNotBlank();
            } catch (RuntimeException e) {
                fail(operation + " " + body + " threw " + e, e);
            }
        }
        assertThat(answered).as("some random requests are valid").isPositive();
    }

    private ObjectNode randomBody(int depth) {
        ObjectNode body = NODES.objectNode();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            body.set(MEMBERS.get(random.nextInt(MEMBERS.size())), randomValue(depth));
        }
        return body;
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0, 1, 2 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 3 -> NODES.numberNode(random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(120) - 10);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> random.nextBoolean() ? NODES.nullNode() : NODES.numberNode(random.nextDouble());
            case 6, 7 -> {
                ArrayNode array = NODES.arrayNode();
                int items = random.nextInt(13);
                for (int i = 0; i < items; i++) {
                    array.add(random.nextInt(3) == 0 ? randomBody(depth - 1) : randomValue(depth - 1));
                }
                yield array;
            }
            default -> randomBody(depth - 1);
        };
    }

    private static final class RecordingContext implements CallContext {
        @Override
        public String principal() {
            return "fuzzer";
        }

        @Override
        public String region() {
            return TestKeyMaterial.REGION;
        }

        @Override
        public String accountId() {
            return TestKeyMaterial.ACCOUNT;
        }

        @Override
        public void authorize(String action, String resourceArn) {
        }

        @Override
        public void recordWithDecryption(boolean withDecryption) {
        }
    }
}
