package dev.secretbaker.runtime;

import dev.secretbaker.format.internal.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The container credentials endpoint, as Lambda SnapStart, ECS and EKS Pod Identity provide it:
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (or {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} under
 * {@code http://169.254.170.2}) answered with {@code {"AccessKeyId","SecretAccessKey","Token","Expiration"}},
 * authorised by {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} or {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}.
 * Credentials are kept until five minutes before they expire.
 */
final class ContainerCredentials {

    private static final String ECS_HOST = "http://169.254.170.2";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final int ATTEMPTS = 3;

    private final Environment env;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(AwsCredentials credentials, Instant refreshAt) {
    }

    ContainerCredentials(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    static boolean isConfigured(Environment env) {
        return env.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || env.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null;
    }

    AwsCredentials resolve() {
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return current.credentials();
        }
        synchronized (this) {
            current = cached;
            if (current != null && clock.instant().isBefore(current.refreshAt())) {
                return current.credentials();
            }
            Cached fresh = fetch();
            cached = fresh;
            return fresh.credentials();
        }
    }

    void forget() {
        cached = null;
    }

    private Cached fetch() {
        URI uri = endpoint();
        String token = authorizationToken();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return parse(get(uri, token), uri);
            } catch (RetryableFetchException e) {
                last = e.io;
            }
        }
        throw new CredentialsUnavailableException("The container credentials endpoint " + uri + " did not answer after "
                + ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    private URI endpoint() {
        String full = env.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        String relative = env.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (relative != null) {
            return URI.create(ECS_HOST + (relative.startsWith("/") ? "" : "/") + relative);
        }
        URI uri;
        try {
            uri = URI.create(full);
        } catch (IllegalArgumentException e) {
            throw new CredentialsUnavailableException("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URI", e);
        }
        if ("http".equals(uri.getScheme()) && !isAllowedPlainHttpHost(uri.getHost())) {
            throw new CredentialsUnavailableException("AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain http to " + uri.getHost()
                    + "; only loopback and the container link-local addresses may use http, others need https.", null);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new CredentialsUnavailableException("AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http(s) URI", null);
        }
        return uri;
    }

    private static boolean isAllowedPlainHttpHost(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("169.254.170.2") || bare.equals("169.254.170.23") || bare.equalsIgnoreCase("fd00:ec2::23")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String authorizationToken() {
        String file = env.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new CredentialsUnavailableException(
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return env.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }

    private static byte[] get(URI uri, String token) {
        HttpURLConnection connection = null;
        try {
            URL url = uri.toURL();
            connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            connection.setRequestProperty("Accept", "application/json");
            if (token != null) {
                if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
                    throw new CredentialsUnavailableException("The container authorization token contains a line break", null);
                }
                connection.setRequestProperty("Authorization", token);
            }
            int status = connection.getResponseCode();
            if (status >= 500 || status == 429) {
                throw new RetryableFetchException(new IOException("HTTP " + status));
            }
            if (status != 200) {
                throw new CredentialsUnavailableException("The container credentials endpoint " + uri + " answered HTTP "
                        + status + (status == 401 || status == 403 ? " (is AWS_CONTAINER_AUTHORIZATION_TOKEN right?)" : ""),
                        null);
            }
            try (InputStream in = connection.getInputStream()) {
                return readAll(in);
            }
        } catch (IOException e) {
            throw new RetryableFetchException(e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private Cached parse(byte[] body, URI uri) {
        Map<String, String> members;
        try {
            members = JsonReader.stringMembers(body);
        } catch (IllegalArgumentException e) {
            throw new CredentialsUnavailableException("The container credentials endpoint " + uri + " answered with "
                    + e.getMessage(), null);
        }
        String accessKeyId = members.get("AccessKeyId");
        String secretAccessKey = members.get("SecretAccessKey");
        if (accessKeyId == null || secretAccessKey == null) {
            throw new CredentialsUnavailableException("The container credentials endpoint " + uri
                    + " answered without AccessKeyId and SecretAccessKey", null);
        }
        String token = members.get("Token");
        AwsCredentials credentials = new AwsCredentials(accessKeyId, secretAccessKey, token);
        Instant refreshAt = Instant.MAX;
        String expiration = members.get("Expiration");
        if (expiration != null) {
            try {
                refreshAt = Instant.parse(expiration).minus(REFRESH_BEFORE_EXPIRY);
            } catch (DateTimeParseException e) {
                refreshAt = clock.instant(); // unknown expiry: use once, ask again next time
            }
        }
        return new Cached(credentials, refreshAt);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > 1 << 20) {
                throw new IOException("response larger than 1 MiB");
            }
        }
        return out.toByteArray();
    }

    private static final class RetryableFetchException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IOException io;

        RetryableFetchException(IOException io) {
            super(io.getMessage(), io, false, false);
            this.io = io;
        }
    }
}
