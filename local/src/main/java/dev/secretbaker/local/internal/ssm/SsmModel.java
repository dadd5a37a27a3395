package dev.secretbaker.local.internal.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secretbaker.local.internal.kms.KeyMaterialService;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.ssm.SsmResults.DeleteParametersResult;
import dev.secretbaker.local.internal.ssm.SsmResults.GetParametersResult;
import dev.secretbaker.local.internal.ssm.SsmResults.LabelResult;
import dev.secretbaker.local.internal.ssm.SsmResults.Page;
import dev.secretbaker.local.internal.ssm.SsmResults.PutParameterResult;
import dev.secretbaker.local.internal.ssm.StoredVersion.ValueEncoding;
import dev.secretbaker.local.internal.state.PersistentModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parameter Store's state and rules for one account and region: parameters with their full version history,
 * labels, and SecureString ciphertexts. Thread-safe; cryptography runs outside the lock. The wire layer is
 * {@link SsmService}, the errors {@link SsmErrors}; the state file's form is {@link SsmSnapshotCodec}, paging
 * {@link SsmPaging}, and the stateless PutParameter rules {@link SsmValidation}.
 */
public final class SsmModel implements PersistentModel {

    public static final String STATE_KEY = "ssm";
    public static final int MAX_VERSIONS = 100;
    public static final int MAX_LABELS_PER_VERSION = 10;
    public static final int MAX_NAMES_PER_GET = 10;
    static final int MAX_STANDARD_PARAMETERS = 10_000;
    static final int MAX_ADVANCED_PARAMETERS = 100_000;
    static final int MAX_DESCRIPTION_LENGTH = 1024;
    /** The API's own bound on the Value member, checked before any tier's limit. */
    static final int MAX_VALUE_MEMBER_LENGTH = 32768;
    static final int MAX_HISTORY_RESULTS = 50;
    static final int MAX_DESCRIBE_RESULTS = 50;
    static final int DEFAULT_DESCRIBE_RESULTS = 10;
    static final String DEFAULT_DATA_TYPE = "text";
    private static final Set<String> DATA_TYPES = Set.of("text", "aws:ec2:image", "aws:ssm:integration");
    private static final Pattern LABEL_CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-]+");

    private final String region;
    private final String accountId;
    private final KeyMaterialService kms;
    private final SecureStringCipher cipher;
    private final Clock clock;
    private final SsmCaller seedCaller;
    private final TreeMap<String, Parameter> parameters = new TreeMap<>();

    public SsmModel(String region, String accountId, KeyMaterialService kms) {
        this(region, accountId, kms, Clock.systemUTC());
    }

    public SsmModel(String region, String accountId, KeyMaterialService kms, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.kms = kms;
        this.cipher = new SecureStringCipher(kms);
        this.clock = clock;
        this.seedCaller = SsmCaller.trusted("arn:" + ParameterNames.partition(region) + ":iam::" + accountId + ":root");
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The parameter's ARN exactly as AWS forms it. */
    public String arnOf(String name) {
        return ParameterNames.arn(region, accountId, name);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Java API for the seed loader and tests: the same rules, as the account's root.

    public PutParameterResult putParameter(PutParameterRequest request) {
        return putParameter(request, seedCaller);
    }

    /**
     * Creates a parameter (or, when it exists, a new version of it) and attaches labels to the new version.
     *
     * @param type        String, StringList or SecureString
     * @param keyId       for a SecureString: key id, key ARN, alias name or alias ARN; null for {@code alias/aws/ssm}
     * @param tier        null for Standard
     * @param description may be null
     * @param labels      may be empty
     */
    public PutParameterResult createParameter(String name, ParameterType type, String value, String keyId,
            ParameterTier tier, String description, List<String> labels) {
        PutParameterResult result = putParameter(PutParameterRequest.builder(name, value).type(type).keyId(keyId)
                .tier(tier).description(description).overwrite(true).build(), seedCaller);
        if (labels != null && !labels.isEmpty()) {
            LabelResult labelled = labelParameterVersion(name, result.version(), labels, seedCaller);
            if (!labelled.invalidLabels().isEmpty()) {
                throw SsmErrors.validation("Invalid labels for parameter " + name + ": " + labelled.invalidLabels());
            }
        }
        return result;
    }

    /** The plaintext of the latest version (or of a {@code name:version} / {@code name:label} selector). */
    public String valueOf(String nameOrSelector) {
        return getParameter(nameOrSelector, true, seedCaller).value();
    }

    // ---------------------------------------------------------------------------------------------------------
    // PutParameter

    public PutParameterResult putParameter(PutParameterRequest request, SsmCaller caller) {
        String name = request.name();
        String value = request.value();
        List<String> failures = new ArrayList<>();
        if (value.isEmpty()) {
            failures.add("Value at 'value' failed to satisfy constraint: Member must have length greater than or"
                    + " equal to 1");
        } else if (value.length() > MAX_VALUE_MEMBER_LENGTH) {
            failures.add("Value at 'value' failed to satisfy constraint: Member must have length less than or"
                    + " equal to " + MAX_VALUE_MEMBER_LENGTH);
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION_LENGTH) {
            failures.add("Value '" + request.description() + "' at 'description' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_DESCRIPTION_LENGTH);
        }
        if (!failures.isEmpty()) {
            throw SsmErrors.constraintViolations(failures);
        }
        ParameterNames.validateForCreate(name, region, accountId);
        String arn = arnOf(name);
        caller.authorize("ssm:PutParameter", arn);

        StoredVersion previous;
        synchronized (this) {
            Parameter existing = parameters.get(name);
            if (existing != null && !request.overwrite()) {
                throw SsmErrors.parameterAlreadyExists();
            }
            previous = existing == null ? null : existing.latest();
        }

        ParameterType type = request.type() != null ? request.type() : previous == null ? null : previous.type();
        if (type == null) {
            throw SsmErrors.validation("A parameter type is required when you create a parameter.");
        }
        if (request.keyId() != null && type != ParameterType.SECURE_STRING) {
            throw SsmErrors.validation("KeyId is required for SecureString type parameter only.");
        }
        String dataType = request.dataType() != null ? request.dataType()
                : previous != null ? previous.dataType() : DEFAULT_DATA_TYPE;
        if (!DATA_TYPES.contains(dataType)) {
            throw SsmErrors.validation("The following data type is not supported: " + dataType
                    + " (Data type names are all lowercase.)");
        }
        String policies = request.policies() != null ? request.policies()
                : previous != null ? previous.policies() : null;
        ParameterTier tier = SsmValidation.effectiveTier(request.tier(), previous, value, policies);
        String description = request.description() != null ? request.description()
                : previous != null ? previous.description() : null;
        String allowedPattern = request.allowedPattern() != null ? request.allowedPattern()
                : previous != null ? previous.allowedPattern() : null;
        SsmValidation.checkAllowedPattern(allowedPattern, value);

        String keyId = null;
        String keyArn = null;
        byte[] ciphertext = null;
        ValueEncoding encoding = ValueEncoding.PLAINTEXT;
        if (type == ParameterType.SECURE_STRING) {
            keyId = request.keyId() != null ? request.keyId()
                    : previous != null && previous.type() == ParameterType.SECURE_STRING ? previous.keyId()
                    : KeyMaterialService.AWS_SSM_ALIAS;
            keyArn = resolveKey(keyId);
            boolean customerManaged = !kms.isAwsManaged(keyArn);
            try {
                if (tier == ParameterTier.ADVANCED) {
                    if (customerManaged) {
                        caller.authorize("kms:GenerateDataKey", keyArn);
                    }
                    ciphertext = cipher.encryptAdvanced(keyArn, arn, value);
                    encoding = ValueEncoding.ENCRYPTION_SDK_MESSAGE;
                } else {
                    if (customerManaged) {
                        caller.authorize("kms:Encrypt", keyArn);
                    }
                    ciphertext = cipher.encryptStandard(keyArn, arn, value);
                    encoding = ValueEncoding.KMS_CIPHERTEXT;
                }
            } catch (AwsServiceException kmsError) {
                throw kmsError.errorCode().equals("AccessDeniedException") ? kmsError : SsmErrors.fromKms(kmsError);
            }
        }

        synchronized (this) {
            Parameter parameter = parameters.get(name);
            if (parameter != null && !request.overwrite()) {
                throw SsmErrors.parameterAlreadyExists();
            }
            if (parameter == null) {
                checkParameterLimit(tier);
                parameter = new Parameter(name);
            } else if (parameter.versions.size() >= MAX_VERSIONS) {
                long oldest = parameter.versions.firstKey();
                if (parameter.labels.containsValue(oldest)) {
                    throw SsmErrors.maxVersionLimitExceeded(name, oldest);
                }
                parameter.versions.remove(oldest);
            }
            long version = parameter.lastVersion + 1;
            parameter.add(new StoredVersion(version, type, type == ParameterType.SECURE_STRING ? null : value,
                    ciphertext, encoding, keyId, keyArn, tier, description, allowedPattern, dataType, policies,
                    clock.instant(), caller.principalArn()));
            parameters.put(name, parameter);
            return new PutParameterResult(version, tier);
        }
    }

    private String resolveKey(String keyId) {
        try {
            return kms.resolveKeyArn(keyId);
        } catch (AwsServiceException kmsError) {
            throw SsmErrors.fromKms(kmsError);
        }
    }

    private void checkParameterLimit(ParameterTier tier) {
        if (parameters.size() < MAX_STANDARD_PARAMETERS) {
            return;
        }
        long advanced = parameters.values().stream().filter(p -> p.latest().tier() == ParameterTier.ADVANCED).count();
        long standard = parameters.size() - advanced;
        if (tier == ParameterTier.STANDARD ? standard >= MAX_STANDARD_PARAMETERS : advanced >= MAX_ADVANCED_PARAMETERS) {
            throw SsmErrors.parameterLimitExceeded();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // GetParameter, GetParameters

    public ParameterView getParameter(String requested, boolean withDecryption, SsmCaller caller) {
        ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
        if (reference.malformed()) {
            throw SsmErrors.validation(ParameterNames.INVALID_NAME_MESSAGE);
        }
        caller.recordWithDecryption(withDecryption);
        if (reference.candidates().isEmpty()) {
            // Another account's or region's parameter: checked on its ARN, without the selector.
            caller.authorize("ssm:GetParameter", requested.replaceFirst(":[^:/]*$", ""));
            throw SsmErrors.parameterNotFound();
        }
        Selected selected;
        synchronized (this) {
            Parameter parameter = find(reference);
            caller.authorize("ssm:GetParameter", arnOf(parameter == null ? reference.name() : parameter.name));
            if (parameter == null) {
                throw SsmErrors.parameterNotFound();
            }
            StoredVersion version = select(parameter, reference);
            if (version == null) {
                throw reference.version() != null
                        ? SsmErrors.parameterVersionNotFound(parameter.name, String.valueOf(reference.version()))
                        : SsmErrors.parameterNotFound();
            }
            selected = new Selected(parameter.name, version, parameter.labelsOf(version.version()));
        }
        return view(selected, reference.selector(), withDecryption, true, caller);
    }

    public GetParametersResult getParameters(List<String> names, boolean withDecryption, SsmCaller caller) {
        if (names.size() > MAX_NAMES_PER_GET) {
            throw SsmErrors.constraintViolation("Value '[" + String.join(", ", names) + "]' at 'names' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_NAMES_PER_GET);
        }
        if (names.isEmpty()) {
            throw SsmErrors.constraintViolation("Value '[]' at 'names' failed to satisfy constraint: Member must"
                    + " have length greater than or equal to 1");
        }
        caller.recordWithDecryption(withDecryption);
        List<String> invalid = new ArrayList<>();
        Map<String, Selected> found = new LinkedHashMap<>();
        Map<String, String> selectors = new HashMap<>();
        synchronized (this) {
            List<ParameterNames.Reference> references = new ArrayList<>();
            for (String requested : new LinkedHashSet<>(names)) {
                ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
                references.add(reference);
                if (!reference.malformed() && !reference.candidates().isEmpty()) {
                    Parameter parameter = find(reference);
                    caller.authorize("ssm:GetParameters",
                            arnOf(parameter == null ? reference.name() : parameter.name));
                }
            }
            for (ParameterNames.Reference reference : references) {
                Parameter parameter = reference.malformed() ? null : find(reference);
                StoredVersion version = parameter == null ? null : select(parameter, reference);
                if (version == null) {
                    invalid.add(reference.requested());
                } else {
                    found.put(reference.requested(),
                            new Selected(parameter.name, version, parameter.labelsOf(version.version())));
                    selectors.put(reference.requested(), reference.selector());
                }
            }
        }
        List<ParameterView> views = new ArrayList<>();
        found.forEach((requested, selected) ->
                views.add(view(selected, selectors.get(requested), withDecryption, true, caller)));
        views.sort(Comparator.comparing(ParameterView::name)
                .thenComparing(v -> v.selector() == null ? "" : v.selector()));
        return new GetParametersResult(List.copyOf(views), List.copyOf(invalid));
    }

    // ---------------------------------------------------------------------------------------------------------
    // GetParametersByPath

    public Page getParametersByPath(String path, boolean recursive, List<ParameterFilter> parameterFilters,
            boolean withDecryption, Integer maxResults, String nextToken, SsmCaller caller) {
        int pageSize = SsmPaging.pageSize(maxResults, MAX_NAMES_PER_GET, MAX_NAMES_PER_GET);
        if (!path.startsWith("/") || !("/".equals(path) || ParameterNames.hasValidCharacters(
                path.endsWith("/") ? path.substring(0, path.length() - 1) : path))) {
            throw SsmErrors.validation(ParameterFilters.PATH_REQUIREMENTS_MESSAGE);
        }
        String base = "/".equals(path) ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        caller.authorize("ssm:GetParametersByPath", arnOf("/".equals(path) ? "/" : base));
        caller.recordWithDecryption(withDecryption);
        List<String> labels = new ArrayList<>();
        List<ParameterFilter> others = new ArrayList<>();
        for (ParameterFilter filter : parameterFilters == null ? List.<ParameterFilter>of() : parameterFilters) {
            if (List.of("Name", "Path", "Tier").contains(filter.key())) {
                throw SsmErrors.invalidFilterKey("The following filter key is not valid: " + filter.key()
                        + ". Valid filter keys include: [Type, KeyId].");
            }
            if ("Label".equals(filter.key())) {
                if (filter.option() != null && !"Equals".equals(filter.option())) {
                    throw SsmErrors.invalidFilterOption("The following filter option is not valid: "
                            + filter.option() + ". Valid options include: [Equals].");
                }
                labels.addAll(filter.values());
            } else {
                others.add(filter);
            }
        }
        ParameterFilters matcher = ParameterFilters.of(List.of(), others);
        String after = nextToken == null ? null : SsmPaging.decodeNameToken(nextToken);
        List<Selected> page = new ArrayList<>();
        boolean more = false;
        synchronized (this) {
            Map<String, Parameter> candidates = after == null ? parameters : parameters.tailMap(after, false);
            for (Parameter parameter : candidates.values()) {
                String name = parameter.name;
                if (!name.startsWith(base + "/") || (!recursive && name.indexOf('/', base.length() + 1) >= 0)) {
                    continue;
                }
                StoredVersion version = parameter.latest();
                if (!labels.isEmpty()) {
                    version = labels.stream().map(parameter.labels::get).filter(v -> v != null)
                            .map(parameter.versions::get).filter(v -> v != null).findFirst().orElse(null);
                }
                if (version == null || !matcher.matches(name, version)) {
                    continue;
                }
                if (page.size() == pageSize) {
                    more = true;
                    break;
                }
                page.add(new Selected(name, version, parameter.labelsOf(version.version())));
            }
        }
        List<ParameterView> views = page.stream().map(s -> view(s, null, withDecryption, true, caller)).toList();
        String token = more ? SsmPaging.encodeToken("n:" + page.get(page.size() - 1).name()) : null;
        return new Page(views, token);
    }

    // ---------------------------------------------------------------------------------------------------------
    // GetParameterHistory

    public Page getParameterHistory(String requested, boolean withDecryption, Integer maxResults, String nextToken,
            SsmCaller caller) {
        int pageSize = SsmPaging.pageSize(maxResults, MAX_HISTORY_RESULTS, MAX_HISTORY_RESULTS);
        ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
        if (reference.malformed() || reference.hasSelector()) {
            throw SsmErrors.validation(ParameterNames.INVALID_NAME_MESSAGE);
        }
        caller.recordWithDecryption(withDecryption);
        long after = nextToken == null ? 0 : SsmPaging.decodeVersionToken(nextToken);
        List<Selected> selected = new ArrayList<>();
        boolean more;
        synchronized (this) {
            Parameter parameter = authorizedParameter(reference, requested, "ssm:GetParameterHistory", caller);
            List<StoredVersion> remaining = new ArrayList<>(parameter.versions.tailMap(after, false).values());
            for (StoredVersion version : remaining.subList(0, Math.min(pageSize, remaining.size()))) {
                selected.add(new Selected(parameter.name, version, parameter.labelsOf(version.version())));
            }
            more = remaining.size() > pageSize;
        }
        List<ParameterView> views = selected.stream().map(s -> view(s, null, withDecryption, true, caller)).toList();
        String token = more ? SsmPaging.encodeToken("v:" + selected.get(selected.size() - 1).version().version()) : null;
        return new Page(views, token);
    }

    // ---------------------------------------------------------------------------------------------------------
    // DescribeParameters

    public Page describeParameters(List<ParameterFilter> filters, List<ParameterFilter> parameterFilters,
            Integer maxResults, String nextToken, SsmCaller caller) {
        filters = filters == null ? List.of() : filters;
        parameterFilters = parameterFilters == null ? List.of() : parameterFilters;
        int pageSize = SsmPaging.pageSize(maxResults, MAX_DESCRIBE_RESULTS, DEFAULT_DESCRIBE_RESULTS);
        caller.authorize("ssm:DescribeParameters", "*");
        if (!filters.isEmpty() && !parameterFilters.isEmpty()) {
            throw SsmErrors.validation("You can use either Filters or ParameterFilters in a single request.");
        }
        ParameterFilters matcher = ParameterFilters.of(filters, parameterFilters);
        String after = nextToken == null ? null : SsmPaging.decodeNameToken(nextToken);
        List<Selected> page = new ArrayList<>();
        boolean more = false;
        synchronized (this) {
            Map<String, Parameter> candidates = after == null ? parameters : parameters.tailMap(after, false);
            for (Parameter parameter : candidates.values()) {
                StoredVersion latest = parameter.latest();
                if (!matcher.matches(parameter.name, latest)) {
                    continue;
                }
                if (page.size() == pageSize) {
                    more = true;
                    break;
                }
                page.add(new Selected(parameter.name, latest, parameter.labelsOf(latest.version())));
            }
        }
        List<ParameterView> views = page.stream().map(s -> view(s, null, false, false, caller)).toList();
        String token = more ? SsmPaging.encodeToken("n:" + page.get(page.size() - 1).name()) : null;
        return new Page(views, token);
    }

    // ---------------------------------------------------------------------------------------------------------
    // LabelParameterVersion

    public LabelResult labelParameterVersion(String requested, Long parameterVersion, List<String> labels,
            SsmCaller caller) {
        List<String> failures = new ArrayList<>();
        if (labels.isEmpty() || labels.size() > MAX_LABELS_PER_VERSION) {
            failures.add(listLengthFailure("labels", labels, MAX_LABELS_PER_VERSION));
        }
        if (labels.stream().anyMatch(l -> l.isEmpty() || l.length() > 100)) {
            failures.add("Value '[" + String.join(", ", labels) + "]' at 'labels' failed to satisfy constraint:"
                    + " Member must satisfy constraint: [Member must have length less than or equal to 100,"
                    + " Member must have length greater than or equal to 1]");
        }
        if (!failures.isEmpty()) {
            throw SsmErrors.constraintViolations(failures);
        }
        ParameterNames.Reference reference = plainName(requested);
        synchronized (this) {
            Parameter parameter = authorizedParameter(reference, requested, "ssm:LabelParameterVersion", caller);
            long version = parameterVersion == null ? parameter.lastVersion : parameterVersion;
            if (!parameter.versions.containsKey(version)) {
                throw SsmErrors.parameterVersionNotFound(parameter.name, String.valueOf(version));
            }
            List<String> invalid = new ArrayList<>();
            Set<String> valid = new LinkedHashSet<>();
            for (String label : labels) {
                if (isValidLabel(label)) {
                    valid.add(label);
                } else if (!invalid.contains(label)) {
                    invalid.add(label);
                }
            }
            List<String> current = parameter.labelsOf(version);
            long added = valid.stream().filter(l -> !current.contains(l)).count();
            if (current.size() + added > MAX_LABELS_PER_VERSION) {
                throw SsmErrors.labelLimitExceeded();
            }
            for (String label : valid) {
                // A label names one version of a parameter at a time: attaching it here moves it.
                parameter.labels.remove(label);
                parameter.labels.put(label, version);
            }
            return new LabelResult(List.copyOf(invalid), version);
        }
    }

    static boolean isValidLabel(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return LABEL_CHARACTERS.matcher(label).matches() && !Character.isDigit(label.charAt(0))
                && !lower.startsWith("aws") && !lower.startsWith("ssm");
    }

    // ---------------------------------------------------------------------------------------------------------
    // DeleteParameter, DeleteParameters

    public void deleteParameter(String requested, SsmCaller caller) {
        ParameterNames.Reference reference = plainName(requested);
        synchronized (this) {
            Parameter parameter = authorizedParameter(reference, requested, "ssm:DeleteParameter", caller);
            parameters.remove(parameter.name);
        }
    }

    public DeleteParametersResult deleteParameters(List<String> names, SsmCaller caller) {
        if (names.isEmpty() || names.size() > MAX_NAMES_PER_GET) {
            throw SsmErrors.constraintViolation(listLengthFailure("names", names, MAX_NAMES_PER_GET));
        }
        List<String> deleted = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        synchronized (this) {
            for (String requested : new LinkedHashSet<>(names)) {
                ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
                if (reference.isPlainName()) {
                    Parameter parameter = find(reference);
                    caller.authorize("ssm:DeleteParameters",
                            arnOf(parameter == null ? reference.name() : parameter.name));
                }
            }
            for (String requested : new LinkedHashSet<>(names)) {
                ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
                Parameter parameter = reference.isPlainName() ? find(reference) : null;
                if (parameter == null) {
                    invalid.add(requested);
                } else {
                    parameters.remove(parameter.name);
                    deleted.add(requested);
                }
            }
        }
        return new DeleteParametersResult(List.copyOf(deleted), List.copyOf(invalid));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared helpers

    private record Selected(String name, StoredVersion version, List<String> labels) {
    }

    private Parameter find(ParameterNames.Reference reference) {
        for (String candidate : reference.candidates()) {
            Parameter parameter = parameters.get(candidate);
            if (parameter != null) {
                return parameter;
            }
        }
        return null;
    }

    /** AWS's wording for a list member that holds no entries or more than it may. */
    private static String listLengthFailure(String member, List<String> values, int max) {
        return "Value '[" + String.join(", ", values) + "]' at '" + member + "' failed to satisfy constraint:"
                + " Member must have length " + (values.isEmpty() ? "greater than or equal to 1"
                : "less than or equal to " + max);
    }

    /** A reference by plain name (no ARN, no version or label selector); anything else is refused. */
    private ParameterNames.Reference plainName(String requested) {
        ParameterNames.Reference reference = ParameterNames.parse(requested, region, accountId);
        if (!reference.isPlainName()) {
            throw SsmErrors.validation(ParameterNames.INVALID_NAME_MESSAGE);
        }
        return reference;
    }

    /**
     * The parameter a reference names, once the caller may perform the action on it. When there is no such
     * parameter, the action is still authorized, on the requested name, before the answer is ParameterNotFound.
     * Call while holding this model's lock.
     */
    private Parameter authorizedParameter(ParameterNames.Reference reference, String requested, String action,
            SsmCaller caller) {
        Parameter parameter = reference.candidates().isEmpty() ? null : find(reference);
        caller.authorize(action, parameter != null ? arnOf(parameter.name)
                : reference.candidates().isEmpty() ? requested : arnOf(reference.name()));
        if (parameter == null) {
            throw SsmErrors.parameterNotFound();
        }
        return parameter;
    }

    private static StoredVersion select(Parameter parameter, ParameterNames.Reference reference) {
        if (reference.version() != null) {
            return parameter.versions.get(reference.version());
        }
        if (reference.label() != null) {
            Long version = parameter.labels.get(reference.label());
            return version == null ? null : parameter.versions.get(version);
        }
        return parameter.latest();
    }

    private ParameterView view(Selected selected, String selector, boolean withDecryption, boolean includeValue,
            SsmCaller caller) {
        StoredVersion version = selected.version();
        String arn = arnOf(selected.name());
        String value = null;
        if (includeValue) {
            value = version.type() != ParameterType.SECURE_STRING ? version.plainValue()
                    : withDecryption ? decrypt(version, arn, caller)
                    : Base64.getEncoder().encodeToString(version.ciphertext());
        }
        return new ParameterView(selected.name(), arn, version.type(), value, version.version(), selector,
                version.lastModifiedDate(), version.lastModifiedUser(), version.keyId(), version.description(),
                version.allowedPattern(), selected.labels(), version.tier(), version.policies(), version.dataType());
    }

    private String decrypt(StoredVersion version, String arn, SsmCaller caller) {
        // SSM decrypts with the caller's identity: a customer managed key's policy must allow the caller.
        if (!kms.isAwsManaged(version.keyArn())) {
            caller.authorize("kms:Decrypt", version.keyArn());
        }
        try {
            return cipher.decrypt(version, arn);
        } catch (AwsServiceException kmsError) {
            throw SsmErrors.fromKms(kmsError);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // State

    /** Names of all parameters, sorted. */
    public synchronized List<String> parameterNames() {
        return List.copyOf(parameters.keySet());
    }

    @Override
    public String stateKey() {
        return STATE_KEY;
    }

    @Override
    public synchronized JsonNode snapshot() {
        return SsmSnapshotCodec.encode(parameters.values());
    }

    @Override
    public synchronized void restore(JsonNode snapshot) {
        TreeMap<String, Parameter> restored = SsmSnapshotCodec.decode(snapshot);
        parameters.clear();
        parameters.putAll(restored);
    }
}
