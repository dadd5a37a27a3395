package dev.secretbaker.local.internal.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.protocol.AwsJsonService;
import dev.secretbaker.local.internal.protocol.JsonRequest;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.protocol.CallContext;
import dev.secretbaker.local.internal.ssm.SsmResults.DeleteParametersResult;
import dev.secretbaker.local.internal.ssm.SsmResults.GetParametersResult;
import dev.secretbaker.local.internal.ssm.SsmResults.LabelResult;
import dev.secretbaker.local.internal.ssm.SsmResults.Page;
import dev.secretbaker.local.internal.ssm.SsmResults.PutParameterResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The wire layer of Parameter Store ({@code X-Amz-Target: AmazonSSM.<Operation>}, AWS JSON 1.1, signing name
 * {@code ssm}): reads each request's members with AWS's type and constraint checks, calls {@link SsmModel},
 * and writes the members AWS returns for that operation.
 */
public final class SsmService implements AwsJsonService {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> POLICY_TYPES = Set.of("Expiration", "ExpirationNotification",
            "NoChangeNotification");

    private final SsmModel model;

    public SsmService(SsmModel model) {
        this.model = model;
    }

    public SsmModel model() {
        return model;
    }

    @Override
    public String targetPrefix() {
        return "AmazonSSM";
    }

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public JsonNode handle(String operation, JsonNode request, CallContext call) {
        SsmCaller caller = SsmCaller.of(call);
        Request in = new Request(request);
        return switch (operation) {
            case "PutParameter" -> putParameter(in, caller);
            case "GetParameter" -> getParameter(in, caller);
            case "GetParameters" -> getParameters(in, caller);
            case "GetParametersByPath" -> getParametersByPath(in, caller);
            case "GetParameterHistory" -> getParameterHistory(in, caller);
            case "DescribeParameters" -> describeParameters(in, caller);
            case "LabelParameterVersion" -> labelParameterVersion(in, caller);
            case "DeleteParameter" -> deleteParameter(in, caller);
            case "DeleteParameters" -> deleteParameters(in, caller);
            default -> throw new AwsServiceException("UnknownOperationException", 400, null);
        };
    }

    private JsonNode putParameter(Request in, SsmCaller caller) {
        String name = in.string("Name", "name", true);
        String value = in.sensitiveString("Value", "value");
        String typeName = in.string("Type", "type", false);
        String tierName = in.string("Tier", "tier", false);
        String keyId = in.string("KeyId", "keyId", false);
        String description = in.string("Description", "description", false);
        boolean overwrite = Boolean.TRUE.equals(in.bool("Overwrite"));
        String allowedPattern = in.string("AllowedPattern", "allowedPattern", false);
        String dataType = in.string("DataType", "dataType", false);
        String policies = in.string("Policies", "policies", false);
        boolean hasTags = in.array("Tags") != null && !in.array("Tags").isEmpty();
        ParameterType type = typeName == null ? null : ParameterType.fromWire(typeName);
        if (typeName != null && type == null) {
            in.fail("Value '" + typeName + "' at 'type' failed to satisfy constraint: Member must satisfy enum"
                    + " value set: [SecureString, StringList, String]");
        }
        ParameterTier tier = tierName == null ? null : ParameterTier.fromWire(tierName);
        if (tierName != null && tier == null) {
            in.fail("Value '" + tierName + "' at 'tier' failed to satisfy constraint: Member must satisfy enum"
                    + " value set: [Advanced, Intelligent-Tiering, Standard]");
        }
        in.throwIfFailed();
        if (hasTags && overwrite) {
            throw SsmErrors.validation("Invalid request: tags and overwrite can't be used together. To create a"
                    + " parameter with tags, please remove overwrite flag. To update tags for an existing"
                    + " parameter, please use AddTagsToResource or RemoveTagsFromResource.");
        }
        if (policies != null) {
            checkPolicies(policies);
        }
        PutParameterResult result = model.putParameter(new PutParameterRequest(name, value, type, keyId, tier,
                description, overwrite, allowedPattern, dataType, policies), caller);
        ObjectNode out = NODES.objectNode();
        out.put("Version", result.version());
        out.put("Tier", result.tier().wireName());
        return out;
    }

    private JsonNode getParameter(Request in, SsmCaller caller) {
        String name = in.string("Name", "name", true);
        boolean withDecryption = Boolean.TRUE.equals(in.bool("WithDecryption"));
        in.throwIfFailed();
        ObjectNode out = NODES.objectNode();
        out.set("Parameter", parameter(model.getParameter(name, withDecryption, caller)));
        return out;
    }

