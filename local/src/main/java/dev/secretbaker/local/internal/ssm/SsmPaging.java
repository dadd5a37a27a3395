package dev.secretbaker.local.internal.ssm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Parameter Store's paging: the maxResults bounds, and opaque NextTokens that encode where a page ended. */
final class SsmPaging {

    private SsmPaging() {
    }

    static int pageSize(Integer maxResults, int max, int defaultSize) {
        if (maxResults == null) {
            return defaultSize;
        }
        if (maxResults < 1 || maxResults > max) {
            throw SsmErrors.constraintViolation("Value '" + maxResults + "' at 'maxResults' failed to satisfy"
                    + " constraint: Member must have value " + (maxResults < 1 ? "greater than or equal to 1"
                    : "less than or equal to " + max));
        }
        return maxResults;
    }

    static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token, String prefix) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (position.startsWith(prefix) && position.length() > prefix.length()) {
                return position.substring(prefix.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw SsmErrors.invalidNextToken();
    }

    static long decodeVersionToken(String token) {
        try {
            return Long.parseLong(decodeToken(token, "v:"));
        } catch (NumberFormatException e) {
            throw SsmErrors.invalidNextToken();
        }
    }

    static String decodeNameToken(String token) {
        return decodeToken(token, "n:");
    }
}
