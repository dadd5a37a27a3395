package dev.secretbaker.local.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.AuditEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the audit events in memory (the most recent {@value #MAX_EVENTS}) and, when given a file, appends
 * each as one JSON line and flushes it, so that the file is complete up to the last answered call. Thread-safe.
 * Events hold names, ARNs and outcomes only, never a request or response body.
 */
public final class AuditLog implements AutoCloseable {

    static final int MAX_EVENTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayDeque<AuditEvent> events = new ArrayDeque<>();
    private BufferedWriter file;

    public AuditLog(Path file) {
        if (file != null) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the audit log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public synchronized void record(AuditEvent event) {
        if (events.size() == MAX_EVENTS) {
            events.removeFirst();
        }
        events.addLast(event);
        if (file != null) {
            try {
                file.write(toJson(event));
                file.newLine();
                file.flush();
            } catch (IOException e) {
                // The in-memory trail stays complete; a full disk must not fail the call being audited.
                System.getLogger(AuditLog.class.getName()).log(System.Logger.Level.WARNING,
                        "Cannot append to the audit log: " + e.getMessage());
            }
        }
    }

    public synchronized List<AuditEvent> events() {
        return new ArrayList<>(events);
    }

    public synchronized void clear() {
        events.clear();
    }

    public static String toJson(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", event.time().toString());
        node.put("requestId", event.requestId());
        node.put("principal", event.principal());
        node.put("service", event.service());
        node.put("operation", event.operation());
        var resources = node.putArray("resources");
        event.resources().forEach(resources::add);
        if (event.withDecryption() != null) {
            node.put("withDecryption", event.withDecryption());
        }
        node.put("outcome", event.outcome());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Nothing more can be written anyway.
            }
            file = null;
        }
    }
}
