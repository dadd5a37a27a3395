package dev.secretbaker.local.internal.auth;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a request header-signed with {@code AWS4-HMAC-SHA256}, as AWS's
 * front end does: parses the Authorization header, checks the credential scope and the clock, recomputes
 * the canonical request from the received method, path, query, signed headers and body, and compares
 * signatures in constant time. Failures are the errors and messages AWS answers.
 */
public final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /** The request as received; header names in any case, each with all its values in arrival order. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
    }

    /** Who signed, once the signature is proven. */
    public record Verified(String accessKeyId, String region, String service) {
    }

    private final String region;
    private final Function<String, String> secretKeys;

    /**
     * @param region     the only region credentials may be scoped to
     * @param secretKeys the secret access key for an access key id, or null when the id is unknown
     */
    public SigV4Verifier(String region, Function<String, String> secretKeys) {
        this.region = region;
        this.secretKeys = secretKeys;
    }

    public Verified verify(SignedRequest request, String expectedService, Instant now) {
        Map<String, List<String>> headers = lowerCaseNames(request.headers());
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            throw new AwsServiceException("MissingAuthenticationTokenException", 400,
                    "Request is missing Authentication Token");
        }
        Authorization auth = Authorization.parse(authorization, first(headers, "x-amz-date") != null
                || first(headers, "date") != null);
        String amzDateText = first(headers, "x-amz-date") != null ? first(headers, "x-amz-date")
                : first(headers, "date");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDateText));
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDateText + "'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601");
        }
        String secret = secretKeys.apply(auth.accessKeyId);
        if (secret == null) {
            throw new AwsServiceException("UnrecognizedClientException", 400,
                    "The security token included in the request is invalid.");
        }
        if (!auth.service.equals(expectedService)) {
            throw invalid("Credential should be scoped to correct service: '" + expectedService + "'. ");
        }
        if (!auth.region.equals(region)) {
            throw invalid("Credential should be scoped to a valid region. ");
        }
        if (!auth.terminator.equals("aws4_request")) {
            throw invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + auth.terminator + "'. ");
        }
        if (!amzDateText.startsWith(auth.date)) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date + "' != '" + amzDateText.substring(0, Math.min(8, amzDateText.length()))
                    + "', from '" + amzDateText + "'.");
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDateText + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDateText + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (!auth.signedHeaders.contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        // AWS requires every x-amz-* header to be signed: unsigned, X-Amz-Target could turn a request signed as
        // GetParameter into a DeleteParameter, and X-Amz-Date could move a signature in time.
        List<String> unsigned = new ArrayList<>();
        for (String name : headers.keySet()) {
            if (name.startsWith("x-amz-") && !auth.signedHeaders.contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw incomplete("There were headers present in the request which were not signed: "
                    + String.join(", ", unsigned.stream().sorted().toList()) + ". Every x-amz-* header must be a"
                    + " 'SignedHeader' in the AWS Authorization.");
        }

        String canonicalRequest = canonicalRequest(request, headers, auth.signedHeaders);
        String scope = auth.date + "/" + auth.region + "/" + auth.service + "/" + auth.terminator;
        String stringToSign = ALGORITHM + "\n" + amzDateText + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = signature(secret, auth.date, auth.region, auth.service, stringToSign);
        byte[] provided;
        try {
            provided = HexFormat.of().parseHex(auth.signature);
        } catch (IllegalArgumentException e) {
            provided = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, provided)) {
            throw invalid("The request signature we calculated does not match the signature you provided. Check your"
                    + " AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                    + "The Canonical String for this request should have been\n'" + canonicalRequest + "'\n\n"
                    + "The String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return new Verified(auth.accessKeyId, auth.region, auth.service);
    }

    // ---------------------------------------------------------------------------------------------------------

    static String canonicalRequest(SignedRequest request, Map<String, List<String>> headers,
            List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath())).append('\n');
        out.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                trimmed.add(value.trim().replaceAll(" +", " "));
            }
            out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        // A payload hash the client declares is not trusted: the body received is hashed, so that a changed
        // body fails the signature. Only an explicitly unsigned payload is left out.
        String declared = first(headers, "x-amz-content-sha256");
        out.append(UNSIGNED_PAYLOAD.equals(declared) ? UNSIGNED_PAYLOAD : hex(sha256(request.body())));
        return out.toString();
    }

    /** Non-S3 services encode each path segment once more, on top of the encoding the client sent. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(uriEncode(segments[i]));
        }
        return out.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {uriEncode(urlDecode(name)), uriEncode(urlDecode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    private static String urlDecode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** RFC 3986 encoding: unreserved characters stay, every other byte becomes %XX in upper case. */
    static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static byte[] signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hmac(key, stringToSign);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        return out;
    }

    private static String first(Map<String, List<String>> headers, String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static AwsServiceException incomplete(String message) {
        return new AwsServiceException("IncompleteSignatureException", 400, message);
    }

    static AwsServiceException invalid(String message) {
        return new AwsServiceException("InvalidSignatureException", 400, message);
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    private record Authorization(String accessKeyId, String date, String region, String service, String terminator,
            List<String> signedHeaders, String signature) {

        static Authorization parse(String header, boolean hasDate) {
            String trimmed = header.trim();
            int space = trimmed.indexOf(' ');
            String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
            if (!algorithm.equals(ALGORITHM)) {
                throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'. Authorization=" + header);
            }
            Map<String, String> parts = new LinkedHashMap<>();
            String rest = space < 0 ? "" : trimmed.substring(space + 1);
            for (String part : rest.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    throw incomplete("'" + p + "' not a valid key=value pair (missing equal-sign) in Authorization"
                            + " header: '" + header + "'.");
                }
                parts.put(p.substring(0, eq), p.substring(eq + 1));
            }
            StringBuilder missing = new StringBuilder();
            for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
                if (!parts.containsKey(required)) {
                    missing.append("Authorization header requires '").append(required).append("' parameter. ");
                }
            }
            if (!hasDate) {
                missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            if (missing.length() > 0) {
                throw incomplete(missing + "Authorization=" + header);
            }
            String[] credential = parts.get("Credential").split("/", -1);
            if (credential.length != 5) {
                throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                        + " keyid/date/region/service/term, got '" + parts.get("Credential") + "'");
            }
            List<String> signedHeaders = List.of(parts.get("SignedHeaders").toLowerCase(Locale.ROOT).split(";"));
            return new Authorization(credential[0], credential[1], credential[2], credential[3], credential[4],
                    signedHeaders, parts.get("Signature"));
        }
    }
}
