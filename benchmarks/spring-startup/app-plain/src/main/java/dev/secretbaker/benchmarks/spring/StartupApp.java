package dev.secretbaker.benchmarks.spring;

import dev.secretbaker.runtime.BakedSecrets;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The baseline: the function reads its one secret with the runtime library directly. */
@SpringBootApplication
public class StartupApp {

    @Bean
    public Function<Map<String, Object>, String> greet() {
        String apiKey = BakedSecrets.get("API_KEY");
        return event -> "Hello, " + event.get("name") + "! (key of " + apiKey.length() + " characters)";
    }
}
