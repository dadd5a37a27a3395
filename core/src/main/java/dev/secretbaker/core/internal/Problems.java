package dev.secretbaker.core.internal;

import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.config.SecretRequest;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The words of every bake problem, in one place. Texts name parameters, keys, regions and AWS error messages,
 * never a value: the bake never holds a plaintext, and a ciphertext has no place in an error either.
 */
public final class Problems {

    private static final String CMK_HINT = "alias/<your-customer-managed-key>";

    private Problems() {
    }

    public static BakeProblem duplicateName(SecretRequest request, SecretRequest first) {
        return problem(request, "the name " + request.name() + " is already used"
                        + (first.source().isEmpty() ? "" : " at " + first.source()) + ".",
                "Give each secret a unique name.");
    }

    public static BakeProblem emptyReference(SecretRequest request) {
        return problem(request, "no parameter is given.", "Set the parameter path of this secret.");
    }

    public static BakeProblem notSecureString(SecretRequest request, FetchedParameter parameter) {
        return problem(request, "it is a " + parameter.type() + " parameter, not a SecureString; baking it would put"
                        + " its value in plain text into the package.",
                "Store it as a SecureString encrypted with a customer managed KMS key, e.g. " + putParameter(parameter.name())
                        + pinnedNote(request));
    }

    public static BakeProblem awsManagedKey(SecretRequest request, FetchedParameter parameter, String keyId) {
        return problem(request, "it is encrypted with the AWS managed key " + keyId + ", which only Parameter Store"
                        + " itself can use: a function's kms:Decrypt on this ciphertext always fails.",
                "Encrypt it with a customer managed KMS key instead, e.g. " + putParameter(parameter.name())
                        + pinnedNote(request));
    }

    /** The baked version is not the latest (or the parameter is named by ARN), and its history could not be read. */
    public static BakeProblem versionKeyUnreadable(SecretRequest request, FetchedParameter parameter, RuntimeException error) {
        return problem(request, "the KMS key of version " + parameter.version() + " of " + parameter.name()
                        + " could not be read (GetParameterHistory: " + describe(error) + "). An older version may be"
                        + " encrypted with another key than the latest, so the baked version's own key is checked.",
                "Allow the identity that runs the bake ssm:GetParameterHistory on this parameter, then bake again.");
    }

    /** A key named by id or key ARN, whose manager DescribeKey could not tell. */
    public static BakeProblem keyNotClassified(SecretRequest request, String keyId, RuntimeException error) {
        return problem(request, "whether KMS key " + keyId + " is an AWS managed key, which a function can never use,"
                        + " could not be checked (kms:DescribeKey: " + describe(error) + ").",
                "Allow the identity that runs the bake kms:DescribeKey on this key (it grants no decryption), or"
                        + " encrypt the parameter with a customer managed key named by its alias (--key-id"
                        + " alias/<your-key>), which needs no check.");
    }

    public static BakeProblem incomplete(SecretRequest request, FetchedParameter parameter) {
        return problem(request, "Parameter Store's answer for " + parameter.name() + " lacks its ARN or ciphertext.",
                "Run the bake again; if this persists, check the endpoint is Parameter Store.");
    }

    public static BakeProblem notDescribed(SecretRequest request, FetchedParameter parameter) {
        return problem(request, "Parameter Store returned the parameter but did not describe it, so its KMS key"
                        + " cannot be checked.",
                "Run the bake again; if this persists, check that " + parameter.name() + " still exists.");
    }

