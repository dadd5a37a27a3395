/**
 * The emulator's Parameter Store, in three layers: {@link dev.secretbaker.local.internal.ssm.SsmModel} (state and
 * rules), {@link dev.secretbaker.local.internal.ssm.SsmService} (the {@code AmazonSSM} JSON 1.1 wire layer) and
 * {@code SsmErrors} (AWS's error codes and wording).
 *
 * <p>Where it follows AWS rather than other emulators:
 * <ul>
 *   <li>A SecureString is stored only as ciphertext under {@code {"PARAMETER_ARN": arn}}: a raw KMS blob for the
 *       Standard tier, an AWS Encryption SDK message (provider {@code aws-kms}, key ARN as provider information,
 *       signed suite 0x0378 as the Encryption SDK writes by default) for the Advanced tier. A read without
 *       decryption returns that ciphertext, base64.</li>
 *   <li>Decryption runs with the caller's identity: a customer managed key needs {@code kms:Decrypt} for the
 *       caller; {@code alias/aws/ssm} needs none. Writes need {@code kms:Encrypt} (Standard) or
 *       {@code kms:GenerateDataKey} (Advanced) on a customer managed key.</li>
 *   <li>KMS failures reach the caller as {@code InvalidKeyId} quoting KMS's message and error code, as SSM does.</li>
 *   <li>{@code DescribeParameters} is authorised on resource {@code *} (the action has no resource type in IAM);
 *       every other operation on the parameter's ARN.</li>
 *   <li>{@code ParameterNotFound} carries no message, as AWS sends none.</li>
 * </ul>
 *
 * <p>Choices where AWS's behaviour is not documented: a {@code name:label} selector whose label does not exist is
 * {@code ParameterNotFound}; a parameter read by ARN is returned under its stored name; the message for an
 * Advanced-tier value over 8192 bytes and for an over-long ARN are our own wording. Tags and parameter policies
 * are accepted and kept (policies) or ignored (tags); they trigger nothing.
 */
package dev.secretbaker.local.internal.ssm;
