package dev.secretbaker.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A unique secret value to plant in Parameter Store, and every form in which a leak of it could show up: the
 * value itself, base64 (standard and URL-safe, at each of the three alignments a value embedded in a longer
 * base64 text can take), and URL encoding.
 */
record Canary(String label, String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * A fresh canary. The characters {@code +/ =&} make its URL-encoded form differ from the value, and the
     * random part (128 bits) makes a hit by chance impossible.
     */
    static Canary create(String label) {
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new Canary(label, "canary-" + label + "-" + random + " p+q/r=s&t");
    }

    /** Each encoding's name and the bytes that mean the canary leaked in that encoding. */
    Map<String, byte[]> forms() {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        forms.put("plain", raw);
        forms.put("URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        forms.put("URL-encoded (%20)", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                .getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < 3; offset++) {
            String standard = alignedBase64(raw, offset);
            forms.put("base64 (offset " + offset + ")", standard.getBytes(StandardCharsets.US_ASCII));
            forms.put("base64url (offset " + offset + ")",
                    standard.replace('+', '-').replace('/', '_').getBytes(StandardCharsets.US_ASCII));
        }
        return forms;
    }

    /**
     * The base64 characters that depend on the value's bytes alone when the value starts {@code offset} bytes
     * after a 3-byte boundary of a longer text: the characters shared with the bytes before or after are cut.
     */
    static String alignedBase64(byte[] value, int offset) {
        byte[] padded = new byte[offset + value.length];
        System.arraycopy(value, 0, padded, offset, value.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
        int skip = switch (offset) {
            case 0 -> 0;
            case 1 -> 2;
            default -> 3;
        };
        int fullGroups = padded.length / 3;
        int end = fullGroups * 4;
        return encoded.substring(skip, end);
    }

    @Override
    public String toString() {
        return "Canary[" + label + "]";
    }
}
