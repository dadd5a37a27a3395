package dev.secretbaker.core.status;

import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.internal.CallFailure;
import dev.secretbaker.core.internal.CallTarget;
import dev.secretbaker.core.internal.FetchedParameter;
import dev.secretbaker.core.internal.ParameterHistoryReader;
import dev.secretbaker.core.internal.ParameterReference;
import dev.secretbaker.core.internal.ParameterStoreReader;
import dev.secretbaker.core.internal.Problems;
import dev.secretbaker.core.internal.RateLimiter;
import dev.secretbaker.core.internal.SsmClients;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Tells, for each secret of a baked file, whether Parameter Store still holds what was baked — without
 * decrypting anything. A version's ciphertext never changes, so the baked ciphertext equals the latest version's
 * exactly when the secret is current.
 *
 * <pre>
 * try (StatusChecker checker = StatusChecker.create(SsmOptions.defaults())) {
 *     StatusReport report = checker.check(BakedSecretsSource.read(Path.of("target/app.jar")), configuration);
 * }
 * </pre>
 *
 * <p>Calls, all with {@code WithDecryption=false}, in the region of each baked ARN:
 * <ol>
 *   <li>{@code GetParameters} for the latest version of every baked parameter, 10 per call;</li>
 *   <li>{@code GetParameters} again, batched, for what the first round could not settle: the version or label a
 *       pinned secret names, and the version just before the latest for a stale one (the usual case: rotated
 *       once since the bake);</li>
 *   <li>{@code GetParameterHistory}, one parameter at a time, only to name the baked version of a secret
 *       rotated more than once since the bake. Without {@code ssm:GetParameterHistory} that secret is still
 *       reported stale, with its baked version unnamed.</li>
 * </ol>
 * So N secrets take at most {@code 2 × ceil(N/10)} calls unless some were rotated twice or more.
 *
 * <p>Without a configuration a secret cannot be known to be pinned: an older baked version is reported stale.
 * With one, the configuration also tells secrets that were added, removed or pointed at another parameter since
 * the bake (stale: a new bake would change them).
 */
public final class StatusChecker implements AutoCloseable {

    private final SsmOptions options;
    private final SsmClient givenClient;
    private final Map<String, SsmClient> clientsByRegion = new HashMap<>();
    private final RateLimiter getLimiter = new RateLimiter(Baker.DEFAULT_REQUESTS_PER_SECOND, Baker.DEFAULT_BURST);
    private final RateLimiter historyLimiter = new RateLimiter(Baker.DEFAULT_REQUESTS_PER_SECOND, Baker.DEFAULT_BURST);

    private StatusChecker(SsmOptions options, SsmClient givenClient) {
        this.options = options;
        this.givenClient = givenClient;
    }

    /**
     * A checker that builds one SSM client per region of the baked ARNs from these options (their region is ignored).
     *
     * @param options how to build the SSM clients
     * @return the checker
     */
    public static StatusChecker create(SsmOptions options) {
        return new StatusChecker(Objects.requireNonNull(options, "options"), null);
    }

    /**
     * A checker that asks this client about every parameter, whatever the ARN's region; it is not closed.
     *
     * @param ssm the client to ask
     * @return the checker
     */
    public static StatusChecker withClient(SsmClient ssm) {
        return new StatusChecker(null, Objects.requireNonNull(ssm, "ssm"));
    }

