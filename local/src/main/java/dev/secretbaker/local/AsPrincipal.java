package dev.secretbaker.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code KmsClient} or {@code SsmClient} parameter injected by {@link LocalAwsExtension}: sign its requests
 * as this principal instead of {@code admin}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AsPrincipal {
    String value();
}
