package dev.secretbaker.core.status;

/** The parts of {@code arn:<partition>:ssm:<region>:<account>:parameter/<name>} that a status needs. */
final class ParameterArn {

    private static final String RESOURCE = ":parameter/";

    private ParameterArn() {
    }

    /** True for an SSM parameter ARN with a region and a name. */
    static boolean isValid(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return false;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[2].equals("ssm") && !parts[3].isEmpty()
                && parts[5].startsWith("parameter/") && parts[5].length() > "parameter/".length();
    }

    static String region(String arn) {
        return arn.split(":", 6)[3];
    }

    /** The name after {@code parameter/}: ARNs drop a name's leading slash. Null for null or a malformed ARN. */
    static String nameIn(String arn) {
        if (arn == null) {
            return null;
        }
        int at = arn.indexOf(RESOURCE);
        return at < 0 ? null : arn.substring(at + RESOURCE.length());
    }

    /** Whether a configured parameter (a name or an ARN, without selector) is the one this ARN names. */
    static boolean names(String arn, String parameter) {
        if (parameter.startsWith("arn:")) {
            return parameter.equals(arn);
        }
        String name = nameIn(arn);
        return name != null && name.equals(parameter.startsWith("/") ? parameter.substring(1) : parameter);
    }
}
