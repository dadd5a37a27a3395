package dev.secretbaker.cli;

import dev.secretbaker.core.SsmOptions;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where and as whom to call AWS; anything not given follows the AWS SDK's default chains. */
final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: provider.region of serverless.yml, else AWS_REGION or the profile's"
                    + " region). Also feeds $${opt:region}.")
    String region;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Named AWS profile for credentials, region and endpoint (default: AWS_PROFILE or 'default').")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Parameter Store endpoint, e.g. a local emulator (default: AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL or the profile's).")
    URI endpointUrl;

    SsmOptions toSsmOptions() {
        return SsmOptions.builder().region(region).profile(profile).endpointUrl(endpointUrl).build();
    }
}
