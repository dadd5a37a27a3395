package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the library promises to users: the API package only, and the SDKs and the Encryption SDK optional. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws Exception {
        Path classes = Path.of(BakedSecrets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference module = ModuleFinder.of(classes).find("dev.secretbaker.runtime").orElseThrow();
        return module.descriptor();
    }

    @Test
    void module_exportsOnlyTheApiPackage() throws Exception {
        Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());

        assertThat(exported).containsExactly("dev.secretbaker.runtime");
    }

    @Test
    void module_requiresEveryOptionalDependencyStatically() throws Exception {
        Set<String> mandatory = descriptor().requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());

        assertThat(mandatory).containsExactlyInAnyOrder("java.base", "dev.secretbaker.format");
    }

    @Test
    void apiTypes_arePublicAndEverythingElseIsNot() throws Exception {
        assertThat(java.lang.reflect.Modifier.isPublic(BakedSecretsClient.class.getModifiers())).isTrue();
        assertThat(java.lang.reflect.Modifier.isPublic(SecretsFileLocator.class.getModifiers())).isFalse();
        assertThat(java.lang.reflect.Modifier.isPublic(KmsCallException.class.getModifiers())).isFalse();
        assertThat(KmsThrottledException.class.getDeclaredConstructors())
                .allSatisfy(c -> assertThat(java.lang.reflect.Modifier.isPublic(c.getModifiers())).isFalse());
    }
}
