/**
 * The Lambda-side library: {@link dev.secretbaker.runtime.BakedSecrets}, {@link dev.secretbaker.runtime.BakedSecretsClient}
 * and the exceptions they throw. Everything else is package-private. Lambda loads the library from the plain
 * classpath, where this descriptor is ignored; it matters to applications on the module path.
 */
module dev.secretbaker.runtime {
    requires dev.secretbaker.format;

    // Optional: a user's SDK KmsClient, an SDK credentials provider, Advanced-tier (Encryption SDK) messages.
    requires static software.amazon.awssdk.services.kms;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.awscore;
    requires static software.amazon.awssdk.identity.spi;
    requires static aws.encryption.sdk.java;
    // Optional: SnapStart (CRaC) checkpoint and restore hooks.
    requires static org.crac;

    exports dev.secretbaker.runtime;
}