    public static BakeProblem missing(SecretRequest request, ParameterReference reference, ParameterMetadata base,
            String region) {
        if (!reference.hasSelector()) {
            return problem(request, "parameter " + reference.base() + " does not exist in " + region + ".",
                    "Create it as a SecureString with a customer managed key (" + putParameterCreate(reference.base())
                            + "), or correct the path or the region.");
        }
        if (base == null) {
            String what = reference.selectsVersion() ? "version " + reference.selector() : "label " + reference.selector();
            return problem(request, "parameter " + reference.base() + " (or its " + what + ") does not exist in " + region + ".",
                    "Check the path, the region and the selector :" + reference.selector() + ".");
        }
        if (reference.selectsVersion()) {
            return problem(request, "version " + reference.selector() + " of " + reference.base()
                            + " does not exist; the latest version is " + base.version() + ".",
                    "Pin an existing version (e.g. " + reference.base() + ":" + base.version() + "), or remove :"
                            + reference.selector() + " to bake the latest version.");
        }
        return problem(request, "no version of " + reference.base() + " has the label " + reference.selector() + ".",
                "Label a version (aws ssm label-parameter-version --name " + reference.base()
                        + " --parameter-version <version> --labels " + reference.selector()
                        + "), or correct the label.");
    }

    public static BakeProblem rejectedReference(SecretRequest request, RuntimeException error) {
        return problem(request, "Parameter Store rejected this reference: " + describe(error),
                "Correct the parameter path: a name such as /app/db/password or MY_SECRET, or a parameter ARN,"
                        + " optionally followed by :<version> or :<label>.");
    }