    /**
     * The state of every secret in {@code baked}.
     *
     * @param baked         the baked secrets, from {@link BakedSecretsSource#read}
     * @param configuration the secrets as configured now, to tell pins and changes; empty when only the file is known
     * @return the state of each secret, in file order
     * @throws StatusException if interrupted
     */
    public StatusReport check(BakedSecretsSource.Baked baked, List<SecretRequest> configuration) {
        Objects.requireNonNull(baked, "baked");
        Objects.requireNonNull(configuration, "configuration");
        long start = System.nanoTime();
        Map<String, SecretRequest> configured = new LinkedHashMap<>();
        configuration.forEach(r -> configured.putIfAbsent(r.name(), r));
        boolean withConfiguration = !configuration.isEmpty();

        List<Entry> entries = new ArrayList<>();
        List<SecretStatus> settled = new ArrayList<>();
        for (BakedSecret secret : baked.secrets().secrets()) {
            SecretRequest request = configured.remove(secret.name());
            ParameterReference reference = request == null ? null : ParameterReference.parse(request.parameter());
            if (!ParameterArn.isValid(secret.arn())) {
                settled.add(status(secret.name(), SecretState.UNKNOWN, secret.arn(), null,
                        "the baked ARN is not a Parameter Store parameter ARN"));
            } else if (withConfiguration && request == null) {
                settled.add(status(secret.name(), SecretState.STALE, secret.arn(), null,
                        "no longer configured: a new bake would leave it out"));
            } else if (reference != null && !ParameterArn.names(secret.arn(), reference.base())) {
                settled.add(status(secret.name(), SecretState.STALE, secret.arn(), null,
                        "the configuration now reads " + reference.text()));
            } else {
                entries.add(new Entry(secret, reference == null ? null : reference.selector()));
            }
        }
        for (SecretRequest notBaked : configured.values()) {
            settled.add(status(notBaked.name(), SecretState.STALE, null, null,
                    "configured (" + notBaked.parameter() + ") but not in the baked file"));
        }

        Calls calls = new Calls();
        Map<String, List<Entry>> byRegion = new LinkedHashMap<>();
        entries.forEach(e -> byRegion.computeIfAbsent(ParameterArn.region(e.secret.arn()), r -> new ArrayList<>()).add(e));
        try {
            for (Map.Entry<String, List<Entry>> region : byRegion.entrySet()) {
                check(client(region.getKey()), region.getValue(), calls);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException("Interrupted while reading Parameter Store.", e);
        }

        Map<String, SecretStatus> byName = new HashMap<>();
        entries.forEach(e -> byName.put(e.secret.name(), e.result));
        settled.forEach(s -> byName.put(s.name(), s));
        List<SecretStatus> ordered = new ArrayList<>();
        baked.secrets().names().forEach(name -> ordered.add(byName.remove(name)));
        settled.stream().filter(s -> byName.containsKey(s.name())).forEach(ordered::add);
        return new StatusReport(baked.location(), ordered, calls.getParameters, calls.history, calls.retries,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void check(SsmClient ssm, List<Entry> entries, Calls calls) throws InterruptedException {
        ParameterStoreReader reader = new ParameterStoreReader(ssm, getLimiter, getLimiter, Baker.DEFAULT_MAX_CONCURRENCY);

        // 1. The latest version of every parameter.
        Set<String> latestReferences = new LinkedHashSet<>();
        entries.forEach(e -> latestReferences.add(e.secret.arn()));
        ParameterStoreReader.Lookup latest = fetch(reader, latestReferences, calls);
        Set<String> selectors = new LinkedHashSet<>();
        CallTarget target = CallTarget.of(ssm);
        for (Entry entry : entries) {
            String arn = entry.secret.arn();
            RuntimeException failure = failureFor(latest, arn);
            FetchedParameter parameter = latest.found.get(arn);
            if (failure != null) {
                entry.result = status(entry, SecretState.UNKNOWN, null, null, null, Problems.describe(failure, target));
            } else if (parameter == null) {
                entry.result = status(entry, SecretState.GONE, null, null, null, "the parameter was deleted");
            } else if (!parameter.isSecureString()) {
                entry.result = status(entry, SecretState.UNKNOWN, null, parameter, null,
                        "the parameter is now a " + parameter.type() + ", not a SecureString: a new bake would refuse it");
            } else {
                entry.latest = parameter;
                String second = entry.secondLookup();
                if (second != null) {
                    selectors.add(second);
                }
            }
        }

        // 2. The pinned versions and labels, and the version before the latest of each stale secret.
        ParameterStoreReader.Lookup second = fetch(reader, selectors, calls);
        List<Entry> needHistory = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.result == null && entry.settle(second)) {
                needHistory.add(entry);
            }
        }

        // 3. Only for a secret rotated more than once since the bake: its history names the baked version.
        ParameterHistoryReader history = new ParameterHistoryReader(ssm, historyLimiter);
        for (Entry entry : needHistory) {
            try {
                OptionalLong version = history.versionOf(entry.secret.arn(), entry.secret.ciphertext());
                entry.namedByHistory(version.isPresent() ? version.getAsLong() : null, version.isPresent() ? null
                        : "the baked version is not in the parameter's history (deleted and created again, or older"
                        + " than the 100 versions Parameter Store keeps)");
            } catch (SdkException e) {
                entry.namedByHistory(null, "the baked version could not be named: " + historyFailure(e));
            }
        }
        calls.history += history.calls();
        calls.retries += history.retries();
    }

    private static String historyFailure(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "AccessDeniedException".equals(service.awsErrorDetails().errorCode())) {
            return "reading it needs ssm:GetParameterHistory";
        }
        return Problems.describe(e);
    }

    private static ParameterStoreReader.Lookup fetch(ParameterStoreReader reader, Set<String> references, Calls calls)
            throws InterruptedException {
        ParameterStoreReader.Lookup lookup = reader.fetch(references.stream().map(ParameterReference::parse).toList());
        calls.getParameters += lookup.getParametersCalls.get();
        calls.retries += lookup.retries.get();
        return lookup;
    }

