package dev.secretbaker.core.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads {@code serverless.yml} into plain maps, lists and scalars, safely: only YAML's own types are built (no
 * classes named by the document), aliases and nesting are capped, duplicate keys are refused, and tags YAML does
 * not define (CloudFormation's {@code !Ref}, {@code !Sub}, ...) become {@link TaggedValue}s.
 */
final class ServerlessYaml {

    static final int MAX_BYTES = 8 * 1024 * 1024;
    // Real files merge a shared block into every function (<<: *defaults); expansion is bounded where values are walked.
    private static final int MAX_ALIASES = 1_000;
    private static final int MAX_NESTING = 100;

    private ServerlessYaml() {
    }

    /**
     * @param fileLabel the name to give the file in messages, e.g. {@code serverless.yml}
     * @return the document: a map, list, scalar or null for an empty file
     */
    static Object load(byte[] bytes, String fileLabel) {
        if (bytes.length > MAX_BYTES) {
            throw new ConfigurationException(fileLabel, "the file is " + bytes.length + " bytes long; at most "
                    + MAX_BYTES + " bytes are read");
        }
        String text = decodeUtf8(bytes, fileLabel);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_BYTES);
        Yaml yaml = new Yaml(new PlainConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new JsYamlLikeResolver());
        try {
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            // Only the problem and its position: the excerpt snakeyaml adds would quote the file.
            throw new ConfigurationException(fileLabel, "is not valid YAML: " + e.getProblem() + at(e.getProblemMark()), e);
        } catch (YAMLException e) {
            throw new ConfigurationException(fileLabel, "is not valid YAML: " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            // SnakeYAML refuses a directly recursive key but hashes an indirectly recursive one (an alias to a
            // list that contains itself, used as a key) forever; no serverless.yml needs either.
            throw new ConfigurationException(fileLabel, "is not a usable YAML document: an anchor refers to itself"
                    + " through a mapping key; remove the recursive alias");
        }
    }

    private static String decodeUtf8(byte[] bytes, String fileLabel) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(fileLabel, "is not UTF-8 text; save it as UTF-8", e);
        }
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable document";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** YAML's own types only; any other tag's node becomes a {@link TaggedValue} around its plain content. */
    private static final class PlainConstructor extends SafeConstructor {

        PlainConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(null, new ConstructTagged());
        }

        // SnakeYAML lets some failures through unwrapped (!!int abc, !!map on a list, bad !!binary); give them
        // a position, and drop their messages, which quote the value.
        @Override
        protected Object constructObjectNoCheck(Node node) {
            try {
                return super.constructObjectNoCheck(node);
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ValueDoesNotFitTag(node);
            }
        }

        private final class ConstructTagged extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return new TaggedValue(node.getTag().getValue(), value);
            }
        }
    }

    private static final class ValueDoesNotFitTag extends ConstructorException {
        private static final long serialVersionUID = 1L;

        ValueDoesNotFitTag(Node node) {
            super(null, null, "the value cannot be read as " + shortTag(node.getTag()), node.getStartMark());
        }

        private static String shortTag(Tag tag) {
            String value = tag.getValue();
            return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
        }
    }

    /**
     * Plain scalars typed as the Serverless Framework's YAML reader (js-yaml, YAML 1.2 core schema) types them,
     * not as YAML 1.1 does: {@code yes}, {@code no}, {@code on}, {@code off} and {@code y} stay strings (a secret
     * named {@code NO} is a string there), and dates are not converted.
     */
    private static final class JsYamlLikeResolver extends Resolver {

        private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT = Pattern.compile("^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$");
        private static final Pattern FLOAT = Pattern.compile(
                "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<");
            addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
        }
    }
}
