package dev.secretbaker.local.internal.ssm;

import java.util.List;

/** The results of the SSM model's operations. */
public final class SsmResults {

    private SsmResults() {
    }

    public record PutParameterResult(long version, ParameterTier tier) {
    }

    /** {@code parameters} sorted by name as AWS returns them; {@code invalidParameters} as requested. */
    public record GetParametersResult(List<ParameterView> parameters, List<String> invalidParameters) {
    }

    public record Page(List<ParameterView> parameters, String nextToken) {
    }

    public record LabelResult(List<String> invalidLabels, long parameterVersion) {
    }

    public record DeleteParametersResult(List<String> deletedParameters, List<String> invalidParameters) {
    }
}
