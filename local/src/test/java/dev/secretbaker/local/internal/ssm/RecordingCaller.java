package dev.secretbaker.local.internal.ssm;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A caller that records each authorisation and refuses the actions it was told to refuse. */
final class RecordingCaller implements SsmCaller {

    final List<String> checks = new ArrayList<>();
    final List<Boolean> withDecryption = new ArrayList<>();
    private final Set<String> denied = new HashSet<>();

    RecordingCaller deny(String action) {
        denied.add(action);
        return this;
    }

    @Override
    public String principalArn() {
        return "arn:aws:iam::" + TestKeyMaterial.ACCOUNT + ":user/tester";
    }

    @Override
    public void authorize(String action, String resource) {
        checks.add(action + " " + resource);
        if (denied.contains(action)) {
            throw AwsServiceException.accessDenied("User: " + principalArn() + " is not authorized to perform: "
                    + action + " on resource: " + resource);
        }
    }

    @Override
    public void recordWithDecryption(boolean flag) {
        withDecryption.add(flag);
    }
}
