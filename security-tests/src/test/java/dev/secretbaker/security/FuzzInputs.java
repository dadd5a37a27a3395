package dev.secretbaker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The saved corpus of a fuzz target (the folder Jazzer reads in regression mode,
 * {@code src/test/resources/dev/secretbaker/security/<TestClass>Inputs/<method>/}), and seeded mutations of it
 * for the plain-JUnit runs: the same inputs on every run, many more than the corpus alone.
 */
final class FuzzInputs {

    private FuzzInputs() {
    }

    static List<byte[]> corpus(Class<?> testClass, String method) {
        URL folder = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (folder == null) {
            throw new IllegalStateException("No corpus for " + testClass.getSimpleName() + "." + method);
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                inputs.add(Files.readAllBytes(file));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} inputs made from the corpus by seeded byte-level mutations and splices, corpus first. */
    static List<byte[]> mutations(List<byte[]> corpus, long seed, int count, List<byte[]> dictionary) {
        Random random = new Random(seed);
        List<byte[]> inputs = new ArrayList<>(corpus);
        while (inputs.size() < count) {
            byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
            int steps = 1 + random.nextInt(4);
            for (int i = 0; i < steps; i++) {
                input = mutate(input, random, corpus, dictionary);
            }
            inputs.add(input);
        }
        return inputs;
    }

    private static byte[] mutate(byte[] input, Random random, List<byte[]> corpus, List<byte[]> dictionary) {
        int at = input.length == 0 ? 0 : random.nextInt(input.length + 1);
        switch (random.nextInt(7)) {
            case 0 -> { // flip a bit
                if (input.length > 0) {
                    int i = random.nextInt(input.length);
                    input[i] ^= (byte) (1 << random.nextInt(8));
                }
                return input;
            }
            case 1 -> { // a random byte, often an invalid UTF-8 one
                if (input.length > 0) {
                    input[random.nextInt(input.length)] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
                }
                return input;
            }
            case 2 -> { // cut a piece out
                int end = at + random.nextInt(Math.max(1, input.length - at + 1));
                return concat(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, Math.min(end, input.length), input.length));
            }
            case 3 -> { // truncate
                return Arrays.copyOf(input, at);
            }
            case 4 -> { // insert a token
                byte[] token = dictionary.get(random.nextInt(dictionary.size()));
                return concat(concat(Arrays.copyOfRange(input, 0, at), token), Arrays.copyOfRange(input, at, input.length));
            }
            case 5 -> { // splice with another corpus input
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return concat(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(other, from, other.length));
            }
            default -> { // repeat a piece
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                byte[] piece = Arrays.copyOfRange(input, Math.min(at, input.length), end);
                byte[] out = Arrays.copyOfRange(input, 0, at);
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    out = concat(out, piece);
                }
                return concat(out, Arrays.copyOfRange(input, Math.min(at, input.length), input.length));
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
