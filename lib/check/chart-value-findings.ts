import { fieldPath, parseFieldPath } from '../_field-path';
import { checkChartValueKeys } from '../install/chart-values-check';
import { KubeObject, objectRef } from '../kube-object';
import { ChartValues, findChartValues } from '../safety/chart-values';
import { Finding } from '../safety/finding';

/**
 * Unknown or mistyped chart values keys (rule `schema`), wherever chart values appear in the set:
 * Helm ignores a key the chart does not read without a word, so the install silently differs
 * from what the values say.
 */
export function chartValueFindings(objects: readonly KubeObject[]): Finding[] {
  const out: Finding[] = [];
  for (const cv of findChartValues(objects)) {
    const object = objectRef(cv.source);
    if (cv.error) {
      out.push({ rule: 'schema', severity: 'error', object, path: cv.error.path, message: cv.error.message, fix: 'Write the values as a YAML mapping of chart keys.', source: cv.source });
    }
    for (const problem of checkChartValueKeys(cv.values, '')) {
      out.push({ rule: 'schema', severity: 'error', object, path: layerPath(cv, problem.path), message: problem.message, fix: problem.fix, source: cv.source });
    }
  }
  return out;
}

/** Maps a key path of the merged values to the field path in the layer that set it. */
function layerPath(cv: ChartValues, keyPath: string): string {
  const segments = parseFieldPath(keyPath);
  const firstIndex = segments.findIndex((s) => typeof s === 'number');
  const keys = (firstIndex < 0 ? segments : segments.slice(0, firstIndex)) as string[];
  if (keys.length === 0) return cv.basePath;
  const base = cv.pathOf(keys.join('.'));
  return firstIndex < 0 ? base : fieldPath(base, ...segments.slice(firstIndex));
}
