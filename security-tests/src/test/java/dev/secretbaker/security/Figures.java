package dev.secretbaker.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures one test class measured, written to {@code target/security-figures/<class>.json} as the class
 * goes; {@link SecurityFiguresTable} renders them all into docs/security.md. Only measured numbers go here.
 */
final class Figures {

    static final Path FOLDER = Path.of("target", "security-figures");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String name) {
        this.name = name;
    }

    static Figures of(Class<?> testClass) {
        return new Figures(testClass.getSimpleName());
    }

    synchronized Figures put(String figure, Object value) {
        values.put(figure, value);
        write();
        return this;
    }

    synchronized Figures add(String figure, long amount) {
        values.merge(figure, amount, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
        write();
        return this;
    }

    private void write() {
        try {
            Files.createDirectories(FOLDER);
            JSON.writeValue(FOLDER.resolve(name + ".json").toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
