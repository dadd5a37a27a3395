package dev.secretbaker.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.core.ApiCalls;
import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.BakedParameter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * </pre>
 */
final class BakeSummary {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private BakeSummary() {
    }

    static void printTable(PrintWriter out, BakeResult result, String headline) {
        out.println(headline);
        if (!result.parameters().isEmpty()) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "PARAMETER", "VERSION", "KEY", "TIER"});
            for (BakedParameter p : result.parameters()) {
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
        out.println(calls(result.apiCalls()) + " in " + result.duration().toMillis() + " ms. Nothing was decrypted.");
        if (result.parameters().stream().anyMatch(p -> !p.latestVersion())) {
            out.println("(*) a pinned older version; the key shown is the latest version's.");
        }
        if (result.parameters().stream().anyMatch(p -> "Advanced".equals(p.tier()))) {
            // Advanced-tier values are AWS Encryption SDK messages, not plain KMS ciphertexts.
            out.println("Advanced-tier secrets need the AWS Encryption SDK in the function"
                    + " (com.amazonaws:aws-encryption-sdk-java beside secret-baker-runtime).");
        }
        out.flush();
    }

    static void printJson(PrintWriter out, BakeResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ok", true);
        result.output().map(Path::toString).ifPresentOrElse(o -> root.put("output", o), () -> root.putNull("output"));
        ArrayNode secrets = root.putArray("secrets");
        for (BakedParameter p : result.parameters()) {
            ObjectNode entry = secrets.addObject();
            entry.put("name", p.secretName());
            entry.put("parameter", p.parameter());
            entry.put("source", p.source());
            entry.put("parameterName", p.parameterName());
            entry.put("arn", p.arn());
            entry.put("version", p.version());
            entry.put("latestVersion", p.latestVersion());
            entry.put("keyId", p.keyId());
            entry.put("tier", p.tier());
        }
        ObjectNode calls = root.putObject("apiCalls");
        calls.put("getParameters", result.apiCalls().getParameters());
        calls.put("describeParameters", result.apiCalls().describeParameters());
        calls.put("getParameterHistory", result.apiCalls().getParameterHistory());
        calls.put("describeKey", result.apiCalls().describeKey());
        calls.put("retries", result.apiCalls().retries());
        calls.put("total", result.apiCalls().total());
        root.put("durationMillis", result.duration().toMillis());
        write(out, root);
    }

    static void printJson(PrintWriter out, BakeException failure) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ok", false);
        ArrayNode problems = root.putArray("problems");
        for (BakeProblem problem : failure.problems()) {
            ObjectNode entry = problems.addObject();
            entry.put("name", problem.secretName());
            entry.put("parameter", problem.parameter());
            entry.put("source", problem.source());
            entry.put("reason", problem.reason());
            entry.put("fix", problem.fix());
        }
        write(out, root);
    }

    private static void write(PrintWriter out, ObjectNode root) {
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