    private static RuntimeException failureFor(ParameterStoreReader.Lookup lookup, String reference) {
        for (CallFailure failure : lookup.failures) {
            if (failure.references().contains(reference)) {
                return failure.error();
            }
        }
        return null;
    }

    private SsmClient client(String region) {
        if (givenClient != null) {
            return givenClient;
        }
        return clientsByRegion.computeIfAbsent(region, r -> SsmClients.create(options.withRegion(r)));
    }

    private static SecretStatus status(String name, SecretState state, String arn, String pin, String reason) {
        return new SecretStatus(name, state, arn, pin, null, null, null, null, reason);
    }

    private static SecretStatus status(Entry entry, SecretState state, Long bakedVersion, FetchedParameter latest,
            Boolean newer, String reason) {
        return new SecretStatus(entry.secret.name(), state, entry.secret.arn(), entry.pin, bakedVersion,
                latest == null ? null : latest.version(), latest == null ? null : latest.lastModified(), newer, reason);
    }

    @Override
    public void close() {
        clientsByRegion.values().forEach(SsmClient::close);
        clientsByRegion.clear();
    }

    private static final class Calls {
        int getParameters;
        int history;
        int retries;
    }

    /** One baked secret on its way to a state. */
    private static final class Entry {
        final BakedSecret secret;
        /** The configured selector: a version number or a label; null when not pinned. */
        final String pin;
        FetchedParameter latest;
        SecretStatus result;
        /** Set when the baked version must be named from the history: the state and reason it will have. */
        SecretState pendingState;
        String pendingReason;

        Entry(BakedSecret secret, String pin) {
            this.secret = secret;
            this.pin = pin == null || pin.isEmpty() ? null : pin;
        }

        boolean bakedIsLatest() {
            return secret.ciphertext().equals(latest.ciphertext());
        }

        boolean pinnedToVersion() {
            return pin != null && ParameterReference.parse("x:" + pin).selectsVersion();
        }

        /** The selector reference the second round must read, or null when the first round settled it. */
        String secondLookup() {
            if (pin == null) {
                if (bakedIsLatest()) {
                    result = status(this, SecretState.CURRENT, latest.version(), latest, null, null);
                    return null;
                }
                return latest.version() > 1 ? secret.arn() + ":" + (latest.version() - 1) : null;
            }
            if (pinnedToVersion() && bakedIsLatest() && Long.parseLong(pin) == latest.version()) {
                result = status(this, SecretState.PINNED, latest.version(), latest, false, null);
                return null;
            }
            return secret.arn() + ":" + pin;
        }

        /** Settles the state from the second round; true when the history must still name the baked version. */
        boolean settle(ParameterStoreReader.Lookup second) {
            if (pin == null) {
                String before = secret.arn() + ":" + (latest.version() - 1);
                FetchedParameter previous = second.found.get(before);
                if (previous != null && secret.ciphertext().equals(previous.ciphertext())) {
                    result = status(this, SecretState.STALE, previous.version(), latest, null, null);
                    return false;
                }
                return pending(SecretState.STALE, null);
            }
            String reference = secret.arn() + ":" + pin;
            RuntimeException failure = failureFor(second, reference);
            FetchedParameter selected = second.found.get(reference);
            String what = pinnedToVersion() ? "version " + pin : "label " + pin;
            if (failure != null) {
                result = status(this, SecretState.UNKNOWN, null, latest, null, Problems.describe(failure));
            } else if (selected == null) {
                result = status(this, SecretState.GONE, null, latest, null, what + " no longer exists");
            } else if (secret.ciphertext().equals(selected.ciphertext())) {
                result = status(this, SecretState.PINNED, selected.version(), latest, latest.version() > selected.version(), null);
            } else {
                String reason = pinnedToVersion()
                        ? "the configuration pins version " + pin + ", the file holds another"
                        : "label " + pin + " now selects version " + selected.version();
                if (bakedIsLatest()) {
                    result = status(this, SecretState.STALE, latest.version(), latest, null, reason);
                    return false;
                }
                return pending(SecretState.STALE, reason);
            }
            return false;
        }

        private boolean pending(SecretState state, String reason) {
            pendingState = state;
            pendingReason = reason;
            return true;
        }

        void namedByHistory(Long bakedVersion, String note) {
            String reason = pendingReason;
            if (note != null) {
                reason = reason == null ? "version " + latest.version() + " is newer; " + note : reason + "; " + note;
            }
            result = status(this, pendingState, bakedVersion, latest, null, reason);
        }
    }
}
