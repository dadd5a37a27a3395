package dev.secretbaker.local.internal.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.internal.state.PersistentModel;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;

/**
 * The emulator's certificate authority as state: generated on the first start with HTTPS and, when there is a
 * state file, kept in it ({@code "tls"}: the root certificate and its private key), so that clients keep trusting
 * the emulator across restarts. The server certificate is issued afresh at each start, for the host it serves.
 */
public final class TlsState implements PersistentModel {

    private CertificateAuthority authority;

    /** The root, generated now when there is none yet. */
    public synchronized CertificateAuthority authority(Instant now) {
        if (authority == null) {
            authority = CertificateAuthority.generate(now);
        }
        return authority;
    }

    @Override
    public String stateKey() {
        return "tls";
    }

    @Override
    public synchronized JsonNode snapshot() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (authority != null) {
            try {
                node.put("caCertificate", Base64.getEncoder().encodeToString(authority.certificate().getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            node.put("caPrivateKey", Base64.getEncoder().encodeToString(authority.privateKeyPkcs8()));
        }
        return node;
    }

    @Override
    public synchronized void restore(JsonNode snapshot) {
        JsonNode certificate = snapshot.get("caCertificate");
        JsonNode privateKey = snapshot.get("caPrivateKey");
        if (certificate == null && privateKey == null) {
            authority = null;
            return;
        }
        if (certificate == null || privateKey == null || !certificate.isTextual() || !privateKey.isTextual()) {
            throw new IllegalArgumentException("caCertificate and caPrivateKey must both be base64 strings");
        }
        authority = CertificateAuthority.restore(Base64.getDecoder().decode(certificate.asText()),
                Base64.getDecoder().decode(privateKey.asText()));
    }
}
