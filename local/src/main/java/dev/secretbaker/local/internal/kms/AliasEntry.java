package dev.secretbaker.local.internal.kms;

import java.time.Instant;

/** One alias as ListAliases returns it. */
public record AliasEntry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate,
        Instant lastUpdatedDate) {
}
