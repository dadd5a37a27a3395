package dev.secretbaker.core.internal;

import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.endpoints.SsmEndpointProvider;

/**
 * Where Parameter Store calls went, as the SDK resolved it (an endpoint given as an option, from
 * {@code AWS_ENDPOINT_URL} or a profile, else AWS's endpoint for the region), for messages about failed calls.
 *
 * @param endpoint the endpoint URL, or null when it cannot be told (a client that does not report it)
 * @param region   the region the requests were signed for, or null when it cannot be told
 */
public record CallTarget(URI endpoint, String region) {

    /** The target of a client's calls; never fails, since it only serves a message. */
    public static CallTarget of(SsmClient ssm) {
        try {
            var config = ssm.serviceClientConfiguration();
            Region region = config.region();
            URI endpoint = config.endpointOverride().orElse(null);
            if (endpoint == null && region != null) {
                endpoint = SsmEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(region)).join().url();
            }
            return new CallTarget(endpoint, region == null ? null : region.id());
        } catch (RuntimeException e) {
            return new CallTarget(null, null); // a hand-made client that does not report its configuration
        }
    }

    /**
     * Whether the endpoint is on this machine ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), as the
     * local emulator is. Decided from the URL alone, without a name lookup.
     */
    public boolean isLoopback() {
        String host = endpoint == null ? null : endpoint.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.matches("127(\\.\\d{1,3}){3}")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** E.g. {@code https://ssm.eu-west-1.amazonaws.com (region eu-west-1)}; empty when nothing is known. */
    public String describe() {
        if (endpoint == null && region == null) {
            return "";
        }
        if (endpoint == null) {
            return "in region " + region;
        }
        return "at " + endpoint + (region == null ? "" : " (region " + region + ")");
    }
}
