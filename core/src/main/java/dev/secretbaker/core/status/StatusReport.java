package dev.secretbaker.core.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of every secret of one baked file, in the file's order (configured secrets that were not baked
 * last), the Parameter Store calls made, and how long it took. Its table and JSON carry names, ARNs, versions
 * and dates only: never a value or a ciphertext.
 *
 * @param source where the baked secrets were read, e.g. {@code target/app.jar!/secret-baker-secrets.json}
 */
public record StatusReport(String source, List<SecretStatus> secrets, int getParametersCalls,
        int getParameterHistoryCalls, int retries, Duration duration) {

    /** What a status means for a deployment. */
    public enum Outcome {
        /** Every secret is current or pinned. */
        UP_TO_DATE,
        /** A secret is stale or gone: bake and deploy again. */
        REDEPLOY,
        /** A secret's state could not be told; the others are still reported. */
        INCOMPLETE
    }

    public StatusReport {
        Objects.requireNonNull(source, "source");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(duration, "duration");
    }

    /** Calls made, not counting the SDK's retries. */
    public int calls() {
        return getParametersCalls + getParameterHistoryCalls;
    }

    /** An unknown state wins over a stale one: the check is incomplete, whatever else it found. */
    public Outcome outcome() {
        Map<SecretState, Integer> counts = counts();
        if (counts.get(SecretState.UNKNOWN) > 0) {
            return Outcome.INCOMPLETE;
        }
        return counts.get(SecretState.STALE) + counts.get(SecretState.GONE) > 0 ? Outcome.REDEPLOY : Outcome.UP_TO_DATE;
    }

    public Map<SecretState, Integer> counts() {
        Map<SecretState, Integer> counts = new EnumMap<>(SecretState.class);
        for (SecretState state : SecretState.values()) {
            counts.put(state, 0);
        }
        secrets.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        return counts;
    }

    /** One line: how many secrets are in each state, and the calls it took. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        counts().forEach((state, n) -> {
            if (n > 0) {
                parts.add(n + " " + state.word());
            }
        });
        int n = secrets.size();
        return source + ": " + n + (n == 1 ? " secret" : " secrets") + (parts.isEmpty() ? "" : ", " + String.join(", ", parts))
                + " (" + calls() + (calls() == 1 ? " SSM call" : " SSM calls") + (retries > 0 ? ", " + retries + " retried" : "")
                + ", " + duration.toMillis() + " ms)";
    }

    /** The human table: a header, then one line per secret. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "BAKED", "LATEST", "LAST MODIFIED", "PARAMETER", "DETAIL"});
        for (SecretStatus s : secrets) {
            rows.add(new String[] {s.name(), s.state().word(), version(s.bakedVersion()), version(s.latestVersion()),
                    s.lastModified() == null ? "-" : s.lastModified().truncatedTo(ChronoUnit.SECONDS).toString(),
                    s.parameterName() == null ? "-" : s.parameterName() + (s.pin() == null ? "" : ":" + s.pin()),
                    detail(s)});
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String version(Long version) {
        return version == null ? "-" : "v" + version;
    }

    /** What the state means and what to do, in a few words. */
    static String detail(SecretStatus s) {
        return switch (s.state()) {
            case CURRENT -> "";
            case PINNED -> (s.newerVersion() != null && s.newerVersion()
                    ? "a newer version exists (v" + s.latestVersion() + ")" : "no newer version")
                    + (s.reason() == null ? "" : "; " + s.reason());
            case STALE -> (s.reason() == null ? "version " + s.latestVersion() + " is newer" : s.reason())
                    + "; bake and deploy again";
            case GONE, UNKNOWN -> s.reason() == null ? "" : s.reason();
        };
    }

    /** The report as one JSON object; see the CLI's README for its fields. */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("source", source);
        root.put("outcome", switch (outcome()) {
            case UP_TO_DATE -> "up-to-date";
            case REDEPLOY -> "redeploy";
            case INCOMPLETE -> "incomplete";
        });
        ObjectNode counts = root.putObject("counts");
        counts().forEach((state, n) -> counts.put(state.word(), n));
        ArrayNode list = root.putArray("secrets");
        for (SecretStatus s : secrets) {
            ObjectNode item = list.addObject();
            item.put("name", s.name());
            item.put("state", s.state().word());
            item.put("arn", s.arn());
            item.put("pin", s.pin());
            putVersion(item, "bakedVersion", s.bakedVersion());
            putVersion(item, "latestVersion", s.latestVersion());
            item.put("lastModified", s.lastModified() == null ? null : s.lastModified().toString());
            if (s.newerVersion() == null) {
                item.putNull("newerVersion");
            } else {
                item.put("newerVersion", s.newerVersion());
            }
            item.put("reason", s.reason());
        }
        ObjectNode calls = root.putObject("apiCalls");
        calls.put("getParameters", getParametersCalls);
        calls.put("getParameterHistory", getParameterHistoryCalls);
        calls.put("retries", retries);
        calls.put("total", calls());
        root.put("durationMillis", duration.toMillis());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
    }

    private static void putVersion(ObjectNode item, String field, Long version) {
        if (version == null) {
            item.putNull(field);
        } else {
            item.put(field, version);
        }
    }

    /** For tests and callers that need one secret. */
    public SecretStatus secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No secret named " + name + " in this report"));
    }
}
