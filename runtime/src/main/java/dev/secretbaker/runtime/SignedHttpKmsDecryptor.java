package dev.secretbaker.runtime;

import dev.secretbaker.format.internal.JsonReader;
import dev.secretbaker.format.internal.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * The default KMS path: a hand-built AWS JSON 1.1 {@code TrentService.Decrypt} request, signed with SigV4
 * ({@link SigV4Signer}) and sent with {@link HttpURLConnection}. In fresh JVMs this reaches the first plaintext
 * several times sooner than an SDK {@code KmsClient} (see benchmarks/runtime/RESULTS.md), because it loads
 * nothing beyond the JDK.
 */
final class SignedHttpKmsDecryptor implements KmsDecryptor {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    /** Stand-ins for priming: they sign and parse like real ones and are never sent. */
    private static final AwsCredentials PRIMING_CREDENTIALS = new AwsCredentials("AKIAPRIMINGONLY00000",
            "priming-only-not-a-credential-0000000000", "priming-only");
    private static final byte[] PRIMING_ANSWER = "{\"KeyId\":\"priming\",\"Plaintext\":\"AAAA\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRIMING_ERROR = "{\"__type\":\"PrimingException\",\"message\":\"not sent\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final CredentialsSource credentials;
    private final Environment env;
    private final URI endpointOverride;
    private final Clock clock;
    private final RequestSigner signer;

    /**
     * @param endpointOverride an explicit endpoint, or {@code null} to use {@code AWS_ENDPOINT_URL_KMS}, then
     *                         {@code AWS_ENDPOINT_URL}, then the parameter's regional KMS endpoint
     */
    public SignedHttpKmsDecryptor(CredentialsSource credentials, Environment env, URI endpointOverride, Clock clock) {
        this(credentials, env, endpointOverride, clock, RequestSigner.SIGV4);
    }

    public SignedHttpKmsDecryptor(CredentialsSource credentials, Environment env, URI endpointOverride, Clock clock,
            RequestSigner signer) {
        this.signer = signer;
        this.credentials = credentials;
        this.env = env;
        this.endpointOverride = endpointOverride;
        this.clock = clock;
    }

    @Override
    public String describeEndpoint(KmsTarget target) {
        return endpoint(target).toString();
    }

    URI endpoint(KmsTarget target) {
        URI configured = endpointOverride != null ? endpointOverride : configuredEndpoint();
        if (configured != null) {
            return configured;
        }
        String suffix = Partitions.dnsSuffix(target.partition());
        if (suffix == null) {
            throw new KmsCallException("UnknownPartition", 0, "the partition '" + target.partition()
                    + "' is not one this library knows; set AWS_ENDPOINT_URL_KMS to its KMS endpoint", null);
        }
        return URI.create("https://kms." + target.region() + "." + suffix);
    }

    /**
     * The endpoint the first call will most likely go to, known before the secrets file is read: the configured
     * one, or the regional endpoint of {@code AWS_REGION} (where Lambda runs the function); {@code null} if
     * neither is known.
     */
    URI likelyEndpoint() {
        try {
            URI configured = endpointOverride != null ? endpointOverride : configuredEndpoint();
            if (configured != null) {
                return configured;
            }
            String region = env.nonEmpty("AWS_REGION") != null ? env.nonEmpty("AWS_REGION") : env.nonEmpty("AWS_DEFAULT_REGION");
            if (region == null) {
                return null;
            }
            // A wrong guess (an isolated partition) only wastes the warm-up: the request takes the parameter's own.
            return endpoint(new KmsTarget(region.startsWith("cn-") ? "aws-cn" : "aws", region));
        } catch (KmsCallException e) {
            return null;
        }
    }

    private URI configuredEndpoint() {
        if ("true".equalsIgnoreCase(env.nonEmpty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            return null;
        }
        String variable = env.nonEmpty("AWS_ENDPOINT_URL_KMS") != null ? "AWS_ENDPOINT_URL_KMS" : "AWS_ENDPOINT_URL";
        String configured = env.nonEmpty(variable);
        return configured == null ? null : httpUri(configured, variable);
    }

    @Override
    public void warmUp() {
        TlsWarmUp.startInBackground(likelyEndpoint());
    }

    @Override
    public void prepare() {
        TlsWarmUp.prepareInBackground(likelyEndpoint());
    }

    @Override
    public void prime(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target) {
        try {
            URI endpoint = endpoint(target);
            URI uri = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
            // The request path with stand-in credentials and answers: signer, JSON, base64, the URL handler.
            byte[] body = requestBody(ciphertextBlob, encryptionContext);
            signer.sign(uri, Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "TrentService.Decrypt"),
                    body, "kms", target.region(), PRIMING_CREDENTIALS, clock.instant());
            plaintext(PRIMING_ANSWER);
            JsonReader.stringMembers(PRIMING_ERROR);
            errorCode("com.amazonaws.kms#PrimingException:");
            uri.toURL().openConnection(); // not connected: loads the protocol handler only
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                TlsWarmUp.handshake(uri);
                TlsWarmUp.forgetSessions();
            }
        } catch (IOException | RuntimeException e) {
            // Priming is best effort: the first call does whatever is left.
        }
    }

