import * as fs from 'fs';
import * as path from 'path';

const scripts = new Map<string, string>();

/**
 * A script shipped next to this module, read at synth time so the ConfigMap holds it byte for
 * byte (the build copies lib/**\/*.sh next to the compiled JS). Read once per process, not once
 * per guard: the package's files do not change while it runs.
 */
export function readGuardScript(fileName: string): string {
  let text = scripts.get(fileName);
  if (text === undefined) {
    text = fs.readFileSync(path.join(__dirname, fileName), 'utf8');
    scripts.set(fileName, text);
  }
  return text;
}
