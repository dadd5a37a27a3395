package dev.secretbaker.local.internal.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/** One parameter: its versions (at most {@link SsmModel#MAX_VERSIONS} kept) and its labels. */
final class Parameter {
    final String name;
    final TreeMap<Long, StoredVersion> versions = new TreeMap<>();
    /** label -> version, in the order labels were attached. */
    final LinkedHashMap<String, Long> labels = new LinkedHashMap<>();
    long lastVersion;

    Parameter(String name) {
        this.name = name;
    }

    void add(StoredVersion version) {
        versions.put(version.version(), version);
        lastVersion = Math.max(lastVersion, version.version());
    }

    StoredVersion latest() {
        return versions.lastEntry().getValue();
    }

    List<String> labelsOf(long version) {
        List<String> result = new ArrayList<>();
        labels.forEach((label, v) -> {
            if (v == version) {
                result.add(label);
            }
        });
        return List.copyOf(result);
    }
}
