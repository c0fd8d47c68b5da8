/**
 * Native `import()` of an ES module from this CommonJS library.
 *
 * Why not a plain `import(url)`: with `module: commonjs`, TypeScript (and SWC under Jest) rewrite
 * it into `require()`, which cannot load the ESM-only kubernetes-models packages. A function
 * built from source text is left alone by every compiler and bundler (tsc, esbuild, SWC), and
 * Node runs its `import()` natively.
 *
 * The source carries a random comment so that it is compiled afresh each time this module is
 * loaded: V8 reuses functions compiled from identical text, together with the module loader they
 * were made in, and under Jest (each test file its own vm context, dynamic import only with
 * `--experimental-vm-modules`, see jest.config.js) a reused one would import into the context of
 * a test file that has already finished.
 */
let nativeImport: ((specifier: string) => Promise<Record<string, unknown>>) | undefined;

/** Imports the ES module at `url` (a file: URL) and resolves to its namespace object. */
export async function importEsm(url: string): Promise<Record<string, unknown>> {
  // Made on first use, so that a runtime refusing code from strings rejects this call (and lint
  // reports it) instead of failing to load the library.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  nativeImport ??= new Function('specifier', `return import(specifier); // ${Math.random()}`) as (specifier: string) => Promise<Record<string, unknown>>;
  return nativeImport(url);
}
