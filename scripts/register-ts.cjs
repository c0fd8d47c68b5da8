// Lets `node --require ./scripts/register-ts.cjs main.ts` run TypeScript directly.
// Each .ts file is transpiled by esbuild to CommonJS on require (no type checking: that is
// `npm run typecheck`), which keeps `npx cdk8s synth` well under a second.
const { transformSync } = require('esbuild');
const fs = require('fs');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
};