    /**
     * A call that failed for good, naming every secret it concerned: a user fixes them all from one message.
     *
     * @param target where the call went, named when that is what went wrong
     */
    public static BakeProblem callFailed(CallFailure failure, List<String> secretNames, int maxAttempts,
            CallTarget target) {
        String names = String.join(", ", secretNames);
        String what = "Could not read " + (failure.operation().equals("DescribeParameters") ? "the key and tier of " : "")
                + names + " from Parameter Store (" + failure.operation() + "): ";
        RuntimeException error = failure.error();
        String attempts = maxAttempts > 0 ? " after " + maxAttempts + " attempts" : " after retrying";
        Misdirected misdirected = misdirected(error, target, attempts);
        if (misdirected != null) {
            return BakeProblem.ofRun(what + misdirected.reason(), misdirected.fix());
        }
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            if ("AccessDeniedException".equals(code)) {
                return BakeProblem.ofRun(what + "access denied. " + describe(error),
                        "Allow the identity that runs the bake ssm:GetParameters on these parameters and"
                                + " ssm:DescribeParameters (which IAM grants on resource \"*\" only). It needs no kms:Decrypt.");
            }
            if (service.isThrottlingException()) {
                return BakeProblem.ofRun(what + "Parameter Store was still throttling" + attempts + ". " + describe(error),
                        "Run the bake again in a moment. Parameter Store's throughput is shared by everything in the"
                                + " account and region; higher throughput can be turned on with aws ssm update-service-setting"
                                + " (setting ssm/parameter-store/high-throughput-enabled).");
            }
            if (service.statusCode() >= 500) {
                return BakeProblem.ofRun(what + "Parameter Store kept failing" + attempts + ". " + describe(error),
                        "Run the bake again in a moment.");
            }
            if (isCredentialsCode(code)) {
                return BakeProblem.ofRun(what + "the credentials were refused. " + describe(error),
                        "Check the AWS credentials and profile the bake runs with.");
            }
            return BakeProblem.ofRun(what + describe(error), "Check the parameter paths and the identity that runs the bake.");
        }
        if (error instanceof SdkClientException) {
            if (String.valueOf(error.getMessage()).contains("credentials")) {
                return BakeProblem.ofRun(what + "no AWS credentials were found. " + describe(error),
                        "Configure credentials: a profile (AWS_PROFILE or the profile option), environment variables"
                                + " or an instance/task role.");
            }
        }
        return BakeProblem.ofRun(what + describe(error), "Run the bake again; if it fails the same way, report it.");
    }

    /** What went wrong and the fix, when a call failed because of where it went. */
    private record Misdirected(String reason, String fix) {
    }

    /**
     * A call that failed because of where it went: nothing answered at the endpoint, or the endpoint serves
     * another region than the one the request was signed for (which AWS answers as a signature error, though the
     * credentials are fine). Null for any other failure.
     */
    private static Misdirected misdirected(RuntimeException error, CallTarget target, String attempts) {
        String where = target.describe().isEmpty() ? "" : " " + target.describe();
        if (error instanceof SdkClientException && hasCause(error, java.io.IOException.class)) {
            String reason = "Parameter Store could not be reached" + where + attempts + ". " + describe(error);
            if (target.isLoopback()) {
                return new Misdirected(reason, "Nothing answered at " + target.endpoint() + " on this machine: is the"
                        + " local emulator running? Start it with 'secret-baker local' and use the AWS_ENDPOINT_URL it"
                        + " prints, or correct the endpoint URL.");
            }
            return new Misdirected(reason, "Check the network, and that the endpoint URL and the region are right,"
                    + " then run the bake again.");
        }
        if (isRegionScopeRefusal(error)) {
            String signed = target.region() == null ? "" : " (" + target.region() + ")";
            return new Misdirected("Parameter Store" + where + " refused the request: the region it was signed for"
                    + signed + " is not the region that endpoint serves. " + describe(error),
                    "Set the region to the one the endpoint serves (the region option, AWS_REGION or the profile's"
                            + " region), or use the endpoint of that region; the credentials are not the problem."
                            + (target.isLoopback() ? " The local emulator prints its region (AWS_REGION) when it"
                                    + " starts." : ""));
        }
        return null;
    }

    /** AWS's answer to a signature whose credential scope names another region than the endpoint's. */
    private static boolean isRegionScopeRefusal(RuntimeException error) {
        if (!(error instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            return false;
        }
        String code = service.awsErrorDetails().errorCode();
        String message = String.valueOf(service.awsErrorDetails().errorMessage()).toLowerCase(java.util.Locale.ROOT);
        return ("InvalidSignatureException".equals(code) || "SignatureDoesNotMatch".equals(code))
                && message.contains("credential should be scoped to a valid region");
    }

    /**
     * An error of a call, in one line, with where it went and the fix when that is what went wrong; as
     * {@link #describe(Throwable)} otherwise.
     */
    public static String describe(RuntimeException error, CallTarget target) {
        Misdirected misdirected = misdirected(error, target, "");
        return misdirected == null ? describe(error) : misdirected.reason() + " " + misdirected.fix();
    }

    public static BakeProblem interrupted() {
        return BakeProblem.ofRun("The bake was interrupted.", "Run it again.");
    }

    private static boolean isCredentialsCode(String code) {
        return "UnrecognizedClientException".equals(code) || "InvalidSignatureException".equals(code)
                || "ExpiredTokenException".equals(code) || "InvalidClientTokenId".equals(code)
                || "IncompleteSignature".equals(code) || "MissingAuthenticationToken".equals(code);
    }

    private static String pinnedNote(SecretRequest request) {
        return ParameterReference.parse(request.parameter()).hasSelector()
                ? " This makes a new version: update the pinned selector afterwards."
                : "";
    }

    private static String putParameter(String name) {
        return "aws ssm put-parameter --name " + name + " --type SecureString --key-id " + CMK_HINT
                + " --overwrite --value '<value>'.";
    }

    private static String putParameterCreate(String name) {
        return "aws ssm put-parameter --name " + name + " --type SecureString --key-id " + CMK_HINT + " --value '<value>'";
    }

    private static BakeProblem problem(SecretRequest request, String reason, String fix) {
        return new BakeProblem(request.name(), request.parameter(), request.source().isEmpty() ? null : request.source(),
                capitalize(reason), fix);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** An AWS error's code and message, or an exception's message: never a parameter value. */
    public static String describe(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String message = service.awsErrorDetails().errorMessage();
            return service.awsErrorDetails().errorCode() + (message == null || message.isBlank() ? "" : ": " + message);
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
