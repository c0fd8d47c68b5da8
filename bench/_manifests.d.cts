/** The YAML of experiment `i`: its target Deployment and one chaos object that lints clean. */
export function experimentYaml(i: number): string;
/** Writes `count` experiments (2 objects each) under `dir`, in 20 team folders. */
export function writeExperiments(dir: string, count: number): void;
