package dev.secretbaker.benchmarks.spring;

import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** With the integration: the function's one secret is a property imported with spring.config.import=secret-baker:. */
@SpringBootApplication
public class StartupApp {

    @Bean
    public Function<Map<String, Object>, String> greet(@Value("${API_KEY}") String apiKey) {
        return event -> "Hello, " + event.get("name") + "! (key of " + apiKey.length() + " characters)";
    }
}
