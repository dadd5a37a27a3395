package dev.secretbaker.local.internal.ssm;

import java.util.List;

/** One DescribeParameters filter: a legacy {@code Filters} entry (no option) or a {@code ParameterFilters} one. */
public record ParameterFilter(String key, String option, List<String> values) {

    public ParameterFilter {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
