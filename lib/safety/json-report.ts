import * as fs from 'fs';
import * as path from 'path';
import { Finding } from './finding';
import { LocateFn, summarizeFindings } from './format';

/** The JSON report: the same finding fields as `lint --format json`, plus the construct path. */
export interface SafetyJsonReport {
  readonly version: 1;
  readonly summary: { readonly objects?: number; readonly errors: number; readonly warnings: number; readonly acknowledged: number };
  readonly findings: readonly {
    readonly rule: string;
    readonly severity: string;
    readonly acknowledged: boolean;
    readonly object: string;
    readonly constructPath?: string;
    readonly path: string;
    readonly message: string;
    readonly fix: string;
    /** Only on acknowledged findings, after the other keys (as in `lint --format json`). */
    readonly ackReason?: string;
  }[];
}

/** The report as JSON data (no `source` objects). */
export function toJsonReport(findings: readonly Finding[], locate?: LocateFn): SafetyJsonReport {
  return {
    version: 1,
    summary: summarizeFindings(findings),
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      acknowledged: f.acknowledged === true,
      object: f.object,
      ...(f.source && locate && locate(f.source) ? { constructPath: locate(f.source) } : {}),
      path: f.path,
      message: f.message,
      fix: f.fix,
      ...(f.acknowledged ? { ackReason: f.ackReason } : {}),
    })),
  };
}

/** The real path of `p`, resolving symlinks of the longest existing prefix. */
function realish(p: string): string {
  const abs = path.resolve(p);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return abs;
  }
}

/** True when `file` lies inside `folder` (or is the folder). */
function isInside(file: string, folder: string): boolean {
  const rel = path.relative(realish(folder), realish(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Writes every finding (acknowledged ones too) as JSON to `file`. Refuses a path inside the synth
 * output folder: ArgoCD applies every `.json`/`.yaml` file of a synced folder, and a report is not
 * a Kubernetes object, so the sync would fail.
 *
 * @param outdir the synth output folder
 * @default outdir - `CDK8S_OUTDIR`, else `dist`
 */
export function writeJsonReport(
  file: string,
  findings: readonly Finding[],
  outdir: string = process.env.CDK8S_OUTDIR ?? 'dist',
  locate?: LocateFn,
): void {
  if (isInside(file, outdir)) {
    throw new Error(`The safety report path "${file}" lies inside the synth output folder "${outdir}". ArgoCD applies `
      + 'every .json and .yaml file in a synced folder, and a report is not a Kubernetes object. Write the report '
      + `outside "${outdir}", e.g. "reports/safety-findings.json".`);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(toJsonReport(findings, locate), null, 2) + '\n');
}
