package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SignedHttpKmsDecryptorTest {

    private static SignedHttpKmsDecryptor decryptor(Map<String, String> env, URI override) {
        return new SignedHttpKmsDecryptor(() -> {
            throw new AssertionError("no call expected");
        }, env::get, override, java.time.Clock.systemUTC());
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:ssm:us-east-1:111122223333:parameter/a, https://kms.us-east-1.amazonaws.com",
            "arn:aws:ssm:eu-west-3:111122223333:parameter/a, https://kms.eu-west-3.amazonaws.com",
            "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/a, https://kms.cn-north-1.amazonaws.com.cn",
            "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/a, https://kms.us-gov-west-1.amazonaws.com",
            "arn:aws-iso:ssm:us-iso-east-1:111122223333:parameter/a, https://kms.us-iso-east-1.c2s.ic.gov",
            "arn:aws-iso-b:ssm:us-isob-east-1:111122223333:parameter/a, https://kms.us-isob-east-1.sc2s.sgov.gov",
            "arn:aws-iso-e:ssm:eu-isoe-west-1:111122223333:parameter/a, https://kms.eu-isoe-west-1.cloud.adc-e.uk",
            "arn:aws-iso-f:ssm:us-isof-south-1:111122223333:parameter/a, https://kms.us-isof-south-1.csp.hci.ic.gov",
    })
    void endpoint_followsTheRegionAndPartitionOfTheArn(String arn, String endpoint) {
        assertThat(decryptor(Map.of("AWS_REGION", "ap-south-1"), null).endpoint(KmsTarget.of(arn)))
                .isEqualTo(URI.create(endpoint));
    }

    @Test
    void likelyEndpoint_isTheConfiguredOne_elseKmsInAwsRegion_elseUnknown() {
        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "https://127.0.0.1:4566", "AWS_REGION", "eu-west-1"), null)
                .likelyEndpoint()).isEqualTo(URI.create("https://127.0.0.1:4566"));
        assertThat(decryptor(Map.of("AWS_REGION", "eu-west-1"), null).likelyEndpoint())
                .isEqualTo(URI.create("https://kms.eu-west-1.amazonaws.com"));
        assertThat(decryptor(Map.of("AWS_DEFAULT_REGION", "cn-north-1"), null).likelyEndpoint())
                .isEqualTo(URI.create("https://kms.cn-north-1.amazonaws.com.cn"));
        assertThat(decryptor(Map.of(), null).likelyEndpoint()).isNull();
        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "not a url"), null).likelyEndpoint()).isNull();
    }

    @Test
    void prime_neitherResolvesCredentialsNorFails_evenWithNothingListening() {
        SignedHttpKmsDecryptor decryptor = decryptor(Map.of("AWS_ENDPOINT_URL", "https://127.0.0.1:1"), null);

        decryptor.prime(new byte[] {1, 2, 2, 0, 7}, Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:111122223333:parameter/a"),
                KmsTarget.of("arn:aws:ssm:us-east-1:111122223333:parameter/a"));
    }

    @Test
    void endpoint_prefersTheKmsVariableThenTheGeneralOne() {
        KmsTarget target = KmsTarget.of("arn:aws:ssm:us-east-1:111122223333:parameter/a");

        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "http://general:1", "AWS_ENDPOINT_URL_KMS", "http://kms:2"), null)
                .endpoint(target)).isEqualTo(URI.create("http://kms:2"));
        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "http://general:1"), null).endpoint(target))
                .isEqualTo(URI.create("http://general:1"));
        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "http://general:1"), URI.create("http://explicit:3"))
                .endpoint(target)).isEqualTo(URI.create("http://explicit:3"));
        assertThat(decryptor(Map.of("AWS_ENDPOINT_URL", "http://general:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                null).endpoint(target)).isEqualTo(URI.create("https://kms.us-east-1.amazonaws.com"));
    }

    @Test
    void endpoint_fromAVariableThatIsNotAnHttpUrl_namesTheVariable() {
        KmsTarget target = KmsTarget.of("arn:aws:ssm:us-east-1:111122223333:parameter/a");

        assertThatThrownBy(() -> decryptor(Map.of("AWS_ENDPOINT_URL_KMS", "kms.example.com"), null).endpoint(target))
                .isInstanceOf(KmsCallException.class).hasMessageContaining("AWS_ENDPOINT_URL_KMS is not an http(s) URL");
        assertThatThrownBy(() -> decryptor(Map.of("AWS_ENDPOINT_URL", "http://bad host"), null).endpoint(target))
                .isInstanceOf(KmsCallException.class).hasMessageContaining("AWS_ENDPOINT_URL is not");
    }

    @Test
    void endpoint_ofAnUnknownPartition_asksForAnEndpointVariable() {
        assertThatThrownBy(() -> decryptor(Map.of(), null).endpoint(new KmsTarget("aws-future", "xx-1")))
                .isInstanceOf(KmsCallException.class).hasMessageContaining("AWS_ENDPOINT_URL_KMS");
    }

    @Test
    void requestBody_isTheDecryptRequestWithExactlyTheGivenContext() {
        byte[] body = SignedHttpKmsDecryptor.requestBody(new byte[] {1, 2, 3},
                Map.of("PARAMETER_ARN", "arn:aws:ssm:us-east-1:111122223333:parameter/a"));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"CiphertextBlob\":\"AQID\","
                + "\"EncryptionContext\":{\"PARAMETER_ARN\":\"arn:aws:ssm:us-east-1:111122223333:parameter/a\"}}");
    }

    @ParameterizedTest
    @CsvSource({
            "com.amazonaws.kms#AccessDeniedException, AccessDeniedException",
            "AccessDeniedException:http://internal.amazon.com/coral/, AccessDeniedException",
            "ThrottlingException, ThrottlingException",
    })
    void errorCode_isTheBareCode(String type, String code) {
        assertThat(SignedHttpKmsDecryptor.errorCode(type)).isEqualTo(code);
    }
}
