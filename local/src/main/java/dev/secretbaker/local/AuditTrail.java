package dev.secretbaker.local;

import dev.secretbaker.local.internal.audit.AuditLog;
import java.util.List;

/** The calls the emulator has answered, oldest first, as tests and tools read them. Thread-safe. */
public final class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    /** Every call recorded since the start or the last {@link #clear()}. */
    public List<AuditEvent> events() {
        return log.events();
    }

    /** The calls one principal made. */
    public List<AuditEvent> events(String principal) {
        return log.events().stream().filter(e -> principal.equals(e.principal())).toList();
    }

    /** The calls of one operation, e.g. {@code Decrypt}. */
    public List<AuditEvent> eventsOf(String operation) {
        return log.events().stream().filter(e -> operation.equals(e.operation())).toList();
    }

    /** Forgets the recorded calls (the audit log file, if any, keeps them). */
    public void clear() {
        log.clear();
    }

    /** The recorded calls as JSON lines, one object per call, as the audit log file holds them. */
    public String toJsonLines() {
        StringBuilder out = new StringBuilder();
        for (AuditEvent event : log.events()) {
            out.append(AuditLog.toJson(event)).append('\n');
        }
        return out.toString();
    }
}
