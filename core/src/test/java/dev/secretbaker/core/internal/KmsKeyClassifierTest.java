package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KmsKeyClassifierTest {

    @Test
    void anAwsAlias_byNameOrArn_isAwsManaged_withoutACall() {
        assertThat(KmsKeyClassifier.awsManagedByName("alias/aws/ssm")).contains(true);
        assertThat(KmsKeyClassifier.awsManagedByName("arn:aws:kms:us-east-1:111122223333:alias/aws/ssm")).contains(true);
        assertThat(KmsKeyClassifier.awsManagedByName("alias/aws/lambda")).contains(true);
    }

    @Test
    void aCustomersAlias_isCustomerManaged_withoutACall() {
        assertThat(KmsKeyClassifier.awsManagedByName("alias/app-secrets")).contains(false);
        assertThat(KmsKeyClassifier.awsManagedByName("arn:aws:kms:eu-west-1:111122223333:alias/awsome")).contains(false);
    }

    @Test
    void aKeyIdOrKeyArn_saysNothingByItself() {
        assertThat(KmsKeyClassifier.awsManagedByName("1234abcd-12ab-34cd-56ef-1234567890ab")).isEqualTo(Optional.empty());
        assertThat(KmsKeyClassifier.awsManagedByName("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                .isEmpty();
    }
}
