package dev.secretbaker.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test vectors under {@code src/test/resources/vectors}, written by {@code src/test/vectors/generate.js}.
 * The input files are read with a deliberately separate, minimal JSON reader so that the reader under test is
 * not its own oracle.
 */
final class Vectors {

    record Vector(String name, String description, List<BakedSecret> entries, byte[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Vectors() {
    }

    static Stream<Vector> all() {
        Path folder = folder();
        try (Stream<Path> files = Files.list(folder)) {
            List<Vector> vectors = new ArrayList<>();
            for (Path input : files.filter(p -> p.getFileName().toString().endsWith(".input.json")).sorted().toList()) {
                String name = input.getFileName().toString().replace(".input.json", "");
                vectors.add(load(folder, name));
            }
            return vectors.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Vector load(String name) {
        return load(folder(), name);
    }

    @SuppressWarnings("unchecked")
    private static Vector load(Path folder, String name) {
        try {
            String text = Files.readString(folder.resolve(name + ".input.json"), StandardCharsets.UTF_8);
            Map<String, Object> input = (Map<String, Object>) new MiniJson(text).value();
            List<BakedSecret> entries = new ArrayList<>();
            for (Object item : (List<Object>) input.get("entries")) {
                Map<String, Object> entry = (Map<String, Object>) item;
                entries.add(new BakedSecret((String) entry.get("name"), (String) entry.get("ciphertext"),
                        (String) entry.get("arn")));
            }
            byte[] expected = Files.readAllBytes(folder.resolve(name + ".expected.json"));
            return new Vector(name, (String) input.get("description"), entries, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON file of objects, arrays and strings under the test resources. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> loadJson(String resource) {
        try {
            Path file = Path.of(Vectors.class.getResource("/" + resource).toURI());
            return (Map<String, Object>) new MiniJson(Files.readString(file, StandardCharsets.UTF_8)).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path folder() {
        try {
            return Path.of(Vectors.class.getResource("/vectors").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Objects, arrays and strings: all the vector inputs use. */
    private static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = (String) value();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c != '"') {
                throw new IllegalArgumentException("vector inputs hold only objects, arrays and strings; at " + i);
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                char d = s.charAt(i++);
                if (d == '"') {
                    return sb.toString();
                }
                if (d != '\\') {
                    sb.append(d);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
