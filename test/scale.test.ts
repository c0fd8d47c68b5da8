/**
 * Synth and lint do work in proportion to the app, never to its square: counted, not timed (the
 * times are in BENCHMARKS.md, measured by bench/). A check, rule or construct that walks the whole
 * app or object list for each experiment makes these counts grow 100-fold for 10 times the input.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Node } from 'constructs';
import { scaleApp } from '../bench/_scale-app';
import { experimentYaml } from '../bench/_manifests.cjs';
import { KubeObject } from '../lib/kube-object';
import { loadManifestText } from '../lib/lint/loader';
import { checkSafety } from '../lib/safety';

/** Renders (`ApiObject.prototype.toJson` calls), construct-tree nodes walked and objects written by one synth of `count` experiments. */
function synthWork(count: number): { renders: number; walked: number; objects: number } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'scale-test-'));
  const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
  const findAll = jest.spyOn(Node.prototype, 'findAll');
  try {
    const app = scaleApp(count, outdir);
    toJson.mockClear();
    findAll.mockClear();
    app.synth();
    const walked = findAll.mock.results.reduce((sum, r) => sum + (r.value as unknown[]).length, 0);
    const objects = app.node.findAll().filter(ApiObject.isApiObject).length;
    return { renders: toJson.mock.calls.length, walked, objects };
  } finally {
    toJson.mockRestore();
    findAll.mockRestore();
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('synth work grows linearly with the experiments', () => {
  const small = synthWork(6);
  const large = synthWork(60);

  test('every object is rendered once, plus one plain render per guard reading its experiment', () => {
    // PresyncGuard.forExperiment re-reads its experiment's fault at synth (one render each).
    expect(small.renders).toBeLessThanOrEqual(small.objects + 6);
    expect(large.renders).toBeLessThanOrEqual(large.objects + 60);
  });

  test('10 times the experiments: at most 10 times the renders and construct walks', () => {
    expect(large.objects).toBeGreaterThan(8 * small.objects);
    expect(large.renders / small.renders).toBeLessThanOrEqual(10.5);
    expect(large.walked / small.walked).toBeLessThanOrEqual(10.5);
  });
});

/**
 * Property reads on the objects (each object wrapped in a counting Proxy) by the safety rules over
 * `count` experiments (2 objects each): a rule that scans the list, or a list derived from it, for
 * each chaos object reads every object again for each one.
 */
function safetyReads(count: number): number {
  let reads = 0;
  const objects: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    for (const obj of loadManifestText(experimentYaml(i), `app-${i}.yaml`).objects) {
      objects.push(new Proxy(obj, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      }));
    }
  }
  const findings = checkSafety(objects);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return reads;
}

test('the safety rules read each object a fixed number of times, however many chaos objects target it', () => {
  const small = safetyReads(50);
  const large = safetyReads(500);
  expect(small).toBeGreaterThan(0);
  expect(large / small).toBeLessThanOrEqual(10.5);
});
