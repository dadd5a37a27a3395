package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

class AuditTrailIntegrationTest {

    @Test
    void everyCall_isRecordedWithItsPrincipalResourceAndOutcome_andAppendedToTheLogFile(@TempDir Path dir)
            throws IOException {
        Path logFile = dir.resolve("audit.jsonl");
        try (LocalAws aws = LocalAws.builder().auditLog(logFile).build().start()) {
            aws.addPrincipal("reader", List.of("kms:DescribeKey"), List.of("*"));
            String keyArn;
            try (KmsClient admin = LocalAwsClients.kms(aws); KmsClient reader = LocalAwsClients.kms(aws, "reader")) {
                keyArn = admin.createKey(b -> b.description("k")).keyMetadata().arn();
                SdkBytes blob = admin.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("top-secret")))
                        .ciphertextBlob();
                reader.describeKey(b -> b.keyId(keyArn));
                assertThatThrownBy(() -> reader.decrypt(b -> b.ciphertextBlob(blob)));
            }

            List<AuditEvent> events = aws.audit().events();
            assertThat(events).extracting(AuditEvent::principal, AuditEvent::service, AuditEvent::operation,
                    AuditEvent::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("admin", "kms", "CreateKey", "OK"),
                    org.assertj.core.groups.Tuple.tuple("admin", "kms", "Encrypt", "OK"),
                    org.assertj.core.groups.Tuple.tuple("reader", "kms", "DescribeKey", "OK"),
                    org.assertj.core.groups.Tuple.tuple("reader", "kms", "Decrypt", "AccessDeniedException"));
            assertThat(events.get(3).resources()).containsExactly(keyArn);
            assertThat(aws.audit().events("reader")).hasSize(2);
            assertThat(aws.audit().eventsOf("Encrypt")).singleElement()
                    .satisfies(e -> assertThat(e.requestId()).isNotBlank());

            String jsonLines = aws.audit().toJsonLines();
            assertThat(jsonLines).doesNotContain("top-secret");
            assertThat(Files.readString(logFile)).isEqualTo(jsonLines);
            JsonNode last = new ObjectMapper().readTree(jsonLines.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(last.get("principal").asText()).isEqualTo("reader");
            assertThat(last.get("outcome").asText()).isEqualTo("AccessDeniedException");

            aws.audit().clear();
            assertThat(aws.audit().events()).isEmpty();
        }
    }
}
