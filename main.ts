/**
 * This repository's app: the reference example that the package ships (examples/reference/main.ts).
 * `npx cdk8s synth` writes dist/ from it, so the example users copy is the one CI proves. Inside
 * this repository `cdk8s-chaos-mesh` resolves to lib/ (tsconfig.json "paths", which esbuild follows).
 */
import './examples/reference/main';
