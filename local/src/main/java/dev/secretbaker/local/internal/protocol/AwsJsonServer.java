package dev.secretbaker.local.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.local.internal.audit.AuditLog;
import dev.secretbaker.local.internal.auth.PrincipalRegistry;
import dev.secretbaker.local.internal.auth.SigV4Verifier;
import dev.secretbaker.local.internal.fault.FaultInjector;
import dev.secretbaker.local.internal.kms.KmsModel;
import dev.secretbaker.local.internal.state.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The emulator's HTTP front end: AWS JSON 1.1 over {@code POST /}, one endpoint for every registered service,
 * picked by the {@code X-Amz-Target} prefix. Each request is checked in AWS's order (target, size, SigV4,
 * principal), faults are injected, the service runs, and the answer or the error goes back in AWS's shape with
 * {@code x-amzn-RequestId} (and {@code x-amzn-ErrorType} on errors). Every request that names a service is
 * audited. No failure, however malformed the request, escapes as a stack trace or stops the server.
 */
public final class AwsJsonServer implements AutoCloseable {

    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;
    /** Enough handler threads for 200 concurrent clients with room for slow (delayed) calls. */
    static final int THREADS = 256;
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final System.Logger LOG = System.getLogger(AwsJsonServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, AwsJsonService> services = new LinkedHashMap<>();
    private final String region;
    private final String accountId;
    private final PrincipalRegistry principals;
    private final SigV4Verifier verifier;
    private final FaultInjector faults;
    private final AuditLog audit;
    private final StateFile state;
    private final Clock clock;
    private HttpServer server;
    private ExecutorService executor;

    public AwsJsonServer(List<AwsJsonService> services, String region, String accountId, PrincipalRegistry principals,
            FaultInjector faults, AuditLog audit, StateFile state, Clock clock) {
        services.forEach(s -> this.services.put(s.targetPrefix(), s));
        this.region = region;
        this.accountId = accountId;
        this.principals = principals;
        this.verifier = new SigV4Verifier(region, principals::secretAccessKey);
        this.faults = faults;
        this.audit = audit;
        this.state = state;
        this.clock = clock;
    }

    /** Serves plain HTTP, or HTTPS with {@code tls} (a server context holding the emulator's certificate). */
    public synchronized void start(String host, int port, SSLContext tls) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        // The JDK server leaves Nagle's algorithm on: with a client's delayed ACKs every loopback answer would
        // then stall about 40 ms, far slower than AWS. Read once by the JDK, so it applies from the first server.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        try {
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress(host, port), 1024);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 1024);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "secret-baker-local-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((server instanceof HttpsServer ? "https://" : "http://") + host + ":" + address.getPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Runs one request and answers it. The audit event is recorded before the answer leaves, so that a client
     * that has its answer finds its call in the trail.
     */
    private void handle(HttpExchange exchange) {
        Call call = new Call(UUID.randomUUID().toString(), clock.instant());
        int status = 200;
        JsonNode body = null;
        String errorType = null;
        try {
            body = process(exchange, call);
            call.outcome = body == null ? AuditEvent.CONNECTION_DROPPED : AuditEvent.OK;
        } catch (AwsServiceException e) {
            call.outcome = e.errorCode();
            status = e.httpStatus();
            body = errorBody(e);
            errorType = e.errorCode();
        } catch (IOException e) {
            // The client went away mid-request: there is no one to answer.
            call.outcome = AuditEvent.CLIENT_DISCONNECTED;
        } catch (Throwable e) {
            // A defect here must not reach the client as a stack trace, nor stop the server.
            LOG.log(System.Logger.Level.ERROR, "Request " + call.requestId + " failed: " + e);
            AwsServiceException failure = new AwsServiceException("InternalFailure", 500,
                    "The request processing has failed because of an unknown error, exception or failure.");
            call.outcome = failure.errorCode();
            status = failure.httpStatus();
            body = errorBody(failure);
            errorType = failure.errorCode();
        }
        try {
            audit.record(new AuditEvent(call.time, call.requestId,
                    call.principal == null ? null : call.principal.name(),
                    call.service == null ? null : call.service.signingName(), call.operation, call.resources,
                    call.withDecryption, call.outcome));
        } finally {
            if (body == null) {
                // A dropped connection (or a client already gone): closing an exchange before its response
                // headers were sent closes the socket, and the client reads an end of stream, not an answer.
                exchange.close();
            } else {
                send(exchange, call.requestId, status, body, errorType);
            }
        }
    }

    /** Runs one request; returns the response body, or null when the connection was dropped as a fault. */
    private JsonNode process(HttpExchange exchange, Call call) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        int dot = target == null ? -1 : target.indexOf('.');
        AwsJsonService service = dot < 0 ? null : services.get(target.substring(0, dot));
        if (!"POST".equals(exchange.getRequestMethod()) || service == null) {
            drain(exchange);
            throw AwsServiceException.unknownOperation();
        }
        call.service = service;
        call.operation = target.substring(dot + 1);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !(contentType.startsWith(JSON_1_1) || contentType.startsWith(JSON_1_0))) {
            drain(exchange);
            throw AwsServiceException.unknownOperation();
        }
        byte[] body = readBody(exchange);

        SigV4Verifier.Verified verified = verifier.verify(new SigV4Verifier.SignedRequest(
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body),
                service.signingName(), clock.instant());
        call.principal = principals.byAccessKeyId(verified.accessKeyId()).orElseThrow(() ->
                new AwsServiceException("UnrecognizedClientException", 400,
                        "The security token included in the request is invalid."));

        FaultInjector.Decision fault = faults.decide(call.operation);
        if (fault.dropConnection()) {
            return null;
        }
        if (!fault.latency().isZero()) {
            try {
                Thread.sleep(fault.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.throttle()) {
            throw service.throttled();
        }
        if (fault.serverError()) {
            throw service.serverError();
        }

        JsonNode request = parse(body);
        CallContext context = call.context();
        if (state != null && service.mutates(call.operation)) {
            return state.change(() -> service.handle(call.operation, request, context));
        }
        return service.handle(call.operation, request, context);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > MAX_BODY_BYTES) {
                drain(exchange);
                throw tooLarge();
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            drain(exchange);
            throw tooLarge();
        }
        return body;
    }

    private static AwsServiceException tooLarge() {
        return new AwsServiceException("RequestEntityTooLargeException", 413,
                "Request entity too large: the request body must not exceed " + MAX_BODY_BYTES + " bytes.");
    }

    /**
     * Reads (and drops) what is left of a body, up to {@value #MAX_DRAIN_BYTES} bytes, so that a client still
     * sending can read the error answer instead of a reset connection; anything longer is cut off. Read, not
     * skipped: skip passes the JDK server's length limit and would block on the next request.
     */
    private static void drain(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while (total <= MAX_DRAIN_BYTES && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // the answer is an error anyway
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw AwsServiceException.serialization("The request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw AwsServiceException.serialization("The request body cannot be read as JSON.");
        }
        if (node == null || node.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw AwsServiceException.serialization("The request body must be a JSON object.");
        }
        return node;
    }

    private static ObjectNode errorBody(AwsServiceException error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", error.errorCode());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        return body;
    }

    private static void send(HttpExchange exchange, String requestId, int status, JsonNode body, String errorType) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", JSON_1_1);
            headers.set("x-amzn-RequestId", requestId);
            if (errorType != null) {
                headers.set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            exchange.close();
        }
    }

    /** One request's facts for the audit trail, and the {@link CallContext} the service sees. */
    private final class Call {
        final String requestId;
        final Instant time;
        AwsJsonService service;
        String operation;
        LocalPrincipal principal;
        final List<String> resources = new ArrayList<>();
        Boolean withDecryption;
        String outcome;

        Call(String requestId, Instant time) {
            this.requestId = requestId;
            this.time = time;
        }

        CallContext context() {
            String principalArn = principal.arn(KmsModel.partitionOf(region), accountId);
            return new CallContext() {
                @Override
                public String principal() {
                    return principal.name();
                }

                @Override
                public String region() {
                    return region;
                }

                @Override
                public String accountId() {
                    return accountId;
                }

                @Override
                public void authorize(String action, String resourceArn) {
                    authorize(action, resourceArn, Map.of());
                }

                @Override
                public void authorize(String action, String resourceArn, Map<String, List<String>> conditionContext) {
                    synchronized (resources) {
                        if (!resources.contains(resourceArn)) {
                            resources.add(resourceArn);
                        }
                    }
                    // The principal is looked up again so that a policy changed at run time applies at once.
                    LocalPrincipal current = principals.byName(principal.name()).orElse(principal);
                    PrincipalRegistry.authorize(current, principalArn, action, resourceArn, conditionContext);
                }

                @Override
                public void recordWithDecryption(boolean flag) {
                    withDecryption = flag;
                }
            };
        }
    }
}
