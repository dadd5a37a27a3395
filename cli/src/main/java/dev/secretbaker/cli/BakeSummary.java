package dev.secretbaker.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.secretbaker.core.ApiCalls;
import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.BakedParameter;
import dev.secretbaker.core.DecryptPolicy;
import dev.secretbaker.core.config.PackageSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bake} and {@code verify} print: a table (name, parameter, version, key, tier) or, with
 * {@code --json}, the same as one JSON object on one line for tools such as the Serverless plugin. Never a value
 * or a ciphertext.
 *
 * <pre>
 * {"ok":true,"output":"/abs/secret-baker-secrets.json",          (null for verify)
 *  "secrets":[{"name":..,"parameter":..,"source":..,"parameterName":..,"arn":..,"version":2,
 *              "latestVersion":true,"keyId":"alias/app","tier":"Standard"}],
 *  "apiCalls":{"getParameters":1,"describeParameters":1,"retries":0,"total":2},"durationMillis":84}
 * {"ok":false,"problems":[{"name":..,"parameter":..,"source":..,"reason":..,"fix":..}]}   (exit code 1)
 * with --packages-json, one member more, first; then the secrets of every package once, and the union's statements:
 * {"ok":true,"packages":[{"output":..,"functions":["api"],"secrets":["NAME",..],"policyStatements":[..]}],"secrets":..
 * </pre>
 */
final class BakeSummary {

    // The streaming generator only: the bake jar the Serverless plugin ships has no room for jackson-databind.
    private static final JsonFactory JSON = new JsonFactory();

    private BakeSummary() {
    }

    static void printTable(PrintWriter out, BakeResult result, String headline) {
        printTable(out, result.parameters(), result.apiCalls(), result.duration().toMillis(), List.of(headline));
    }

    /** One line per package, then every baked secret once. */
    static void printTable(PrintWriter out, List<PackageSecrets> packages, List<BakeResult> results) {
        List<String> headlines = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            PackageSecrets pack = packages.get(i);
            headlines.add("Baked " + BakeCommand.count(results.get(i)) + " into " + pack.file() + " ("
                    + (pack.functions().isEmpty() ? "the service's secrets" : "functions " + String.join(", ", pack.functions()))
                    + ").");
        }
        BakeResult last = results.get(results.size() - 1);
        printTable(out, union(results), last.apiCalls(), last.duration().toMillis(), headlines);
    }

    private static void printTable(PrintWriter out, List<BakedParameter> parameters, ApiCalls apiCalls, long millis,
            List<String> headlines) {
        headlines.forEach(out::println);
        if (!parameters.isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "PARAMETER", "VERSION", "KEY", "TIER"});
            for (BakedParameter p : parameters) {
                rows.add(new String[] {p.secretName(), p.parameter(), version(p), p.key().orElse("(not described)"),
                        p.tierName().orElse("-")});
            }
            int[] widths = new int[5];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
                }
                out.println(line.toString().stripTrailing());
            }
            out.println();
        }
        out.println(calls(apiCalls) + " in " + millis + " ms. Nothing was decrypted.");
        if (parameters.stream().anyMatch(p -> !p.latestVersion())) {
            out.println("(*) a pinned older version; the key shown is the latest version's.");
        }
        if (parameters.stream().anyMatch(p -> "Advanced".equals(p.tier()))) {
            // Advanced-tier values are AWS Encryption SDK messages, not plain KMS ciphertexts.
            out.println("Advanced-tier secrets need the AWS Encryption SDK in the function"
                    + " (com.amazonaws:aws-encryption-sdk-java beside secret-baker-runtime).");
        }
        out.flush();
    }

    static void printJson(PrintWriter out, BakeResult result) {
        write(out, json -> {
            json.writeBooleanField("ok", true);
            json.writeStringField("output", result.output().map(Path::toString).orElse(null));
            writeSecrets(json, result.parameters());
            writeCalls(json, result);
            // The least-privilege statements for the function's role, for tools that add them (the Serverless plugin).
            json.writeFieldName("policyStatements");
            json.writeRawValue(DecryptPolicy.forBake(result.parameters()).toStatementsJson());
        });
    }

    /**
     * Each package's file, functions, secret names and policy statements; then every baked secret once, the
     * calls, the statements covering every package, and those for the role the functions share (covering the
     * packages marked sharedRole).
     */
    static void printJson(PrintWriter out, List<PackageSecrets> packages, List<BakeResult> results) {
        write(out, json -> {
            json.writeBooleanField("ok", true);
            json.writeArrayFieldStart("packages");
            for (int i = 0; i < packages.size(); i++) {
                BakeResult result = results.get(i);
                json.writeStartObject();
                json.writeStringField("output", result.output().map(Path::toString).orElse(null));
                json.writeArrayFieldStart("functions");
                for (String function : packages.get(i).functions()) {
                    json.writeString(function);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("secrets");
                for (BakedParameter p : result.parameters()) {
                    json.writeString(p.secretName());
                }
                json.writeEndArray();
                json.writeFieldName("policyStatements");
                json.writeRawValue(DecryptPolicy.forBake(result.parameters()).toStatementsJson());
                json.writeEndObject();
            }
            json.writeEndArray();
            List<BakedParameter> union = union(results);
            writeSecrets(json, union);
            writeCalls(json, results.get(results.size() - 1));
            json.writeFieldName("policyStatements");
            json.writeRawValue(DecryptPolicy.forBake(union).toStatementsJson());
            // For the role the functions share: only the packages of functions that run with it.
            List<BakeResult> shared = new ArrayList<>();
            for (int i = 0; i < packages.size(); i++) {
                if (packages.get(i).sharedRole()) {
                    shared.add(results.get(i));
                }
            }
            json.writeFieldName("sharedRolePolicyStatements");
            json.writeRawValue(DecryptPolicy.forBake(union(shared)).toStatementsJson());
        });
    }

    /** Every secret of these results once (by name and parameter), in order. */
    private static List<BakedParameter> union(List<BakeResult> results) {
        Map<List<String>, BakedParameter> union = new LinkedHashMap<>();
        for (BakeResult result : results) {
            for (BakedParameter p : result.parameters()) {
                union.putIfAbsent(List.of(p.secretName(), p.parameter()), p);
            }
        }
        return List.copyOf(union.values());
    }

    private static void writeSecrets(JsonGenerator json, List<BakedParameter> parameters) throws IOException {
        json.writeArrayFieldStart("secrets");
        for (BakedParameter p : parameters) {
            json.writeStartObject();
            json.writeStringField("name", p.secretName());
            json.writeStringField("parameter", p.parameter());
            json.writeStringField("source", p.source());
            json.writeStringField("parameterName", p.parameterName());
            json.writeStringField("arn", p.arn());
            json.writeNumberField("version", p.version());
            json.writeBooleanField("latestVersion", p.latestVersion());
            json.writeStringField("keyId", p.keyId());
            json.writeStringField("tier", p.tier());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeCalls(JsonGenerator json, BakeResult result) throws IOException {
        json.writeObjectFieldStart("apiCalls");
        json.writeNumberField("getParameters", result.apiCalls().getParameters());
        json.writeNumberField("describeParameters", result.apiCalls().describeParameters());
        json.writeNumberField("getParameterHistory", result.apiCalls().getParameterHistory());
        json.writeNumberField("describeKey", result.apiCalls().describeKey());
        json.writeNumberField("retries", result.apiCalls().retries());
        json.writeNumberField("total", result.apiCalls().total());
        json.writeEndObject();
        json.writeNumberField("durationMillis", result.duration().toMillis());
    }

    static void printJson(PrintWriter out, BakeException failure) {
        write(out, json -> {
            json.writeBooleanField("ok", false);
            json.writeArrayFieldStart("problems");
            for (BakeProblem problem : failure.problems()) {
                json.writeStartObject();
                json.writeStringField("name", problem.secretName());
                json.writeStringField("parameter", problem.parameter());
                json.writeStringField("source", problem.source());
                json.writeStringField("reason", problem.reason());
                json.writeStringField("fix", problem.fix());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /** One JSON object on one line. */
    private static void write(PrintWriter out, Fields fields) {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(line);
        out.flush();
    }

    private static String version(BakedParameter p) {
        return p.version() + (p.latestVersion() ? "" : " (*)");
    }

    private static String calls(ApiCalls calls) {
        int ssm = calls.total() - calls.describeKey();
        String text = ssm + (ssm == 1 ? " SSM call" : " SSM calls") + " (" + calls.getParameters()
                + " GetParameters, " + calls.describeParameters() + " DescribeParameters"
                + (calls.getParameterHistory() > 0 ? ", " + calls.getParameterHistory() + " GetParameterHistory" : "")
                + (calls.describeKey() > 0 ? "; " + calls.describeKey() + " KMS DescribeKey" : "");
        if (calls.retries() > 0) {
            text += ", " + calls.retries() + (calls.retries() == 1 ? " retry" : " retries");
        }
        return text + ")";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
