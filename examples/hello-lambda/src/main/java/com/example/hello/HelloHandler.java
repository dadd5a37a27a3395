package com.example.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.secretbaker.runtime.BakedSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Greets with the GREETING secret and signs the greeting with the API_KEY secret (HMAC-SHA256), so that a
 * caller holding the same key can check it. Both secrets come from the secrets file baked into this jar: the
 * first call of each decrypts it with KMS, later calls in the same container reuse the plaintext.
 *
 * <p>Event: {@code {"name": "Ada"}}. Answer: {@code {"message": "<greeting>, Ada!", "signature": "<hex>"}}.
 */
public class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        Object name = event == null ? null : event.get("name");
        String message = BakedSecrets.get("GREETING") + ", " + (name == null ? "world" : name) + "!";
        return Map.of("message", message, "signature", sign(message, BakedSecrets.get("API_KEY")));
    }

    static String sign(String message, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
