package dev.secretbaker.runtime;

/** The DNS suffix of each AWS partition, for {@code https://kms.<region>.<suffix>}. */
final class Partitions {

    private Partitions() {
    }

    /** The suffix, or {@code null} for a partition this library does not know. */
    static String dnsSuffix(String partition) {
        return switch (partition) {
            case "aws", "aws-us-gov" -> "amazonaws.com";
            case "aws-cn" -> "amazonaws.com.cn";
            case "aws-iso" -> "c2s.ic.gov";
            case "aws-iso-b" -> "sc2s.sgov.gov";
            case "aws-iso-e" -> "cloud.adc-e.uk";
            case "aws-iso-f" -> "csp.hci.ic.gov";
            case "aws-eusc" -> "amazonaws.eu";
            default -> null;
        };
    }
}
