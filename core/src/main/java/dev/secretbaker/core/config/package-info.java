/**
 * Which secrets to bake: read from {@code serverless.yml}, from the JSON the Serverless plugin hands over, or
 * from Java objects, always into the same validated {@link dev.secretbaker.core.config.SecretRequest}s through
 * {@link dev.secretbaker.core.config.SecretBakerConfig}. Every refusal is a
 * {@link dev.secretbaker.core.config.ConfigurationException} naming the entry ({@code custom.secretBaker[2]},
 * {@code custom.secretBaker.MY_SECRET}, {@code secrets[0]}).
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>No {@code custom.secretBaker} section, or an empty one, is an empty list: nothing to bake. The original
 *       plugin wrote an empty file then; the caller decides whether to say so or skip.</li>
 *   <li>Stricter than the original: a duplicate name (the original silently kept the last), an item with
 *       keys other than {@code name} and {@code path} (it ignored them), a section that is a number or
 *       {@code false} (it baked nothing), and the name {@code __proto__} (it lost that secret) are errors.</li>
 *   <li>{@code serverless.yml} is read with SnakeYAML's safe constructor: only plain maps, lists and scalars,
 *       duplicate keys refused, aliases and nesting capped. Plain scalars are typed as the Serverless
 *       Framework's YAML reader types them (YAML 1.2 core schema), so {@code - NO} is the name "NO", not false.
 *       Tags YAML does not define, such as CloudFormation's {@code !Ref} or {@code !Sub}, are kept as opaque
 *       values: harmless anywhere else in the file, an error where a secret's name or path belongs.</li>
 *   <li>Variables are resolved only where a secret needs them, lazily, as the Framework does; so an
 *       unsupported source ({@code ${ssm:...}}, {@code ${file(...)}}) elsewhere in the file does not matter.</li>
 *   <li>JSON is read with Jackson with strict duplicate detection: YAML would accept some documents that are
 *       not JSON and would type strings differently.</li>
 * </ul>
 */
package dev.secretbaker.core.config;
