package dev.secretbaker.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of the emulator that keeps a copy of every byte each way: what a client sent
 * and every response the emulator gave it, as they crossed the wire.
 */
final class WireRecorder implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "wire-recorder");
        thread.setDaemon(true);
        return thread;
    });
    private final ByteArrayOutputStream requests = new ByteArrayOutputStream();
    private final ByteArrayOutputStream responses = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    private WireRecorder(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    static WireRecorder in(URI target) {
        try {
            return new WireRecorder(target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pumps.execute(() -> pump(client, upstream, requests));
                pumps.execute(() -> pump(upstream, client, responses));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (copy) {
                    copy.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other is closed by try-with-resources
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | RuntimeException ignored) {
                // already closed
            }
        }
    }

    byte[] requests() {
        synchronized (requests) {
            return requests.toByteArray();
        }
    }

    byte[] responses() {
        synchronized (responses) {
            return responses.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
        pumps.shutdownNow();
    }
}
