package dev.secretbaker.maven;

import dev.secretbaker.core.ApiCalls;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.BakedParameter;
import org.apache.maven.plugin.logging.Log;

/** Build-log lines about a bake: names, parameters, versions and keys; never a value or a ciphertext. */
final class BakeReport {

    private BakeReport() {
    }

    static String count(BakeResult result) {
        int n = result.parameters().size();
        return n + (n == 1 ? " secret" : " secrets");
    }

    /** E.g. {@code (1 GetParameters and 1 DescribeParameters call, 212 ms)}. */
    static String calls(BakeResult result) {
        ApiCalls calls = result.apiCalls();
        String history = calls.getParameterHistory() > 0 ? ", " + calls.getParameterHistory() + " GetParameterHistory" : "";
        String describeKey = calls.describeKey() > 0 ? ", " + calls.describeKey() + " kms:DescribeKey" : "";
        return "(" + calls.getParameters() + " GetParameters" + history + describeKey + " and "
                + calls.describeParameters() + " DescribeParameters " + (calls.total() == 1 ? "call" : "calls")
                + (calls.retries() > 0 ? ", " + calls.retries() + " retried" : "")
                + ", " + result.duration().toMillis() + " ms)";
    }

    static void logSecrets(Log log, BakeResult result) {
        for (BakedParameter parameter : result.parameters()) {
            log.info("  " + parameter.secretName() + " <- " + parameter.parameterName() + " version " + parameter.version()
                    + parameter.key().map(key -> ", key " + key).orElse(""));
        }
    }
}
