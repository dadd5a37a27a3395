package dev.secretbaker.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.function.Predicate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;

/**
 * Gets the JDK's TLS ready before the first KMS request needs it. In a fresh JVM the first HTTPS connection
 * spends most of its time loading and initialising JSSE and its cryptography (about 1,300 classes); a handshake
 * with the endpoint on another thread does that work while the caller reads the secrets file and the credentials
 * and signs the request. The handshake is a complete, verified one (the JVM's trusted roots, the endpoint's host
 * name checked), through the same default socket factory {@link HttpsURLConnection} uses; no request is sent on
 * it, so it is no KMS call. The request that follows then finds everything initialised, and a session to resume.
 */
final class TlsWarmUp {

    static final int TIMEOUT_MILLIS = 2_000;

    private TlsWarmUp() {
    }

    /** Starts {@link #handshake} on a daemon thread, if {@code endpoint} is HTTPS. */
    static void startInBackground(URI endpoint) {
        onDaemonThread(endpoint, "secret-baker-tls-warm-up", TlsWarmUp::handshake);
    }

    /**
     * Initialises, on a daemon thread, the JVM's default TLS context (its trusted roots parsed, about 200 ms in a
     * fresh JVM with Lambda's flags) and JSSE's client handshake code (a ClientHello produced by an engine that
     * never sends it), if {@code endpoint} is HTTPS. Unlike {@link #startInBackground}, no connection is made and
     * nothing but that ClientHello's key pair is done twice: the first request would do the same work on its own
     * thread, and now finds it done or in progress (it waits for the context's initialisation rather than
     * repeating it).
     */
    static void prepareInBackground(URI endpoint) {
        onDaemonThread(endpoint, "secret-baker-tls-preparation", TlsWarmUp::prepare);
    }

    private static void onDaemonThread(URI endpoint, String name, Predicate<URI> work) {
        if (endpoint == null || !"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            return;
        }
        Thread thread = new Thread(() -> work.test(endpoint), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether the context and the handshake code were initialised */
    static boolean prepare(URI endpoint) {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine(endpoint.getHost(),
                    endpoint.getPort() > 0 ? endpoint.getPort() : 443);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            ByteBuffer clientHello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), clientHello);
            engine.closeOutbound();
            return true;
        } catch (NoSuchAlgorithmException | IOException | RuntimeException e) {
            return false; // the request itself reports what is wrong
        }
    }

    /**
     * A verified TLS handshake with the endpoint, then closes the connection. Failures are ignored: the request
     * itself reports them, with its retries.
     *
     * @return whether the handshake completed
     */
    static boolean handshake(URI endpoint) {
        String host = endpoint.getHost();
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 443;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket tls = (SSLSocket) HttpsURLConnection.getDefaultSSLSocketFactory()
                    .createSocket(plain, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Drops every TLS session the JVM's default context keeps for resumption: after a SnapStart restore they
     * belong to the snapshotted process (and to every other copy restored from the same snapshot).
     */
    static void forgetSessions() {
        try {
            SSLSessionContext sessions = SSLContext.getDefault().getClientSessionContext();
            for (byte[] id : Collections.list(sessions.getIds())) {
                var session = sessions.getSession(id);
                if (session != null) {
                    session.invalidate();
                }
            }
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // nothing to forget
        }
    }
}
