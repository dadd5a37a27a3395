package dev.secretbaker.local.internal.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.encryptionsdk.ParsedCiphertext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The SSM wire shapes as the real AWS SDK for Java v2 reads and writes them, over loopback HTTP. */
class SsmWireIntegrationTest {

    private TestKeyMaterial kms;
    private String cmk;
    private LoopbackSsmServer server;
    private SsmClient ssm;

    @BeforeEach
    void start() throws Exception {
        kms = new TestKeyMaterial();
        cmk = kms.createKey();
        server = new LoopbackSsmServer(new SsmService(new SsmModel(TestKeyMaterial.REGION, TestKeyMaterial.ACCOUNT, kms)));
        ssm = SsmClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        ssm.close();
        server.close();
    }

    @Test
    void putThenGet_roundTripsEveryMember() {
        Instant before = Instant.now().minusSeconds(1);
        PutParameterResponse put = ssm.putParameter(r -> r.name("/app/url").value("v1").type(ParameterType.STRING));

        Parameter parameter = ssm.getParameter(r -> r.name("/app/url")).parameter();

        assertThat(put.version()).isEqualTo(1);
        assertThat(put.tier()).isEqualTo(ParameterTier.STANDARD);
        assertThat(parameter.name()).isEqualTo("/app/url");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.value()).isEqualTo("v1");
        assertThat(parameter.version()).isEqualTo(1);
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/app/url");
        assertThat(parameter.dataType()).isEqualTo("text");
        assertThat(parameter.lastModifiedDate()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(parameter.selector()).isNull();
        assertThat(server.authorizations).contains("ssm:PutParameter " + parameter.arn(),
                "ssm:GetParameter " + parameter.arn());
    }

    @Test
    void errors_reachTheSdkAsTheirModelledExceptions() {
        ssm.putParameter(r -> r.name("p").value("v").type(ParameterType.STRING));

        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("missing")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("p:4")))
                .isInstanceOf(ParameterVersionNotFoundException.class)
                .hasMessageStartingWith("Systems Manager could not find version 4 of p.");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("p").value("v").type(ParameterType.STRING)))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThatThrownBy(() -> ssm.getParameters(r -> r.names(IntStream.range(0, 11).mapToObj(i -> "n" + i).toList())))
                .isInstanceOfSatisfying(SsmException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value"
                            + " '[n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10]' at 'names' failed to satisfy"
                            + " constraint: Member must have length less than or equal to 10");
                });
    }

    @Test
    void getParameters_selectorsAndInvalidParameters() {
        ssm.putParameter(r -> r.name("b").value("b1").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("b").value("b2").type(ParameterType.STRING).overwrite(true));
        ssm.putParameter(r -> r.name("a").value("a1").type(ParameterType.STRING));
        ssm.labelParameterVersion(r -> r.name("b").parameterVersion(1L).labels("stable"));

        GetParametersResponse response = ssm.getParameters(r -> r.names("b:stable", "a", "nope", "b:9"));

        assertThat(response.parameters()).extracting(Parameter::name, Parameter::value, Parameter::selector)
                .containsExactly(tuple("a", "a1", null),
                        tuple("b", "b1", ":stable"));
        assertThat(response.invalidParameters()).containsExactly("nope", "b:9");
    }

    @Test
    void historyLabelsAndDescribe_readAsTheSdkModelsThem() {
        ssm.putParameter(r -> r.name("/h/s").value("one").type(ParameterType.SECURE_STRING).keyId(cmk).description("d"));
        ssm.putParameter(r -> r.name("/h/s").value("two").overwrite(true).tier(ParameterTier.ADVANCED));
        LabelParameterVersionResponse labelled = ssm.labelParameterVersion(r -> r.name("/h/s").labels("prod", "9bad"));

        GetParameterHistoryResponse history = ssm.getParameterHistory(r -> r.name("/h/s").withDecryption(true));
        DescribeParametersResponse described = ssm.describeParameters(r -> r.parameterFilters(
                ParameterStringFilter.builder().key("Path").option("Recursive").values("/h").build()));

        assertThat(labelled.parameterVersion()).isEqualTo(2);
        assertThat(labelled.invalidLabels()).containsExactly("9bad");
        assertThat(history.parameters()).extracting(ParameterHistory::value).containsExactly("one", "two");
        ParameterHistory latest = history.parameters().get(1);
        assertThat(latest.labels()).containsExactly("prod");
        assertThat(latest.keyId()).isEqualTo(cmk);
        assertThat(latest.tier()).isEqualTo(ParameterTier.ADVANCED);
        assertThat(latest.description()).isEqualTo("d");
        assertThat(latest.lastModifiedUser()).isEqualTo("arn:aws:iam::111122223333:user/tester");
        assertThat(latest.policies()).isEmpty();
        assertThat(described.parameters()).singleElement().satisfies((ParameterMetadata m) -> {
            assertThat(m.name()).isEqualTo("/h/s");
            assertThat(m.arn()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/h/s");
            assertThat(m.type()).isEqualTo(ParameterType.SECURE_STRING);
            assertThat(m.keyId()).isEqualTo(cmk);
            assertThat(m.tier()).isEqualTo(ParameterTier.ADVANCED);
            assertThat(m.version()).isEqualTo(2);
        });
        assertThat(server.authorizations).contains("ssm:DescribeParameters *", "kms:Decrypt " + cmk);
    }

    @Test
    void advancedSecureString_readWithoutDecryption_isAnEncryptionSdkMessage() {
        ssm.putParameter(r -> r.name("/adv").value("big secret").type(ParameterType.SECURE_STRING).keyId(cmk)
                .tier(ParameterTier.ADVANCED));

        String value = ssm.getParameter(r -> r.name("/adv")).parameter().value();

        ParsedCiphertext message = new ParsedCiphertext(Base64.getDecoder().decode(value));
        assertThat(message.getEncryptionContextMap())
                .containsEntry("PARAMETER_ARN", "arn:aws:ssm:us-east-1:111122223333:parameter/adv");
        assertThat(ssm.getParameter(r -> r.name("/adv").withDecryption(true)).parameter().value()).isEqualTo("big secret");
    }

    @Test
    void deleteParameters_reportsBothLists() {
        ssm.putParameter(r -> r.name("x").value("v").type(ParameterType.STRING));

        var response = ssm.deleteParameters(r -> r.names("x", "y"));

        assertThat(response.deletedParameters()).containsExactly("x");
        assertThat(response.invalidParameters()).containsExactly("y");
        assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("x"))).isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void wrongMemberTypesAndMissingMembers_areAwsShapedClientErrors() throws Exception {
        HttpResponse<String> wrongType = post("GetParameter", "{\"Name\": 5}");
        HttpResponse<String> missing = post("PutParameter", "{\"Type\": \"String\"}");
        HttpResponse<String> badEnum = post("PutParameter", "{\"Name\": \"n\", \"Value\": \"v\", \"Type\": \"Number\"}");

        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"__type\":\"SerializationException\"");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("2 validation errors detected: Value null at 'name' failed to satisfy"
                + " constraint: Member must not be null.; Value at 'value' failed to satisfy constraint: Member must"
                + " not be null.");
        assertThat(badEnum.body()).contains("Member must satisfy enum value set: [SecureString, StringList, String]");
    }

    private HttpResponse<String> post(String operation, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AmazonSSM." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
