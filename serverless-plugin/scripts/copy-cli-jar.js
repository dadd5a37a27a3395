'use strict';

// Puts the secret-baker bake jar (cli/target/secret-baker-bake.jar: the build-side commands, without the
// emulator) into lib/ so that the npm package carries it. Runs before `npm pack` and
// `npm publish`, and from the Maven build after the CLI is packaged. Usage: node scripts/copy-cli-jar.js [JAR]
const fs = require('fs');
const path = require('path');

const source = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'cli', 'target', 'secret-baker-bake.jar'));
const target = path.join(__dirname, '..', 'lib', 'secret-baker.jar');

if (!fs.existsSync(source)) {
  console.error(
    `copy-cli-jar: ${source} does not exist. Build the CLI first: ./mvnw -B -ntp -pl cli -am package -DskipTests`,
  );
  process.exit(1);
}
const temporary = `${target}.${process.pid}.tmp`;
fs.copyFileSync(source, temporary);
fs.renameSync(temporary, target);
console.log(`copy-cli-jar: ${path.relative(process.cwd(), target) || target} <- ${source}`);
