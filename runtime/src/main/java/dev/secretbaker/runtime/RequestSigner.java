package dev.secretbaker.runtime;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Signs one JSON POST; returns the headers to add. {@link SigV4Signer#sign} is the one used; the seam lets the
 * benchmark measure the SDK's signer in the same request path.
 */
@FunctionalInterface
interface RequestSigner {

    RequestSigner SIGV4 = SigV4Signer::sign;

    Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body, String service, String region,
            AwsCredentials credentials, Instant now);
}
