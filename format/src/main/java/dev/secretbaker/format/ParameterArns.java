package dev.secretbaker.format;

/** The one shape of ARN a secrets file entry may carry: {@code arn:<partition>:ssm:<region>:<account>:parameter/<name>}. */
final class ParameterArns {

    static final String EXPECTED_SHAPE = "arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>";

    private ParameterArns() {
    }

    // Hand-written rather than a regex: this runs for every secret on a Lambda cold start.
    static boolean isParameterArn(String arn) {
        if (!arn.startsWith("arn:")) {
            return false;
        }
        int i = lowerDashRun(arn, 4);
        if (i == 4 || !arn.startsWith(":ssm:", i)) {
            return false;
        }
        int regionStart = i + 5;
        i = lowerDashRun(arn, regionStart);
        if (i == regionStart || i >= arn.length() || arn.charAt(i) != ':') {
            return false;
        }
        int accountStart = i + 1;
        i = accountStart;
        while (i < arn.length() && arn.charAt(i) >= '0' && arn.charAt(i) <= '9') {
            i++;
        }
        if (i - accountStart != 12 || !arn.startsWith(":parameter/", i)) {
            return false;
        }
        int nameStart = i + ":parameter/".length();
        if (nameStart >= arn.length()) {
            return false;
        }
        for (int k = nameStart; k < arn.length(); k++) {
            char c = arn.charAt(k);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int lowerDashRun(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
