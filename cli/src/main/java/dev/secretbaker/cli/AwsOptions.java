package dev.secretbaker.cli;

import dev.secretbaker.core.InvalidSettingException;
import dev.secretbaker.core.SsmOptions;
import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where and as whom to call AWS; anything not given follows the AWS SDK's default chains. */
final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: provider.region of serverless.yml, else AWS_REGION or the profile's"
                    + " region). Also feeds $${opt:region}.")
    String region;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Named AWS profile for credentials, region and endpoint (default: AWS_PROFILE or 'default').")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", converter = EndpointUrlConverter.class,
            description = "Parameter Store endpoint, e.g. a local emulator (default: AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL or the profile's).")
    URI endpointUrl;

    /** The endpoint as core's one rule for endpoint URLs reads it; a usage error otherwise. */
    static final class EndpointUrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return SsmOptions.parseEndpointUrl(value, "--endpoint-url");
            } catch (InvalidSettingException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    SsmOptions toSsmOptions() {
        return SsmOptions.builder().region(region).profile(profile).endpointUrl(endpointUrl).build();
    }
}
