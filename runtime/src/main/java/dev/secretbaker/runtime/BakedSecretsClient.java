package dev.secretbaker.runtime;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.PrintableText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * The baked secrets of one secrets file, decrypted with KMS on first use and kept for the life of the instance
 * (in Lambda: of the container). Create one per file and keep it in a static field; {@link BakedSecrets} holds the
 * default one.
 *
 * <p>Nothing is read or decrypted when an instance is created: the file is read on first use, and each secret
 * is decrypted when first asked for (or by {@link #preload()}), so that a SnapStart snapshot holds no plaintext
 * unless you ask for it during initialisation. Each secret costs exactly one successful KMS {@code Decrypt} per
 * instance, however many threads ask at once; a failure is not kept, so the next call tries again.
 *
 * <p>Thread-safe. {@link #toString()} shows the file and the secret names, never a value.
 */
public final class BakedSecretsClient {

    private static final int DEFAULT_PRELOAD_THREADS = 8;

    private final Supplier<SecretsFileLocator.Located> fileSource;
    private final SecretDecrypter decrypter;
    private final int preloadThreads;
    private final boolean warmUp;
    private final boolean prepareTls;
    private final boolean keepPlaintextInSnapshot;
    private final boolean decryptAfterRestore;
    /** The CRaC resource, held here because CRaC holds resources weakly; null without the CRaC API. */
    @SuppressWarnings("unused")
    private final Object snapStartResource;
    private volatile Loaded loaded;

    /** For tests: a client on a file source and a decrypter, without SnapStart hooks. */
    BakedSecretsClient(Supplier<SecretsFileLocator.Located> fileSource, SecretDecrypter decrypter, int preloadThreads) {
        this(new Builder().preloadThreads(preloadThreads).snapStartHooks(false), fileSource, decrypter);
    }

    private BakedSecretsClient(Builder builder, Supplier<SecretsFileLocator.Located> fileSource, SecretDecrypter decrypter) {
        this.fileSource = fileSource;
        this.decrypter = decrypter;
        this.preloadThreads = builder.preloadThreads;
        this.warmUp = builder.warmUp;
        this.prepareTls = builder.prepareTls;
        this.keepPlaintextInSnapshot = builder.keepPlaintextInSnapshot;
        this.decryptAfterRestore = builder.decryptAfterRestore;
        this.snapStartResource = builder.snapStartHooks
                ? SnapStartHooks.register(this::beforeCheckpoint, this::afterRestore, builder.snapStartContext)
                : null;
    }

    /** {@return a client with the default file lookup, the default KMS path and the default credentials} */
    public static BakedSecretsClient create() {
        return builder().build();
    }

    /** {@return a builder for a client with another file, KMS client, credentials or endpoint} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The secret's plaintext, decoded as UTF-8.
     *
     * @param name the secret's name in the secrets file
     * @return the plaintext
     * @throws SecretNotFoundException      if the file has no such secret (the message lists the names present)
     * @throws SecretsFileNotFoundException if no secrets file was found (the message lists the places tried)
     * @throws SecretDecryptionException    if KMS did not decrypt it (subclasses say why)
     */
    public String get(String name) {
        return slot(name).plaintext().text;
    }

    /**
     * The secret's plaintext bytes, a fresh copy on each call.
     *
     * @param name the secret's name in the secrets file
     * @return the plaintext bytes
     * @throws SecretNotFoundException      if the file has no such secret
     * @throws SecretsFileNotFoundException if no secrets file was found
     * @throws SecretDecryptionException    if KMS did not decrypt it
     */
    public byte[] getBytes(String name) {
        return slot(name).plaintext().bytes.clone();
    }

    /** {@return the names in the secrets file, in file order} Reads the file if not read yet; decrypts nothing. */
    public List<String> names() {
        return loaded().file.names();
    }

    /** {@return where the secrets file was found} Reads the file if not read yet; decrypts nothing. */
    public String location() {
        return loaded().location;
    }

    /**
     * Decrypts every secret not decrypted yet: the first on the calling thread, the rest in parallel. If some fail,
     * the others are still kept, and the first failure is thrown with the rest attached as suppressed exceptions.
     */
    public void preload() {
        Loaded current = loaded();
        List<Slot> pending = new ArrayList<>();
        for (BakedSecret secret : current.file.secrets()) {
            Slot slot = current.slots.get(secret.name());
            if (slot.value == null) {
                pending.add(slot);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        // One decrypt alone first: it loads the decrypt path's classes once and leaves a kept-alive connection and
        // a TLS session that the parallel calls reuse or resume, instead of each paying a full handshake at once.
        RuntimeException first = failureOf(pending.remove(0));
        if (pending.isEmpty()) {
            if (first != null) {
                throw first;
            }
            return;
        }
        int threads = Math.min(pending.size(), preloadThreads);
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "secret-baker-preload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(pending.size());
            for (Slot slot : pending) {
                futures.add(executor.submit(slot::plaintext));
            }
            for (Future<?> future : futures) {
                RuntimeException failure = failureOf(future);
                if (failure == null) {
                    continue;
                }
                if (first == null) {
                    first = failure;
                } else if (failure != first) {
                    first.addSuppressed(failure);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            executor.shutdown();
        }
    }

    /**
     * {@return every secret's plaintext by name, in file order} Decrypted in parallel where not yet decrypted.
     * The map's {@code toString()} shows the names only.
     */
    public Map<String, String> getAll() {
        preload();
        Loaded current = loaded();
        Map<String, String> all = new LinkedHashMap<>();
        for (BakedSecret secret : current.file.secrets()) {
            all.put(secret.name(), current.slots.get(secret.name()).plaintext().text);
        }
        return new SecretMap(all);
    }

    /**
     * Copies secrets into system properties, for libraries that read their credentials only from there (say
     * {@code javax.net.ssl.keyStorePassword}): each entry maps a secret's name to the system property to set. Each
     * secret is decrypted (one KMS call, the first time); every secret is decrypted before any property is set, so
     * a failure sets none. Nothing is copied unless you call this, and only the properties named are set. Any code
     * in the JVM can read system properties: copy only what such a library needs.
     *
     * @param propertyBySecretName the system property to set, by secret name
     * @throws SecretNotFoundException   if the file has no such secret
     * @throws SecretDecryptionException if KMS did not decrypt one
     */
    public void copyToSystemProperties(Map<String, String> propertyBySecretName) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : propertyBySecretName.entrySet()) {
            values.put(Objects.requireNonNull(entry.getValue(), "system property name"), get(entry.getKey()));
        }
        values.forEach(System::setProperty);
    }

    /**
     * Copies secrets into system properties of the same names; see {@link #copyToSystemProperties(Map)}.
     *
     * @param names the secrets' names, which are also the properties' names
     */
    public void copyToSystemProperties(String... names) {
        Map<String, String> sameNames = new LinkedHashMap<>();
        for (String name : names) {
            sameNames.put(name, name);
        }
        copyToSystemProperties(sameNames);
    }

    @Override
    public String toString() {
        Loaded current = loaded;
        if (current == null) {
            return "BakedSecretsClient[file not read yet]";
        }
        int decrypted = 0;
        for (Slot slot : current.slots.values()) {
            if (slot.value != null) {
                decrypted++;
            }
        }
        return "BakedSecretsClient[file=" + current.location + ", secrets=" + PrintableText.escape(current.file.names().toString()) + ", decrypted="
                + decrypted + "]";
    }

    private Slot slot(String name) {
        Objects.requireNonNull(name, "name");
        Loaded current = loaded();
        Slot slot = current.slots.get(name);
        if (slot == null) {
            throw new SecretNotFoundException(name, current.location, current.file.names());
        }
        return slot;
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (loaded == null) {
                if (warmUp) {
                    decrypter.warmUp(); // TLS gets ready on another thread while the file and credentials are read
                } else if (prepareTls) {
                    decrypter.prepare(); // the same, short of connecting
                }
                SecretsFileLocator.Located located = fileSource.get();
                Map<String, Slot> slots = new HashMap<>(located.file().size() * 2);
                for (BakedSecret secret : located.file().secrets()) {
                    slots.put(secret.name(), new Slot(secret, decrypter));
                }
                loaded = new Loaded(located.location(), located.file(), slots);
            }
            return loaded;
        }
    }

    /**
     * SnapStart's before-checkpoint hook: reads the file and initialises the whole decrypt path for each KMS
     * endpoint the file needs (signer, JSON, HTTP, TLS with a handshake but no request; no credentials used and
     * no KMS call), then forgets every plaintext decrypted so far, zeroing its bytes, unless
     * {@link Builder#keepPlaintextInSnapshot(boolean)}, and the credentials and TLS sessions it holds. Never
     * throws: a missing file fails later, when asked for.
     */
    void beforeCheckpoint() {
        Loaded current;
        try {
            current = loaded();
        } catch (RuntimeException e) {
            return;
        }
        List<String> primed = new ArrayList<>();
        for (BakedSecret secret : current.file.secrets()) {
            String endpoint = regionOf(secret.arn());
            if (!primed.contains(endpoint)) {
                primed.add(endpoint);
                decrypter.prime(secret);
            }
        }
        if (!keepPlaintextInSnapshot) {
            for (Slot slot : current.slots.values()) {
                slot.forget();
            }
        }
        decrypter.forgetSession(); // credentials fetched during INIT stay out of the snapshot
    }

    /**
     * SnapStart's after-restore hook: forgets the credentials and TLS sessions of the snapshotted process, and
     * with {@link Builder#decryptAfterRestore(boolean)} starts decrypting every secret on a background thread, so
     * that the first {@code get} finds its value ready (or waits for the call in flight).
     */
    void afterRestore() {
        decrypter.forgetSession();
        if (decryptAfterRestore) {
            Thread thread = new Thread(() -> {
                try {
                    preload();
                } catch (RuntimeException e) {
                    // not kept: each get tries again and reports its own failure
                }
            }, "secret-baker-restore");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static String regionOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 ? parts[1] + ":" + parts[3] : arn;
    }

    /** The future's failure as thrown by the decryption, or null if it succeeded. */
    private static RuntimeException failureOf(Slot slot) {
        try {
            slot.plaintext();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static RuntimeException failureOf(Future<?> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: the decryptions are already running
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        return runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    return new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Loaded {
        final String location;
        final dev.secretbaker.format.SecretsFile file;
        final Map<String, Slot> slots; // never modified after construction

        Loaded(String location, dev.secretbaker.format.SecretsFile file, Map<String, Slot> slots) {
            this.location = location;
            this.file = file;
            this.slots = slots;
        }
    }

    /** A decrypted value; deliberately without a {@code toString()} of its own. */
    private static final class Plaintext {
        final String text;
        final byte[] bytes;

        Plaintext(byte[] bytes) {
            this.bytes = bytes;
            this.text = new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * One secret's plaintext, decrypted at most once successfully. Concurrent first callers share one decryption
     * (single flight); a failed one is handed to those waiting for it, and the next caller starts afresh. The
     * ciphertext stays in the file model: this slot only ever holds plaintext.
     */
    private static final class Slot {
        private final BakedSecret secret;
        private final SecretDecrypter decrypter;
        private final AtomicReference<Flight> inFlight = new AtomicReference<>();
        volatile Plaintext value;

        Slot(BakedSecret secret, SecretDecrypter decrypter) {
            this.secret = secret;
            this.decrypter = decrypter;
        }

        /** Drops the plaintext and zeroes its bytes (the String cannot be zeroed; it is left to the collector). */
        void forget() {
            Plaintext current = value;
            value = null;
            if (current != null) {
                java.util.Arrays.fill(current.bytes, (byte) 0);
            }
        }

        Plaintext plaintext() {
            Plaintext current = value;
            if (current != null) {
                return current;
            }
            Flight mine = new Flight();
            Flight running = inFlight.compareAndExchange(null, mine);
            if (running != null) {
                return running.await();
            }
            try {
                current = value; // a flight may have finished between the first read and the exchange
                if (current == null) {
                    current = new Plaintext(decrypter.decrypt(secret));
                    value = current;
                }
                mine.finish(current, null);
                return current;
            } catch (RuntimeException | Error e) {
                mine.finish(null, e);
                throw e;
            } finally {
                inFlight.set(null);
            }
        }
    }

    /**
     * One decryption that other threads wait for. A monitor rather than a CompletableFuture: this is on the cold
     * path, and CompletableFuture's class initialisation alone costs milliseconds in a fresh JVM.
     */
    private static final class Flight {
        private boolean done;
        private Plaintext result;
        private Throwable failure;

        synchronized void finish(Plaintext result, Throwable failure) {
            this.result = result;
            this.failure = failure;
            this.done = true;
            notifyAll();
        }

        synchronized Plaintext await() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the decryption in flight is bounded by its timeouts and retries
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return result;
        }
    }

    /** An unmodifiable map of plaintexts whose {@code toString()} leaves the values out. */
    private static final class SecretMap extends java.util.AbstractMap<String, String> {
        private final Map<String, String> values;

        SecretMap(Map<String, String> values) {
            this.values = java.util.Collections.unmodifiableMap(values);
        }

        @Override
        public java.util.Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }

        @Override
        public String get(Object key) {
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return values.containsKey(key);
        }

        @Override
        public String toString() {
            return "{" + String.join("=****, ", values.keySet()) + (values.isEmpty() ? "" : "=****") + "}";
        }
    }

    /** Builds a {@link BakedSecretsClient}; every setting is optional. */
    public static final class Builder {

        private Path file;
        private KmsDecryptor kms;
        private CredentialsSource credentials;
        private URI endpoint;
        private Integer maxAttempts;
        private int preloadThreads = DEFAULT_PRELOAD_THREADS;
        private boolean warmUp;
        private boolean prepareTls = true;
        private boolean snapStartHooks = true;
        private boolean keepPlaintextInSnapshot;
        private boolean decryptAfterRestore;
        private Object snapStartContext; // an org.crac.Context, for tests; null: the global one
        // Seams for tests: the real environment, clock, sleeping and file system places by default.
        private Environment environment = Environment.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.standard();
        private SecretsFileLocator locator;
        private RequestSigner signer = RequestSigner.SIGV4;

        private Builder() {
        }

        Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        Builder signer(RequestSigner signer) {
            this.signer = signer;
            return this;
        }

        /** Whether the first {@code get} prepares TLS on another thread ({@link TlsWarmUp#prepareInBackground}); for benchmarks. */
        Builder prepareTls(boolean prepareTls) {
            this.prepareTls = prepareTls;
            return this;
        }

        Builder locator(SecretsFileLocator locator) {
            this.locator = locator;
            return this;
        }

        /**
         * Start a TLS handshake with the likely KMS endpoint on a background thread when the first secret is asked
         * for, so that the JDK's TLS set-up overlaps reading the file and the credentials (default false). It pays
         * only with a spare CPU: measured on a busy 2-core machine it made the first secret slower
         * (benchmarks/runtime/RESULTS.md); Lambda gives a full vCPU from 1,769 MB of memory, two from 3,538 MB.
         *
         * @param warmUp true to start the handshake early
         * @return this builder
         */
        public Builder tlsWarmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /** Registers the SnapStart hooks with this {@code org.crac.Context} instead of the global one. */
        Builder snapStartContext(Object context) {
            this.snapStartContext = context;
            return this;
        }

        /**
         * Whether to register the SnapStart hooks (default true; they register only when the CRaC API,
         * {@code org.crac:crac}, is on the classpath). See the README's SnapStart section.
         *
         * @param register false to leave them out
         * @return this builder
         */
        public Builder snapStartHooks(boolean register) {
            this.snapStartHooks = register;
            return this;
        }

        /**
         * Keep plaintexts decrypted before the SnapStart snapshot in it (default false: they are forgotten and
         * their bytes zeroed before the checkpoint, and decrypted again after the restore).
         *
         * @param keep true to keep them
         * @return this builder
         */
        public Builder keepPlaintextInSnapshot(boolean keep) {
            this.keepPlaintextInSnapshot = keep;
            return this;
        }

        /**
         * After a SnapStart restore, start decrypting every secret on a background thread (default false), so
         * that the first {@code get} finds its value ready. Costs one KMS call per secret per restored copy,
         * whether or not the function asks for them all.
         *
         * @param decrypt true to decrypt them after each restore
         * @return this builder
         */
        public Builder decryptAfterRestore(boolean decrypt) {
            this.decryptAfterRestore = decrypt;
            return this;
        }

        /**
         * The secrets file to read, and the only one: if it does not exist, reading fails with
         * {@link SecretsFileNotFoundException} rather than trying {@code SECRET_BAKER_FILE}, {@code $LAMBDA_TASK_ROOT},
         * the classpath root and the working directory, as it does when no file is given.
         *
         * @param file the secrets file
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * Decrypt through this SDK client (needs {@code software.amazon.awssdk:kms} on the classpath) instead of the
         * built-in signed HTTP path. Errors are the same; the client's region, endpoint and retry strategy apply, and
         * the runtime adds no retries on top of the client's (so {@link #maxAttempts} cannot be combined with it).
         *
         * @param kmsClient the SDK client to decrypt with
         * @return this builder
         */
        public Builder kmsClient(software.amazon.awssdk.services.kms.KmsClient kmsClient) {
            this.kms = new SdkKmsDecryptor(Objects.requireNonNull(kmsClient, "kmsClient"));
            return this;
        }

        /**
         * Credentials for the built-in KMS path, e.g. an SDK {@code AwsCredentialsProvider}. By default: the
         * environment keys, then the container credentials endpoint (as Lambda provides them).
         *
         * @param provider where to get the credentials
         * @return this builder
         */
        public Builder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
            this.credentials = new IdentityProviderCredentials(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * The KMS endpoint for the built-in path; by default {@code AWS_ENDPOINT_URL_KMS}, {@code AWS_ENDPOINT_URL},
         * or the parameter's regional endpoint.
         *
         * @param endpoint the endpoint's URI
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Attempts per KMS call on throttling, 5xx and network failures on the built-in path (default 4; 1 disables
         * retries). With {@link #kmsClient}, configure retries on the client instead.
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * How many KMS calls {@link BakedSecretsClient#preload()} makes at once (default 8).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder preloadThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("preloadThreads must be at least 1");
            }
            this.preloadThreads = threads;
            return this;
        }

        /** {@return a client with this builder's settings} Reads no file and calls nothing until first used. */
        public BakedSecretsClient build() {
            KmsDecryptor decryptor = kms;
            int attempts;
            if (decryptor == null) {
                CredentialsSource source = credentials != null ? credentials : new DefaultCredentials(environment, clock);
                decryptor = new SignedHttpKmsDecryptor(source, environment, endpoint, clock, signer);
                attempts = maxAttempts != null ? maxAttempts : RetryPolicy.DEFAULT_MAX_ATTEMPTS;
            } else if (maxAttempts != null) {
                throw new IllegalStateException("maxAttempts applies to the built-in KMS path; with kmsClient(...), set"
                        + " the retries on the KmsClient (ClientOverrideConfiguration.retryStrategy) instead");
            } else {
                // One layer of retries: the SDK client's own.
                attempts = 1;
            }
            SecretsFileLocator files = locator != null ? locator : SecretsFileLocator.standard(file, environment);
            return new BakedSecretsClient(this, files::locate,
                    new SecretDecrypter(decryptor, retryPolicy.withMaxAttempts(attempts)));
        }
    }
}