    private JsonNode getParameters(Request in, SsmCaller caller) {
        List<String> names = in.strings("Names", "names", true);
        boolean withDecryption = Boolean.TRUE.equals(in.bool("WithDecryption"));
        in.throwIfFailed();
        GetParametersResult result = model.getParameters(names, withDecryption, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode parameters = out.putArray("Parameters");
        result.parameters().forEach(p -> parameters.add(parameter(p)));
        ArrayNode invalid = out.putArray("InvalidParameters");
        result.invalidParameters().forEach(invalid::add);
        return out;
    }

    private JsonNode getParametersByPath(Request in, SsmCaller caller) {
        String path = in.string("Path", "path", true);
        boolean recursive = Boolean.TRUE.equals(in.bool("Recursive"));
        List<ParameterFilter> filters = in.filters("ParameterFilters", true);
        boolean withDecryption = Boolean.TRUE.equals(in.bool("WithDecryption"));
        Integer maxResults = in.integer("MaxResults");
        String nextToken = in.string("NextToken", "nextToken", false);
        in.throwIfFailed();
        Page page = model.getParametersByPath(path, recursive, filters, withDecryption, maxResults, nextToken, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode parameters = out.putArray("Parameters");
        page.parameters().forEach(p -> parameters.add(parameter(p)));
        putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }

    private JsonNode getParameterHistory(Request in, SsmCaller caller) {
        String name = in.string("Name", "name", true);
        boolean withDecryption = Boolean.TRUE.equals(in.bool("WithDecryption"));
        Integer maxResults = in.integer("MaxResults");
        String nextToken = in.string("NextToken", "nextToken", false);
        in.throwIfFailed();
        Page page = model.getParameterHistory(name, withDecryption, maxResults, nextToken, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode parameters = out.putArray("Parameters");
        for (ParameterView view : page.parameters()) {
            ObjectNode p = parameters.addObject();
            p.put("Name", view.name());
            p.put("Type", view.type().wireName());
            putIfPresent(p, "KeyId", view.keyId());
            p.set("LastModifiedDate", epochSeconds(view.lastModifiedDate()));
            p.put("LastModifiedUser", view.lastModifiedUser());
            putIfPresent(p, "Description", view.description());
            p.put("Value", view.value());
            putIfPresent(p, "AllowedPattern", view.allowedPattern());
            p.put("Version", view.version());
            ArrayNode labels = p.putArray("Labels");
            view.labels().forEach(labels::add);
            p.put("Tier", view.tier().wireName());
            p.set("Policies", policies(view.policies()));
            p.put("DataType", view.dataType());
        }
        putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }

    private JsonNode describeParameters(Request in, SsmCaller caller) {
        List<ParameterFilter> filters = in.filters("Filters", false);
        List<ParameterFilter> parameterFilters = in.filters("ParameterFilters", true);
        Integer maxResults = in.integer("MaxResults");
        String nextToken = in.string("NextToken", "nextToken", false);
        in.throwIfFailed();
        Page page = model.describeParameters(filters, parameterFilters, maxResults, nextToken, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode parameters = out.putArray("Parameters");
        for (ParameterView view : page.parameters()) {
            ObjectNode p = parameters.addObject();
            p.put("Name", view.name());
            p.put("ARN", view.arn());
            p.put("Type", view.type().wireName());
            putIfPresent(p, "KeyId", view.keyId());
            p.set("LastModifiedDate", epochSeconds(view.lastModifiedDate()));
            p.put("LastModifiedUser", view.lastModifiedUser());
            putIfPresent(p, "Description", view.description());
            putIfPresent(p, "AllowedPattern", view.allowedPattern());
            p.put("Version", view.version());
            p.put("Tier", view.tier().wireName());
            p.set("Policies", policies(view.policies()));
            p.put("DataType", view.dataType());
        }
        putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }

    private JsonNode labelParameterVersion(Request in, SsmCaller caller) {
        String name = in.string("Name", "name", true);
        Long version = in.longValue("ParameterVersion");
        List<String> labels = in.strings("Labels", "labels", true);
        in.throwIfFailed();
        LabelResult result = model.labelParameterVersion(name, version, labels, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode invalid = out.putArray("InvalidLabels");
        result.invalidLabels().forEach(invalid::add);
        out.put("ParameterVersion", result.parameterVersion());
        return out;
    }

    private JsonNode deleteParameter(Request in, SsmCaller caller) {
        String name = in.string("Name", "name", true);
        in.throwIfFailed();
        model.deleteParameter(name, caller);
        return NODES.objectNode();
    }

    private JsonNode deleteParameters(Request in, SsmCaller caller) {
        List<String> names = in.strings("Names", "names", true);
        in.throwIfFailed();
        DeleteParametersResult result = model.deleteParameters(names, caller);
        ObjectNode out = NODES.objectNode();
        ArrayNode deleted = out.putArray("DeletedParameters");
        result.deletedParameters().forEach(deleted::add);
        ArrayNode invalid = out.putArray("InvalidParameters");
        result.invalidParameters().forEach(invalid::add);
        return out;
    }

    /** The {@code Parameter} shape of GetParameter and GetParameters. */
    private static ObjectNode parameter(ParameterView view) {
        ObjectNode p = NODES.objectNode();
        p.put("Name", view.name());
        p.put("Type", view.type().wireName());
        p.put("Value", view.value());
        p.put("Version", view.version());
        putIfPresent(p, "Selector", view.selector());
        p.set("LastModifiedDate", epochSeconds(view.lastModifiedDate()));
        p.put("ARN", view.arn());
        p.put("DataType", view.dataType());
        return p;
    }

    /** AWS JSON timestamps: epoch seconds, as a number with a fraction. */
    private static JsonNode epochSeconds(Instant instant) {
        return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void checkPolicies(String policies) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(policies);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isArray()) {
            throw new AwsServiceException("InvalidPolicyAttributeException", 400,
                    "The policy attribute is not valid. Policies must be a JSON array of policy objects.");
        }
        for (JsonNode policy : parsed) {
            if (!POLICY_TYPES.contains(policy.path("Type").asText())) {
                throw new AwsServiceException("InvalidPolicyTypeException", 400,
                        "The policy type is not supported. Parameter Store supports the following policy types:"
                                + " Expiration, ExpirationNotification, and NoChangeNotification.");
            }
        }
    }

    /** {@code Policies} as AWS returns them: one {@code ParameterInlinePolicy} per policy. */
    private static ArrayNode policies(String policies) {
        ArrayNode out = NODES.arrayNode();
        if (policies == null) {
            return out;
        }
        try {
            for (JsonNode policy : JSON.readTree(policies)) {
                ObjectNode inline = out.addObject();
                inline.put("PolicyText", JSON.writeValueAsString(policy));
                inline.put("PolicyType", policy.path("Type").asText());
                inline.put("PolicyStatus", "Pending");
            }
        } catch (JsonProcessingException e) {
            // Stored policies were checked when they were put; nothing to show otherwise.
        }
        return out;
    }

    /**
     * Reads request members with AWS's checks: a member of the wrong JSON type is a SerializationException; a
     * missing required member is collected as a constraint failure and reported with the others, in SSM's wording.
     */
    private static final class Request {
        private final JsonRequest members;
        private final List<String> failures = new ArrayList<>();

        Request(JsonNode body) {
            this.members = new JsonRequest(body == null ? NODES.objectNode() : body);
        }

        void fail(String failure) {
            failures.add(failure);
        }

        void throwIfFailed() {
            if (!failures.isEmpty()) {
                throw SsmErrors.constraintViolations(failures);
            }
        }

        String string(String field, String wireName, boolean required) {
            String value = members.string(field, false);
            if (value == null && required) {
                fail("Value null at '" + wireName + "' failed to satisfy constraint: Member must not be null");
            }
            return value;
        }

        /** A member whose value AWS never echoes in an error. */
        String sensitiveString(String field, String wireName) {
            String value = members.string(field, false);
            if (value == null) {
                fail("Value at '" + wireName + "' failed to satisfy constraint: Member must not be null");
            }
            return value;
        }

        Boolean bool(String field) {
            return members.bool(field);
        }

        Integer integer(String field) {
            return members.integer(field);
        }

        Long longValue(String field) {
            return members.longValue(field);
        }

        ArrayNode array(String field) {
            return members.array(field);
        }

        List<String> strings(String field, String wireName, boolean required) {
            List<String> values = members.strings(field);
            if (values == null) {
                if (required) {
                    fail("Value null at '" + wireName + "' failed to satisfy constraint: Member must not be null");
                }
                return List.of();
            }
            return values;
        }

        List<ParameterFilter> filters(String field, boolean withOption) {
            ArrayNode array = array(field);
            if (array == null) {
                return List.of();
            }
            List<ParameterFilter> filters = new ArrayList<>();
            int index = 1;
            for (JsonNode item : array) {
                if (!item.isObject()) {
                    throw JsonRequest.wrongType(field, "a list of structures");
                }
                Request filter = new Request(item);
                String wirePrefix = (withOption ? "parameterFilters." : "filters.") + index + ".member.";
                String key = filter.string("Key", wirePrefix + "key", true);
                String option = withOption ? filter.string("Option", wirePrefix + "option", false) : null;
                List<String> values = filter.strings("Values", wirePrefix + "values", !withOption);
                failures.addAll(filter.failures);
                filters.add(new ParameterFilter(key, option, values));
                index++;
            }
            return filters;
        }
    }
}
