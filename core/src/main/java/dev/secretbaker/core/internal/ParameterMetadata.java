package dev.secretbaker.core.internal;

/** What {@code DescribeParameters} says about a parameter's latest version. */
public record ParameterMetadata(String name, String type, String keyId, String tier, long version) {
}
