import * as fs from 'fs';
import * as path from 'path';

/**
 * A script shipped next to this module, read at synth time so the ConfigMap holds it byte for
 * byte (the build copies lib/**\/*.sh next to the compiled JS).
 */
export function readGuardScript(fileName: string): string {
  return fs.readFileSync(path.join(__dirname, fileName), 'utf8');
}