    @Override
    public void forgetSession() {
        credentials.forget();
        TlsWarmUp.forgetSessions();
    }

    private static URI httpUri(String value, String variable) {
        try {
            URI uri = URI.create(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException notAUri) {
            // reported below
        }
        throw new KmsCallException("InvalidEndpoint", 0, variable + " is not an http(s) URL: '" + value + "'", null);
    }

    @Override
    public byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target) {
        URI endpoint = endpoint(target);
        URI uri = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        byte[] body = requestBody(ciphertextBlob, encryptionContext);
        AwsCredentials identity = credentials.resolve();
        Map<String, String> headers = Map.of(
                "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "TrentService.Decrypt");
        Map<String, String> signature = signer.sign(uri, headers, body, "kms", target.region(), identity,
                clock.instant());

        try {
            // Bodies are read to the end and closed, which returns the connection to the JDK's keep-alive pool.
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setFixedLengthStreamingMode(body.length);
            // HttpURLConnection writes Host itself, with the value that was signed (SigV4Signer.host).
            headers.forEach(connection::setRequestProperty);
            signature.forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status == 200) {
                return plaintext(read(connection.getInputStream()));
            }
            throw error(status, connection);
        } catch (SSLHandshakeException e) {
            if (isUntrustedCertificate(e)) {
                // Not worth a retry: the same certificate comes back.
                throw new KmsCallException(KmsCallException.UNTRUSTED_CERTIFICATE, 0, e.getMessage(), e);
            }
            throw new KmsCallException(KmsCallException.IO_ERROR, 0, "SSLHandshakeException: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KmsCallException(KmsCallException.IO_ERROR, 0, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static boolean isUntrustedCertificate(SSLHandshakeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.security.cert.CertificateException
                    || cause instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    static byte[] requestBody(byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        JsonWriter json = new JsonWriter(ciphertextBlob.length * 4 / 3 + 200);
        json.raw("{\"CiphertextBlob\":").string(Base64.getEncoder().encodeToString(ciphertextBlob));
        json.raw(",\"EncryptionContext\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : encryptionContext.entrySet()) {
            if (!first) {
                json.raw(',');
            }
            first = false;
            json.string(entry.getKey()).raw(':').string(entry.getValue());
        }
        return json.raw("}}").toByteArray();
    }

    private static byte[] plaintext(byte[] response) {
        String encoded;
        try {
            encoded = JsonReader.stringMembers(response).get("Plaintext");
        } catch (IllegalArgumentException e) {
            throw new KmsCallException("MalformedResponse", 200, "KMS answered with " + e.getMessage(), null);
        }
        if (encoded == null) {
            throw new KmsCallException("MalformedResponse", 200, "KMS answered without a Plaintext", null);
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new KmsCallException("MalformedResponse", 200, "KMS answered with a Plaintext that is not base64", null);
        }
    }

    private static KmsCallException error(int status, HttpURLConnection connection) throws IOException {
        InputStream stream = connection.getErrorStream();
        byte[] body = stream == null ? new byte[0] : read(stream);
        String type = null;
        String message = null;
        try {
            Map<String, String> members = JsonReader.stringMembers(body);
            type = members.get("__type");
            message = members.containsKey("message") ? members.get("message") : members.get("Message");
        } catch (IllegalArgumentException notJson) {
            // a proxy or load balancer page; the status decides
        }
        if (type == null) {
            type = connection.getHeaderField("x-amzn-ErrorType");
        }
        return new KmsCallException(type == null ? "HTTP" + status : errorCode(type), status, message, null);
    }

    /** {@code com.amazonaws.kms#AccessDeniedException} and {@code AccessDeniedException:http://...} -> the bare code. */
    static String errorCode(String type) {
        String code = type;
        int hash = code.lastIndexOf('#');
        if (hash >= 0) {
            code = code.substring(hash + 1);
        }
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        return code.trim();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("KMS response larger than 1 MiB");
            }
            return bytes;
        }
    }
}
