package dev.secretbaker.local;

import dev.secretbaker.local.internal.audit.AuditLog;
import dev.secretbaker.local.internal.auth.PrincipalRegistry;
import dev.secretbaker.local.internal.fault.FaultInjector;
import dev.secretbaker.local.internal.kms.KeyState;
import dev.secretbaker.local.internal.kms.KmsModel;
import dev.secretbaker.local.internal.kms.KmsService;
import dev.secretbaker.local.internal.protocol.AwsJsonServer;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.seed.Seed;
import dev.secretbaker.local.internal.seed.SeedParser;
import dev.secretbaker.local.internal.ssm.ParameterTier;
import dev.secretbaker.local.internal.ssm.ParameterType;
import dev.secretbaker.local.internal.ssm.SsmModel;
import dev.secretbaker.local.internal.ssm.SsmService;
import dev.secretbaker.local.internal.state.StateFile;
import dev.secretbaker.local.internal.tls.CertificateAuthority;
import dev.secretbaker.local.internal.tls.TlsState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An embedded emulator of the AWS SSM Parameter Store and KMS APIs that secret-baker uses, served over the
 * AWS JSON 1.1 protocol on loopback with SigV4 checks, real AES-256-GCM cryptography, named principals, an
 * audit trail, injectable faults and an optional state file. Point any AWS SDK or the AWS CLI at
 * {@link #endpoint()} with the credentials of a {@link #principal(String) principal}.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.builder().seed(Path.of("seed.yaml")).build().start()) {
 *     LocalPrincipal admin = aws.principal("admin");
 *     // KmsClient.builder().endpointOverride(aws.endpoint()).region(Region.of(aws.region())) ...
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "111122223333";
    public static final String ADMIN = "admin";

    private final String host;
    private final int port;
    private final String region;
    private final String accountId;
    private final Path seedFile;
    private final Clock clock;
    private final KmsModel kms;
    private final SsmModel ssm;
    private final StateFile state;
    private final TlsState tlsState = new TlsState();
    private final boolean tlsEnabled;
    private volatile LocalTls tls;
    private final PrincipalRegistry principals = new PrincipalRegistry();
    private final FaultInjector faultInjector = new FaultInjector();
    private final Faults faults = new Faults(faultInjector);
    private final AuditLog auditLog;
    private final AuditTrail audit;
    private final AwsJsonServer server;
    private volatile String defaultPrincipal = ADMIN;
    private boolean started;
    private boolean closed;

    private LocalAws(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.seedFile = builder.seed;
        this.clock = builder.clock;
        this.kms = new KmsModel(region, accountId, clock);
        this.ssm = new SsmModel(region, accountId, kms, clock);
        this.tlsEnabled = builder.tls;
        this.state = builder.stateFile == null ? null : new StateFile(builder.stateFile, List.of(kms, ssm, tlsState));
        builder.principals.forEach(principals::put);
        if (principals.byName(ADMIN).isEmpty()) {
            principals.put(LocalPrincipal.admin());
        }
        try {
            this.auditLog = new AuditLog(builder.auditLog);
        } catch (RuntimeException e) {
            throw new LocalAwsException(e.getMessage(), e);
        }
        this.audit = new AuditTrail(auditLog);
        this.server = new AwsJsonServer(List.of(new KmsService(kms), new SsmService(ssm)), region, accountId,
                principals, faultInjector, auditLog, state, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An emulator with every default: a free port on 127.0.0.1, us-east-1, account 111122223333, in memory. */
    public static LocalAws create() {
        return builder().build();
    }

    /**
     * Loads the state file (if any), applies the seed file (if any), and starts serving.
     *
     * @return this, for {@code try (LocalAws aws = LocalAws.builder()...build().start())}
     * @throws LocalAwsException when the port is taken or the state or seed file cannot be used
     */
    public synchronized LocalAws start() {
        if (started) {
            throw new IllegalStateException("The emulator has already been started");
        }
        started = true;
        try {
            boolean restored = state != null && state.load();
            if (seedFile != null) {
                applySeed(SeedParser.parse(seedFile), restored);
            }
            // Created before the save, so that the state file keeps the root and clients trust it across restarts.
            CertificateAuthority authority = tlsEnabled ? tlsState.authority(clock.instant()) : null;
            if (state != null) {
                state.save();
            }
            if (authority != null) {
                tls = LocalTls.create(authority, host, state == null ? null : state.path(), clock.instant());
            }
            server.start(host, port, tls == null ? null : tls.serverContext());
        } catch (LocalAwsException e) {
            closeQuietly();
            throw e;
        } catch (RuntimeException e) {
            closeQuietly();
            throw new LocalAwsException(e.getMessage(), e);
        }
        return this;
    }

    /** Stops serving, writes the state file a last time, and closes the audit log. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        try {
            if (state != null && started) {
                state.save();
            }
        } finally {
            auditLog.close();
            if (tls != null) {
                tls.deleteTemporaryFiles();
            }
        }
    }

    private void closeQuietly() {
        try {
            server.close();
            auditLog.close();
            if (tls != null) {
                tls.deleteTemporaryFiles();
            }
        } catch (RuntimeException ignored) {
            // the start failure is what the caller needs to see
        }
        closed = true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // What clients need

    /**
     * The endpoint, e.g. {@code http://127.0.0.1:50123} (or {@code https://} with {@link Builder#tls()}), for
     * {@code endpointOverride} or {@code AWS_ENDPOINT_URL}.
     */
    public URI endpoint() {
        return server.endpoint();
    }

    public String region() {
        return region;
    }

    /** How clients trust the emulator, when it serves HTTPS ({@link Builder#tls()}); empty over plain HTTP. */
    public Optional<LocalTls> tls() {
        return Optional.ofNullable(tls);
    }

    public String accountId() {
        return accountId;
    }

    /** @throws IllegalArgumentException when no principal has this name */
    public LocalPrincipal principal(String name) {
        return principals.byName(name).orElseThrow(() -> new IllegalArgumentException("No principal named '" + name
                + "'; the principals are " + principals.all().stream().map(LocalPrincipal::name).toList()));
    }

    /** The seed file's first principal, or {@code admin} when the seed names none. */
    public LocalPrincipal defaultPrincipal() {
        return principal(defaultPrincipal);
    }

    public List<LocalPrincipal> principals() {
        return principals.all();
    }

    /** Adds a principal (or replaces the one of the same name); takes effect on the next request. */
    public LocalPrincipal addPrincipal(LocalPrincipal principal) {
        principals.put(principal);
        return principal;
    }

    /**
     * Adds a principal with fresh random credentials whose only permissions are an IAM policy document, evaluated
     * with its conditions (e.g. on {@code kms:EncryptionContext:PARAMETER_ARN}) as IAM evaluates them.
     *
     * @throws IllegalArgumentException naming what the emulator cannot evaluate in the document
     */
    public LocalPrincipal addPrincipal(String name, String policyDocument) {
        return addPrincipal(LocalPrincipal.create(name, List.of(), List.of()).withPolicy(policyDocument));
    }

    /** Adds a principal with fresh random credentials allowed {@code actions} on {@code resources}. */
    public LocalPrincipal addPrincipal(String name, List<String> actions, List<String> resources) {
        return addPrincipal(LocalPrincipal.create(name, actions, resources));
    }

    public AuditTrail audit() {
        return audit;
    }

    public Faults faults() {
        return faults;
    }

    /** The state file, when the emulator has one. */
    public Optional<Path> stateFile() {
        return state == null ? Optional.empty() : Optional.of(state.path());
    }

    /** The ARN of the key an id, ARN, alias name or alias ARN names, e.g. to write a policy for a principal. */
    public String keyArn(String keyId) {
        try {
            return kms.resolveKeyArn(keyId);
        } catch (AwsServiceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void applySeed(Seed seed, boolean restored) {
        // On a restored state, what the seed declares may already exist: it is created only when missing.
        for (Seed.KeySeed key : seed.keys()) {
            if (restored && alreadyThere(key)) {
                continue;
            }
            seedKey(key);
        }
        for (Seed.ParameterSeed parameter : seed.parameters()) {
            if (restored && ssm.parameterNames().contains(parameter.name())) {
                continue;
            }
            seedParameter(parameter);
        }
        for (LocalPrincipal principal : seed.principals()) {
            principals.put(principal);
        }
        if (!seed.principals().isEmpty()) {
            defaultPrincipal = seed.principals().get(0).name();
        }
        if (seed.faults() != null) {
            applyFaults(seed.faults());
        }
    }


    private boolean alreadyThere(Seed.KeySeed key) {
        for (String alias : key.aliases()) {
            try {
                kms.resolveKeyArn(alias);
                return true;
            } catch (AwsServiceException e) {
                // not there yet
            }
        }
        if (key.id() != null) {
            return kms.keys().stream().anyMatch(k -> k.keyId().equals(key.id()));
        }
        return false;
    }

    private void seedKey(Seed.KeySeed key) {
        String where = "Seed file " + seedFile + ", key " + (key.aliases().isEmpty() ? key.id() : key.aliases());
        try {
            String arn = kms.createKey(key.description(), key.id() == null ? null : UUID.fromString(key.id())).arn();
            for (String alias : key.aliases()) {
                kms.createAlias(alias, arn);
            }
            if (key.state() == KeyState.Disabled) {
                kms.disableKey(arn);
            } else if (key.state() == KeyState.PendingDeletion) {
                kms.scheduleKeyDeletion(arn, 30);
            }
        } catch (AwsServiceException e) {
            throw new LocalAwsException(where + ": " + e.errorCode() + ": " + e.getMessage(), e);
        }
    }

    private void seedParameter(Seed.ParameterSeed parameter) {
        String where = "Seed file " + seedFile + ", parameter " + parameter.name();
        try {
            for (Seed.VersionSeed version : parameter.versions()) {
                ssm.createParameter(parameter.name(), ParameterType.fromWire(parameter.type()), version.value(),
                        parameter.keyId(), parameter.tier() == null ? null : ParameterTier.fromWire(parameter.tier()),
                        parameter.description(), version.labels());
            }
        } catch (AwsServiceException e) {
            throw new LocalAwsException(where + ": " + e.errorCode() + ": " + e.getMessage(), e);
        }
    }

    private void applyFaults(Seed.FaultSeed seed) {
        if (seed.seed() != null) {
            faults.seed(seed.seed());
        }
        if (seed.latencyMillis() != null) {
            faults.latency(Duration.ofMillis(seed.latencyMillis()));
        }
        if (seed.throttleRate() != null) {
            faults.throttleRate(seed.throttleRate());
        }
        if (seed.serverErrorRate() != null) {
            faults.serverErrorRate(seed.serverErrorRate());
        }
        if (seed.dropConnectionRate() != null) {
            faults.dropConnectionRate(seed.dropConnectionRate());
        }
        if (seed.tpsLimits() != null) {
            seed.tpsLimits().forEach(faults::tpsLimit);
        }
    }

    @Override
    public String toString() {
        return "LocalAws[" + (started && !closed ? endpoint() : "not running") + ", " + region + ", " + accountId + "]";
    }

    /** Settings of an emulator; every one has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private Path seed;
        private Path stateFile;
        private Path auditLog;
        private Clock clock = Clock.systemUTC();
        private boolean tls;
        private final List<LocalPrincipal> principals = new ArrayList<>();

        private Builder() {
        }

        /** The interface to listen on; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; default 0, a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("A port is 0 (any free port) to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        public Builder region(String region) {
            if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                throw new IllegalArgumentException("Not an AWS region name: '" + region + "'");
            }
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            if (accountId == null || !accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("An AWS account id is 12 digits, not '" + accountId + "'");
            }
            this.accountId = accountId;
            return this;
        }

        /** A seed file (YAML) of keys, parameters, principals and faults to create at start. */
        public Builder seed(Path seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Serve HTTPS instead of HTTP, with a certificate for {@code localhost}, {@code 127.0.0.1} and the host,
         * issued by a root the emulator generates (and keeps in the state file, when there is one). See
         * {@link LocalAws#tls()} for the files and trust managers that clients use.
         */
        public Builder tls() {
            return tls(true);
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** A file to keep the state in across restarts; without one the state lives in memory only. */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        /** A file to append each audit event to as a JSON line. */
        public Builder auditLog(Path auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        /** A principal to have from the start (besides {@code admin}, unless this one is named admin). */
        public Builder principal(LocalPrincipal principal) {
            this.principals.add(Objects.requireNonNull(principal, "principal"));
            return this;
        }

        /** The clock for creation dates and SigV4's 15-minute window; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LocalAws build() {
            return new LocalAws(this);
        }
    }
}
