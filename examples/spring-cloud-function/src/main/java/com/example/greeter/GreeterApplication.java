package com.example.greeter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Cloud Function on Lambda whose two secrets are Spring configuration properties, imported from the
 * secrets file baked into the jar ({@code spring.config.import=secret-baker:} in application.properties):
 *
 * <ul>
 *   <li>the database password, bound through {@code @ConfigurationProperties} ({@code app.db.password=${DB_PASSWORD}});</li>
 *   <li>the API key that signs each greeting, injected with {@code @Value("${API_KEY}")}.</li>
 * </ul>
 *
 * <p>Event: {@code {"name": "Ada"}}. Answer: {@code {"message": "Hello, Ada!", "signature": "<HMAC-SHA256 hex>",
 * "database": "app@jdbc:postgresql://…", "passwordFingerprint": "<first 8 hex of its SHA-256>"}} — the fingerprint
 * shows which password the function holds without showing it.
 */
@SpringBootApplication
@EnableConfigurationProperties(DatabaseProperties.class)
public class GreeterApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreeterApplication.class, args);
    }

    @Bean
    public Function<Map<String, Object>, Map<String, String>> greet(DatabaseProperties database,
            @Value("${API_KEY}") String apiKey) {
        return event -> {
            Object name = event == null ? null : event.get("name");
            String message = "Hello, " + (name == null ? "world" : name) + "!";
            return Map.of("message", message, "signature", hmac(message, apiKey),
                    "database", database.getUser() + "@" + database.getUrl(),
                    "passwordFingerprint", fingerprint(database.getPassword()));
        };
    }

    static String hmac(String message, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
