package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

class LocalAwsExtensionIntegrationTest {

    @Nested
    class SharedWithNestedClasses {

        @RegisterExtension
        static LocalAwsExtension aws = LocalAwsExtension.create();

        @Test
        void theOuterClassGetsTheEmulator(LocalAws emulator) {
            assertThat(emulator.endpoint()).isNotNull();
        }

        @Nested
        class Inner {

            @Test
            void aNestedClassSharesTheEnclosingClassesEmulator(LocalAws emulator, KmsClient kms) {
                assertThat(aws.aws()).isSameAs(emulator);
                assertThat(kms.listAliases().aliases()).isNotEmpty();
            }
        }
    }

    @Nested
    @ExtendWith(LocalAwsExtension.class)
    class WithExtendWith {

        @Test
        void injectsARunningEmulatorAndReadyClients(LocalAws aws, KmsClient kms, SsmClient ssm) {
            assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(kms.listAliases().aliases()).isNotEmpty();
            assertThat(ssm.describeParameters().parameters()).isEmpty();
            assertThat(aws.audit().events()).extracting(AuditEvent::principal).containsOnly("admin");
        }
    }

    @Nested
    class WithAnInstanceField {

        @RegisterExtension
        LocalAwsExtension aws = LocalAwsExtension.create(b -> b.region("eu-west-1").accountId("444455556666"));

        @Test
        void startsAnEmulatorPerTest_withItsSettings(LocalAws emulator, KmsClient kms) {
            assertThat(emulator.region()).isEqualTo("eu-west-1");
            assertThat(kms.createKey(b -> b.description("x")).keyMetadata().arn())
                    .startsWith("arn:aws:kms:eu-west-1:444455556666:key/");
            assertThat(aws.aws()).isSameAs(emulator);
        }
    }

    @Nested
    class WithAPrincipalAnnotation {

        @RegisterExtension
        static LocalAwsExtension aws = LocalAwsExtension.create(b -> b.principal(
                LocalPrincipal.create("reader", List.of("kms:DescribeKey", "kms:ListAliases"), List.of("*"))));

        @Test
        void signsAsTheNamedPrincipal(@AsPrincipal("reader") KmsClient reader, KmsClient admin) {
            assertThat(reader.listAliases().aliases()).isNotEmpty();
            assertThatThrownBy(() -> reader.createKey(b -> b.description("no")))
                    .hasMessageContaining("User: arn:aws:iam::111122223333:user/reader is not authorized to perform:"
                            + " kms:CreateKey on resource: *");
            assertThat(admin.createKey(b -> b.description("yes")).keyMetadata().enabled()).isTrue();
        }
    }
}
