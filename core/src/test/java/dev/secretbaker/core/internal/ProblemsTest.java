package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.core.BakeProblem;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The wording of failed calls where no emulator can produce the failure: AWS's own endpoints. */
class ProblemsTest {

    private static final CallTarget AWS = new CallTarget(URI.create("https://ssm.eu-west-1.amazonaws.com"), "eu-west-1");

    @Test
    void callFailed_whenAnAwsEndpointCannotBeReached_namesItAndPointsAtTheNetwork_notAtTheEmulator() {
        SdkClientException error = SdkClientException.builder().message("Unable to execute HTTP request: ssm.eu-west-1.amazonaws.com")
                .cause(new UnknownHostException("ssm.eu-west-1.amazonaws.com")).build();

        BakeProblem problem = Problems.callFailed(new CallFailure("GetParameters", List.of("/a"), error), List.of("A"), 8, AWS);

        assertThat(problem.reason()).contains("could not be reached at https://ssm.eu-west-1.amazonaws.com (region"
                + " eu-west-1) after 8 attempts");
        assertThat(problem.fix()).startsWith("Check the network").doesNotContain("emulator");
    }

    @Test
    void callFailed_withRefusedCredentials_stillPointsAtTheCredentials() {
        SsmException error = (SsmException) SsmException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("UnrecognizedClientException").errorMessage("The security token included in the request is invalid.")
                .build()).build();

        BakeProblem problem = Problems.callFailed(new CallFailure("GetParameters", List.of("/a"), error), List.of("A"), 8, AWS);

        assertThat(problem.reason()).contains("the credentials were refused");
        assertThat(problem.fix()).contains("credentials");
    }

    @Test
    void callFailed_withAWrongRegionScopeFromAQueryProtocolService_pointsAtTheRegion() {
        SsmException error = (SsmException) SsmException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("SignatureDoesNotMatch").errorMessage("Credential should be scoped to a valid Region. ")
                .build()).build();

        BakeProblem problem = Problems.callFailed(new CallFailure("GetParameters", List.of("/a"), error), List.of("A"), 8, AWS);

        assertThat(problem.reason()).contains("the region it was signed for (eu-west-1) is not the region that endpoint serves");
        assertThat(problem.fix()).contains("the credentials are not the problem").doesNotContain("emulator");
    }
}
