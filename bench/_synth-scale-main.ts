// `SCALE_EXPERIMENTS=N CDK8S_OUTDIR=DIR node scripts/run-ts.cjs bench/_synth-scale-main.ts`:
// synthesizes the generated app of N experiments (bench/_scale-app.ts), as `npx cdk8s synth` runs main.ts.
import { synthOrExit } from '../lib';
import { scaleApp } from './_scale-app';

synthOrExit(() => scaleApp(Number(process.env.SCALE_EXPERIMENTS ?? 10)));
