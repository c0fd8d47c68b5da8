// Runs the command entry point in its own process, as the bin does (`node scripts/run-ts.cjs
// test/cli/_run-main.ts lint ...`): lib/cli/main.ts only starts itself when it is node's main
// module, which it is not under run-ts.
import { main } from '../../lib/cli/main';

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: false,
}).then((code) => { process.exitCode = code; });
