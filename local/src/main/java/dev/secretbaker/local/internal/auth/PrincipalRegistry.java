package dev.secretbaker.local.internal.auth;

import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The emulator's principals by name and by access key, and their identity-based policies. Thread-safe.
 */
public final class PrincipalRegistry {

    /** Compiled patterns, shared: policies are few and checked on every call. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Map<String, IamPolicy> POLICIES = new ConcurrentHashMap<>();

    private final Map<String, LocalPrincipal> byName = new LinkedHashMap<>();
    private final Map<String, LocalPrincipal> byAccessKey = new LinkedHashMap<>();

    /** Adds a principal, or replaces the one of the same name. Access key ids must be unique. */
    public synchronized void put(LocalPrincipal principal) {
        LocalPrincipal sameKey = byAccessKey.get(principal.accessKeyId());
        if (sameKey != null && !sameKey.name().equals(principal.name())) {
            throw new IllegalArgumentException("Access key id " + principal.accessKeyId()
                    + " already belongs to principal " + sameKey.name());
        }
        LocalPrincipal previous = byName.put(principal.name(), principal);
        if (previous != null) {
            byAccessKey.remove(previous.accessKeyId());
        }
        byAccessKey.put(principal.accessKeyId(), principal);
    }

    public synchronized Optional<LocalPrincipal> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized Optional<LocalPrincipal> byAccessKeyId(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    public synchronized String secretAccessKey(String accessKeyId) {
        LocalPrincipal principal = byAccessKey.get(accessKeyId);
        return principal == null ? null : principal.secretAccessKey();
    }

    public synchronized List<LocalPrincipal> all() {
        return new ArrayList<>(byName.values());
    }

    /** Whether the principal's policy allows {@code action} on {@code resource}. */
    public static boolean allows(LocalPrincipal principal, String action, String resource) {
        boolean actionAllowed = principal.actions().stream()
                .anyMatch(pattern -> glob(pattern.toLowerCase(Locale.ROOT)).matcher(action.toLowerCase(Locale.ROOT))
                        .matches());
        boolean resourceAllowed = principal.resources().stream()
                .anyMatch(pattern -> glob(pattern).matcher(resource).matches());
        return actionAllowed && resourceAllowed;
    }

    /** Throws AccessDeniedException worded as IAM words an implicit deny. */
    public static void authorize(LocalPrincipal principal, String principalArn, String action, String resource) {
        authorize(principal, principalArn, action, resource, Map.of());
    }

    /**
     * As {@link #authorize(LocalPrincipal, String, String, String)}, with the request's condition keys for the
     * principal's policy document: an explicit deny there wins; else either the principal's statement or an
     * allowing statement of the document allows.
     */
    public static void authorize(LocalPrincipal principal, String principalArn, String action, String resource,
            Map<String, List<String>> conditionContext) {
        IamPolicy.Decision decision = principal.policy() == null ? IamPolicy.Decision.IMPLICIT_DENY
                : POLICIES.computeIfAbsent(principal.policy(), IamPolicy::parse).evaluate(action, resource, conditionContext);
        if (decision == IamPolicy.Decision.EXPLICIT_DENY) {
            throw AwsServiceException.accessDenied("User: " + principalArn + " is not authorized to perform: " + action
                    + " on resource: " + resource + " with an explicit deny in an identity-based policy");
        }
        if (decision != IamPolicy.Decision.ALLOW && !allows(principal, action, resource)) {
            throw AwsServiceException.accessDenied("User: " + principalArn + " is not authorized to perform: " + action
                    + " on resource: " + resource + " because no identity-based policy allows the " + action
                    + " action");
        }
    }

    /** An IAM wildcard pattern: {@code *} any run of characters, {@code ?} exactly one; the rest literal. */
    static Pattern glob(String pattern) {
        if (PATTERNS.size() > 10_000) {
            PATTERNS.clear();
        }
        return PATTERNS.computeIfAbsent(pattern, PrincipalRegistry::compile);
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
