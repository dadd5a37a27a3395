package dev.secretbaker.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The secrets of a Serverless service: those under {@code custom.secretBaker}, which every function gets, and
 * those under each {@code functions.NAME.secretBaker}, which only that function's package gets.
 *
 * <p>What one deployment package holds ({@link #forPackage(Collection)}):
 * <ul>
 *   <li>a function sees the service's secrets and its own; its own entry replaces a service entry of the same
 *       name (as a function's {@code environment} overrides the provider's);</li>
 *   <li>a package shared by several functions holds what each of them sees, service secrets first, then each
 *       function's own in function order;</li>
 *   <li>one name that two functions of the same package resolve to different parameters is refused: their one
 *       file can hold only one of them.</li>
 * </ul>
 */
public final class ServiceSecrets {

    private final List<SecretRequest> service;
    private final Map<String, List<SecretRequest>> functions;

    private ServiceSecrets(List<SecretRequest> service, Map<String, List<SecretRequest>> functions) {
        this.service = List.copyOf(service);
        Map<String, List<SecretRequest>> copy = new LinkedHashMap<>();
        functions.forEach((name, requests) -> copy.put(Objects.requireNonNull(name, "function name"), List.copyOf(requests)));
        this.functions = copy;
    }

    /**
     * The service's secrets and each function's own.
     *
     * @param service   the secrets under {@code custom.secretBaker}, in configuration order
     * @param functions each function's own secrets by function name; a function without any may be left out
     * @return the service's secrets
     */
    public static ServiceSecrets of(List<SecretRequest> service, Map<String, List<SecretRequest>> functions) {
        return new ServiceSecrets(Objects.requireNonNull(service, "service"), Objects.requireNonNull(functions, "functions"));
    }

    /**
     * The values of {@code custom.secretBaker} and of each {@code functions.NAME.secretBaker}, in any of the
     * configuration's forms, with their variables resolved.
     *
     * @param service   the value of {@code custom.secretBaker}; null for none
     * @param functions the value of each function's {@code secretBaker} by function name; null values for none
     * @return the service's secrets
     * @throws ConfigurationException naming the offending entry, e.g. {@code functions.api.secretBaker[1]}
     */
    public static ServiceSecrets fromValues(Object service, Map<String, ?> functions) {
        Objects.requireNonNull(functions, "functions");
        Map<String, List<SecretRequest>> own = new LinkedHashMap<>();
        functions.forEach((name, value) -> own.put(name, EntryValidator.validate(value, functionSection(name))));
        return of(EntryValidator.validate(service, SecretBakerConfig.SERVERLESS_SECTION), own);
    }

    /**
     * Where a function's own secrets are configured, as {@code serverless.yml} spells it.
     *
     * @param function the function's name
     * @return {@code functions.NAME.secretBaker}
     */
    public static String functionSection(String function) {
        return EntryValidator.locationOf("functions", function) + ".secretBaker";
    }

    /** {@return the secrets every function gets, in configuration order} */
    public List<SecretRequest> service() {
        return service;
    }

    /** {@return the names of the functions with secrets of their own, in configuration order} */
    public List<String> functionsWithOwnSecrets() {
        return functions.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /**
     * What the one package of these functions must hold.
     *
     * @param functionNames the functions deployed from the package; none for the service's secrets alone
     * @return the secrets, service secrets first, in configuration order
     * @throws ConfigurationException if two of the functions resolve one name to different parameters
     */
    public List<SecretRequest> forPackage(Collection<String> functionNames) {
        Objects.requireNonNull(functionNames, "functionNames");
        if (functionNames.isEmpty()) {
            return service;
        }
        Map<String, SecretRequest> merged = new LinkedHashMap<>();
        Map<String, String> seenBy = new LinkedHashMap<>();
        for (String function : functionNames) {
            for (SecretRequest request : forFunction(function)) {
                SecretRequest earlier = merged.putIfAbsent(request.name(), request);
                if (earlier == null) {
                    seenBy.put(request.name(), function);
                } else if (!earlier.parameter().equals(request.parameter())) {
                    throw conflict(request, function, earlier, seenBy.get(request.name()));
                }
            }
        }
        return List.copyOf(merged.values());
    }

    /** The service's secrets, with the function's own replacing those of the same name, then the rest of its own. */
    private List<SecretRequest> forFunction(String function) {
        Map<String, SecretRequest> own = new LinkedHashMap<>();
        for (SecretRequest request : functions.getOrDefault(function, List.of())) {
            own.put(request.name(), request);
        }
        List<SecretRequest> result = new ArrayList<>(service.size() + own.size());
        for (SecretRequest request : service) {
            SecretRequest replacement = own.remove(request.name());
            result.add(replacement == null ? request : replacement);
        }
        result.addAll(own.values());
        return result;
    }

    private static ConfigurationException conflict(SecretRequest request, String function, SecretRequest earlier,
            String earlierFunction) {
        return new ConfigurationException(request.source(), "functions " + earlierFunction + " and " + function
                + " share one deployment package, so one secret-baker-secrets.json, but " + request.name() + " is the"
                + " parameter " + request.parameter() + " for " + function + " and " + earlier.parameter() + " for "
                + earlierFunction + " (" + earlier.source() + "); give the two secrets different names, or set"
                + " package.individually: true so that each function gets a file of its own");
    }
}
