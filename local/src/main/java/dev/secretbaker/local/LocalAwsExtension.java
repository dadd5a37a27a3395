package dev.secretbaker.local;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link LocalAws} for JUnit 5 tests and injects it, and (when the AWS SDK is on the classpath) ready
 * {@code KmsClient} and {@code SsmClient} parameters signed as {@code admin} or as the principal named by
 * {@link AsPrincipal}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalAwsExtension aws = LocalAwsExtension.create();          // one emulator for the class
 *
 * @Test
 * void decrypts(LocalAws emulator, KmsClient kms, @AsPrincipal("function") KmsClient asFunction) { ... }
 * }</pre>
 *
 * Registered on a static field, or with {@code @ExtendWith(LocalAwsExtension.class)}, one emulator serves the
 * whole class; on an instance field, each test gets its own. Injected clients are closed after their test.
 */
public final class LocalAwsExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);
    private static final String KMS_CLIENT = "software.amazon.awssdk.services.kms.KmsClient";
    private static final String SSM_CLIENT = "software.amazon.awssdk.services.ssm.SsmClient";

    private final UnaryOperator<LocalAws.Builder> settings;
    private LocalAws aws;
    /** The test container or test that started {@link #aws}; only its end stops it (nested classes share it). */
    private String owner;

    /** For {@code @ExtendWith}: an emulator with every default. */
    public LocalAwsExtension() {
        this(UnaryOperator.identity());
    }

    private LocalAwsExtension(UnaryOperator<LocalAws.Builder> settings) {
        this.settings = settings;
    }

    public static LocalAwsExtension create() {
        return new LocalAwsExtension();
    }

    /** An emulator with settings, e.g. {@code create(b -> b.seed(Path.of("src/test/resources/seed.yaml")))}. */
    public static LocalAwsExtension create(UnaryOperator<LocalAws.Builder> settings) {
        return new LocalAwsExtension(settings);
    }

    /** The running emulator (between the start and the end of the tests it serves). */
    public LocalAws aws() {
        if (aws == null) {
            throw new IllegalStateException("The emulator runs only while tests run");
        }
        return aws;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopFor(context);
    }

    private void startFor(ExtensionContext context) {
        if (aws == null) {
            aws = settings.apply(LocalAws.builder()).build().start();
            owner = context.getUniqueId();
        }
    }

    private void stopFor(ExtensionContext context) {
        if (aws != null && context.getUniqueId().equals(owner)) {
            aws.close();
            aws = null;
            owner = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        String type = parameter.getParameter().getType().getName();
        return type.equals(LocalAws.class.getName()) || type.equals(KMS_CLIENT) || type.equals(SSM_CLIENT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (aws == null) {
            throw new ParameterResolutionException("The emulator is not running for this test");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalAws.class) {
            return aws;
        }
        String principal = parameter.findAnnotation(AsPrincipal.class).map(AsPrincipal::value).orElse(LocalAws.ADMIN);
        AutoCloseable client = type.getName().equals(KMS_CLIENT) ? LocalAwsClients.kms(aws, principal)
                : LocalAwsClients.ssm(aws, principal);
        // Closed when the test's context closes, so that no HTTP client outlives its test.
        context.getStore(NAMESPACE).put(new Object(), (ExtensionContext.Store.CloseableResource) client::close);
        return client;
    }
}
