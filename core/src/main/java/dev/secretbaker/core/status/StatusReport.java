package dev.secretbaker.core.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /**
     * Keeps a copy of the secrets.
     *
     * @param source                   where the baked secrets were read
     * @param secrets                  each secret's status
     * @param getParametersCalls       the GetParameters calls made
     * @param getParameterHistoryCalls the GetParameterHistory calls made
     * @param retries                  the calls the SDK retried
     * @param duration                 how long the check took
     */
    public StatusReport {
        Objects.requireNonNull(source, "source");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(duration, "duration");
    }

    /** {@return the calls made, not counting the SDK's retries} */
    public int calls() {
        return getParametersCalls + getParameterHistoryCalls;
    }

    /** {@return what to do} An unknown state wins over a stale one: the check is incomplete, whatever else it found. */
    public Outcome outcome() {
        Map<SecretState, Integer> counts = counts();
        if (counts.get(SecretState.UNKNOWN) > 0) {
            return Outcome.INCOMPLETE;
        }
        return counts.get(SecretState.STALE) + counts.get(SecretState.GONE) > 0 ? Outcome.REDEPLOY : Outcome.UP_TO_DATE;
    }

    /** {@return how many secrets are in each state, every state included} */
    public Map<SecretState, Integer> counts() {
        Map<SecretState, Integer> counts = new EnumMap<>(SecretState.class);
        for (SecretState state : SecretState.values()) {
            counts.put(state, 0);
        }
        secrets.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        return counts;
    }

    /** {@return one line: how many secrets are in each state, and the calls it took} */
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

    /** {@return the human table: a header, then one line per secret} */
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

    /** {@return the report as one JSON object on one line} docs/rotating-a-secret.md describes its fields. */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("source", source);
            json.writeStringField("outcome", switch (outcome()) {
                case UP_TO_DATE -> "up-to-date";
                case REDEPLOY -> "redeploy";
                case INCOMPLETE -> "incomplete";
            });
            json.writeObjectFieldStart("counts");
            for (Map.Entry<SecretState, Integer> count : counts().entrySet()) {
                json.writeNumberField(count.getKey().word(), count.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("secrets");
            for (SecretStatus s : secrets) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                json.writeStringField("state", s.state().word());
                json.writeStringField("arn", s.arn());
                json.writeStringField("pin", s.pin());
                writeNumberOrNull(json, "bakedVersion", s.bakedVersion());
                writeNumberOrNull(json, "latestVersion", s.latestVersion());
                json.writeStringField("lastModified", s.lastModified() == null ? null : s.lastModified().toString());
                json.writeFieldName("newerVersion");
                if (s.newerVersion() == null) {
                    json.writeNull();
                } else {
                    json.writeBoolean(s.newerVersion());
                }
                json.writeStringField("reason", s.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("apiCalls");
            json.writeNumberField("getParameters", getParametersCalls);
            json.writeNumberField("getParameterHistory", getParameterHistoryCalls);
            json.writeNumberField("retries", retries);
            json.writeNumberField("total", calls());
            json.writeEndObject();
            json.writeNumberField("durationMillis", duration.toMillis());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void writeNumberOrNull(JsonGenerator json, String field, Long value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    /**
     * For tests and callers that need one secret.
     *
     * @param name the secret's name
     * @return its status
     * @throws IllegalArgumentException if the report has no such secret
     */
    public SecretStatus secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No secret named " + name + " in this report"));
    }
}
