package dev.secretbaker.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place where KMS failures become the public exception types. */
final class KmsErrors {

    private static final Pattern KEY_ARN = Pattern.compile("arn:[a-z0-9-]+:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    private KmsErrors() {
    }

    static RuntimeException translate(KmsCallException e, String secretName, String parameterArn, String endpoint,
            int attempts) {
        String code = e.errorCode();
        String message = e.kmsMessage();
        if (e.isThrottling()) {
            return new KmsThrottledException(secretName, parameterArn, attempts, e);
        }
        switch (code) {
            case "AccessDeniedException":
                return new KmsAccessDeniedException(secretName, parameterArn, keyArn(message), message, e);
            case "InvalidCiphertextException":
            case "IncorrectKeyException":
                return new InvalidCiphertextException(secretName, parameterArn, code, null, e);
            case "DisabledException":
            case "KMSInvalidStateException":
            case "NotFoundException":
                return new KmsKeyUnavailableException(secretName, parameterArn, code, message, e);
            default:
                break;
        }
        if (e.isRetryable()) {
            return new KmsUnavailableException(secretName, parameterArn, code, endpoint, attempts,
                    e.getMessage(), e);
        }
        String advice = switch (code) {
            case "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignature",
                    "SignatureDoesNotMatch", "InvalidClientTokenId" ->
                    " The credentials were not accepted: check the function's role, or AWS_ACCESS_KEY_ID /"
                            + " AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN if you set them.";
            case "ExpiredTokenException" -> " The session token has expired: refresh the credentials.";
            case KmsCallException.UNTRUSTED_CERTIFICATE -> " The endpoint's TLS certificate is not issued by a root this"
                    + " JVM trusts. For a private endpoint or a local emulator, give the JVM a truststore holding its"
                    + " CA (-Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASSWORD); 'secret-baker"
                    + " local --tls' writes one and prints these options.";
            case "UnknownPartition" -> "";
            default -> "";
        };
        return new SecretDecryptionException(secretName, parameterArn, code,
                "KMS refused to decrypt secret '" + secretName + "' (parameter " + parameterArn + ", endpoint "
                        + endpoint + "): " + e.getMessage() + "." + advice, e);
    }

    static String keyArn(String kmsMessage) {
        if (kmsMessage == null) {
            return null;
        }
        Matcher matcher = KEY_ARN.matcher(kmsMessage);
        return matcher.find() ? matcher.group() : null;
    }
}
