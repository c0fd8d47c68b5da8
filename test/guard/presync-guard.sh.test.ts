import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as fc from 'fast-check';
import { join } from 'path';
import { Quantity } from '../../lib/units';
import { awkVariants, fixture, GUARD_DIR, linesWith, Route, runScript, runWithArgs } from './_run-script';

/**
 * lib/guard/presync-guard.sh run for real (this machine's /bin/sh: dash on Debian) against the
 * stub kubectl, which serves recorded `kubectl get -o json` output and refuses any call it was
 * not given, so every test also pins the exact kubectl calls.
 */

const SCRIPT = 'presync-guard.sh';
const SELECTOR = 'app.kubernetes.io/name=podinfo';
const WORKLOADS = 'get deployments.apps,statefulsets.apps,daemonsets.apps -n podinfo -o json --request-timeout=30s';
const REPLICASETS = `get replicasets.apps -n podinfo -l ${SELECTOR} -o json --request-timeout=30s`;
const PODS = `get pods -n podinfo -l ${SELECTOR} -o json --request-timeout=30s`;

const stressEnv = {
  GUARD_EXPERIMENT: 'podinfo-memory-stress',
  GUARD_NAMESPACES: 'podinfo',
  GUARD_SELECTOR: SELECTOR,
  GUARD_REPLICAS: '2',
  GUARD_CHECK_MEMORY_LIMIT: 'true',
  GUARD_MEMORY_LIMIT: '256Mi',
};
const killEnv = {
  GUARD_EXPERIMENT: 'podinfo-kill',
  GUARD_NAMESPACES: 'podinfo',
  GUARD_SELECTOR: SELECTOR,
  GUARD_REPLICAS: '2',
};

function routes(over: { workloads?: string; replicasets?: string; pods?: string } = {}): Route[] {
  return [
    { args: WORKLOADS, response: fixture('presync', over.workloads ?? 'workloads.json') },
    { args: REPLICASETS, response: fixture('presync', over.replicasets ?? 'replicasets.json') },
    { args: PODS, response: fixture('presync', over.pods ?? 'pods.json') },
  ];
}

describe.each(awkVariants())('presync-guard.sh with %s', (_name, awk) => {
  const run = (env: Record<string, string>, r: Route[]) => runScript(SCRIPT, env, r, { awk });

  test('passes on the recorded healthy target and prints one summary line', () => {
    const r = run(stressEnv, routes());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'presync-guard[podinfo-memory-stress]: OK 1 workload(s) [podinfo/Deployment/podinfo (2/2 ready)] with 2 ready '
      + 'replica(s) >= declared 2; memory limits of 2 targeted container(s) in 2 pod(s) >= declared 256Mi',
    ]);
    expect(r.calls).toEqual([
      'get deployments.apps,statefulsets.apps,daemonsets.apps -n podinfo -o json --request-timeout=30s',
      'get replicasets.apps -n podinfo -l app.kubernetes.io/name=podinfo -o json --request-timeout=30s',
      'get pods -n podinfo -l app.kubernetes.io/name=podinfo -o json --request-timeout=30s',
    ]);
  });

  test('a non-stress experiment only reads workloads (no pods, no ReplicaSets)', () => {
    const r = run(killEnv, [routes()[0]]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('presync-guard[podinfo-kill]: OK 1 workload(s) [podinfo/Deployment/podinfo (2/2 ready)]');
    expect(r.stdout).not.toContain('memory');
    expect(r.calls).toEqual([WORKLOADS]);
  });

  test('fails when a targeted container has no memory limit, naming namespace/workload/container', () => {
    const r = run(stressEnv, routes({ pods: 'pods-no-limit.json' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'presync-guard[podinfo-memory-stress]: FAIL podinfo/Deployment/podinfo container "podinfo": no memory limit, '
      + 'so a memory stressor is bounded only by the node (2 pod(s), e.g. podinfo-7c9f6d8b5-x2k4q)',
    ]);
    expect(r.stderr).toContain('1 problem(s); failing the PreSync hook');
  });

  test('fails when the live limit is smaller than the declared one, with both sizes exact', () => {
    const r = run(stressEnv, routes({ pods: 'pods-small-limit.json' }));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'presync-guard[podinfo-memory-stress]: FAIL podinfo/Deployment/podinfo container "podinfo": live memory limit '
      + '128Mi (134217728 bytes) is smaller than the declared 256Mi (268435456 bytes), so a stressor sized for the '
      + 'declared limit would exceed 2x the live limit (2 pod(s), e.g. podinfo-7c9f6d8b5-x2k4q)',
    ]);
  });

  test('compares quantities by value, not by spelling: 0.25Gi and 268435456 equal 256Mi', () => {
    const pods = readFileSync(fixture('presync', 'pods-equal-limit-other-spelling.json'), 'utf8');
    expect(pods).toContain('"memory": "0.25Gi"');
    expect(pods).toContain('"memory": "268435456"');
    const r = run(stressEnv, routes({ pods: 'pods-equal-limit-other-spelling.json' }));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // One byte more declared than the live limit fails.
    const r2 = run({ ...stressEnv, GUARD_MEMORY_LIMIT: '268435457' }, routes({ pods: 'pods-equal-limit-other-spelling.json' }));
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('live memory limit 0.25Gi (268435456 bytes) is smaller than the declared 268435457 (268435457 bytes)');
  });

  test('fails when ready replicas are below the declared count', () => {
    const r = run(killEnv, [routes({ workloads: 'workloads-one-ready.json' })[0]]);
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'presync-guard[podinfo-kill]: FAIL ready replicas below declared: 1 ready across podinfo/Deployment/podinfo '
      + '(1/2 ready); the experiment declares 2',
    ]);
    // Declaring what is actually ready passes.
    expect(run({ ...killEnv, GUARD_REPLICAS: '1' }, [routes({ workloads: 'workloads-one-ready.json' })[0]]).status).toBe(0);
  });

  test('fails when no workload matches: pod template labels count, not workload labels', () => {
    // The decoy Deployment carries app.kubernetes.io/name=podinfo on itself (as Helm charts label
    // everything) but its pods are podinfo-cache pods: `kubectl get deploy -l` would have matched it.
    const decoy = JSON.parse(readFileSync(fixture('presync', 'workloads-unrelated.json'), 'utf8')).items[0];
    expect(decoy.metadata.labels['app.kubernetes.io/name']).toBe('podinfo');
    expect(decoy.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('podinfo-cache');
    const r = run(stressEnv, routes({ workloads: 'workloads-unrelated.json', replicasets: 'empty.json', pods: 'empty.json' }));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'presync-guard[podinfo-memory-stress]: FAIL no Deployment, StatefulSet or DaemonSet in namespace(s) podinfo has '
      + 'pod template labels app.kubernetes.io/name=podinfo; the experiment would select no declared workload',
    ]);
  });

  test('reports every problem, one line each', () => {
    const r = run(stressEnv, routes({ workloads: 'workloads-one-ready.json', pods: 'pods-no-limit.json' }));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toHaveLength(2);
    expect(r.stderr).toContain('2 problem(s)');
  });

  test('reads every target namespace; replicas add up across them', () => {
    const env = { ...killEnv, GUARD_NAMESPACES: 'podinfo,podinfo-canary', GUARD_REPLICAS: '2' };
    const canary = 'get deployments.apps,statefulsets.apps,daemonsets.apps -n podinfo-canary -o json --request-timeout=30s';
    const ok = run(env, [routes()[0], { args: canary, response: fixture('presync', 'empty.json') }]);
    expect(ok.status).toBe(0);
    expect(ok.calls).toEqual([WORKLOADS, canary]);
    const low = run({ ...env, GUARD_REPLICAS: '3' }, [routes()[0], { args: canary, response: fixture('presync', 'empty.json') }]);
    expect(low.status).toBe(1);
    expect(low.stderr).toContain('2 ready across podinfo/Deployment/podinfo (2/2 ready); the experiment declares 3');
  });

  test('GUARD_CONTAINERS selects the targeted containers; naming none that exists fails', () => {
    expect(run({ ...stressEnv, GUARD_CONTAINERS: 'podinfo' }, routes({ pods: 'pods-small-limit.json' })).status).toBe(1);
    const r = run({ ...stressEnv, GUARD_CONTAINERS: 'sidecar' }, routes({ pods: 'pods-small-limit.json' }));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'presync-guard[podinfo-memory-stress]: FAIL none of the 2 pod(s) matching app.kubernetes.io/name=podinfo in '
      + 'namespace(s) podinfo has a container named sidecar; the declared memory limit describes no container the '
      + 'experiment can reach',
    ]);
  });

  test('fails closed (exit 2) when kubectl fails, quoting its error', () => {
    const forbidden = '!1 Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:'
      + 'chaos-probes:podinfo-kill-presync-guard" cannot list resource "deployments" in API group "apps" in the namespace "podinfo"';
    const r = run(killEnv, [{ args: WORKLOADS, response: forbidden }]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('presync-guard: ERROR kubectl get deployments.apps,statefulsets.apps,daemonsets.apps -n podinfo failed: Error from server (Forbidden)');
  });

  test('fails closed (exit 2) when kubectl prints something that is not JSON', () => {
    const r = runScript(SCRIPT, killEnv, [{ args: WORKLOADS, response: 'garbage.json' }], {
      awk, files: { 'garbage.json': '{"apiVersion": "v1", "items": [\n' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('printed output that is not JSON');
  });

  test.each([
    [{ GUARD_REPLICAS: '' }, 'GUARD_REPLICAS "" is not an integer >= 1'],
    [{ GUARD_REPLICAS: 'two' }, 'GUARD_REPLICAS "two" is not an integer >= 1'],
    [{ GUARD_MEMORY_LIMIT: '256MB' }, 'GUARD_MEMORY_LIMIT "256MB" is not a Kubernetes quantity'],
    [{ GUARD_MEMORY_LIMIT: '' }, 'GUARD_MEMORY_LIMIT is empty but GUARD_CHECK_MEMORY_LIMIT=true'],
    [{ GUARD_CHECK_MEMORY_LIMIT: 'yes' }, 'GUARD_CHECK_MEMORY_LIMIT "yes" must be true or false'],
    [{ GUARD_SELECTOR: 'app' }, 'GUARD_SELECTOR pair "app" has no "="'],
    [{ GUARD_SELECTOR: 'app in (a,b)' }, 'GUARD_SELECTOR "app in (a,b)" is not a list of key=value label pairs'],
    [{ GUARD_NAMESPACES: 'Pod Info' }, 'GUARD_NAMESPACES "Pod Info" is not a comma-separated list'],
    [{ GUARD_EXPERIMENT: '' }, 'GUARD_EXPERIMENT is empty'],
  ])('refuses bad configuration %j before calling kubectl', (over, message) => {
    const r = run({ ...stressEnv, ...over }, routes());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.calls).toEqual([]);
  });
});

/** Kubernetes Quantity.Value() in BigInt: the exact reference the awk conversion must equal. */
function referenceBytes(intPart: string, fracPart: string, suffix: string): bigint {
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  let num = digits;
  let den = 10n ** BigInt(fracPart.length);
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (suffix in binary) num *= 1n << BigInt(binary[suffix]);
  else {
    const e = suffix in decimal ? decimal[suffix] : Number(suffix.slice(1));
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  const bytes = (num + den - 1n) / den;
  // ParseQuantity caps a binary-suffixed value at the int64 maximum (resource.Quantity, "8Ei").
  const INT64_MAX = (1n << 63n) - 1n;
  return suffix in binary && bytes > INT64_MAX ? INT64_MAX : bytes;
}

describe.each(awkVariants())('presync-guard.sh quantity-bytes with %s', (_name, awk) => {
  test('reads Kubernetes quantities exactly, rounding fractions of a byte up', () => {
    const cases: [string, string][] = [
      ['256Mi', '268435456'], ['0.5Gi', '536870912'], ['512M', '512000000'], ['1e9', '1000000000'],
      ['1E3', '1000'], ['100m', '1'], ['1.1Gi', '1181116007'], ['0.1Ki', '103'], ['1Ei', '1152921504606846976'],
      ['.5Ki', '512'], ['5.', '5'], ['+1k', '1000'], ['1n', '1'], ['0', '0'], ['2Ti', '2199023255552'],
      ['1.5e-1', '1'], ['129M', '129000000'], ['000256Mi', '268435456'],
      ['1e-0003', '1'], ['1E+0012', '1000000000000'], ['2e0009', '2000000000'], ['1.G', '1000000000'],
      ['8Ei', '9223372036854775807'], ['8400000Ti', '9223372036854775807'], ['7Ei', '8070450532247928832'],
    ];
    const r = runWithArgs(SCRIPT, ['quantity-bytes', ...cases.map(([q]) => q)], { awk });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(cases.map(([, b]) => b));
  });

  test('refuses what is not a non-negative quantity', () => {
    const bad = ['256MB', '-1', '1e', 'Mi', '1.2.3', '1ki', '1 Mi', '1e999'];
    const r = runWithArgs(SCRIPT, ['quantity-bytes', ...bad.filter((b) => !b.includes(' '))], { awk });
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toEqual(bad.filter((b) => !b.includes(' ')).map(() => 'invalid'));
  });

  test('reads every positive limit the constructs accept (Quantity.parse(...).toBytes()) as the same bytes', () => {
    // The constructs validate a declared limit with lib/units; the script must then read the same value.
    const quantity = fc.record({
      int: fc.stringMatching(/^[0-9]{0,12}$/),
      frac: fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
      plus: fc.boolean(),
      suffix: fc.constantFrom('', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'e3', 'E-2', 'e+06', 'e0'),
    });
    fc.assert(fc.property(fc.array(quantity, { minLength: 50, maxLength: 50 }), (qs) => {
      const texts = qs.map((q) => `${q.plus ? '+' : ''}${q.int}${q.frac === undefined ? '' : `.${q.frac}`}${q.suffix}`);
      const accepted = texts.flatMap((t) => {
        try {
          const bytes = Quantity.parse(t).toBytes();
          return bytes > 0n ? [[t, bytes.toString()]] : [];
        } catch {
          return [];
        }
      });
      if (accepted.length === 0) return;
      const r = runWithArgs(SCRIPT, ['quantity-bytes', ...accepted.map(([t]) => t)], { awk });
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(accepted.map(([, b]) => b));
    }), { numRuns: 6, seed: 20250613 });
  });

  test('agrees with a BigInt reference on generated quantities (beyond 2^53 too)', () => {
    const quantity = fc.record({
      int: fc.stringMatching(/^[0-9]{1,20}$/),
      frac: fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
      suffix: fc.constantFrom('', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'e3', 'e-2', 'E+12', 'e0'),
    });
    fc.assert(fc.property(fc.array(quantity, { minLength: 50, maxLength: 50 }), (qs) => {
      const texts = qs.map((q) => `${q.int}${q.frac === undefined ? '' : `.${q.frac}`}${q.suffix}`);
      const r = runWithArgs(SCRIPT, ['quantity-bytes', ...texts], { awk });
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(qs.map((q) => referenceBytes(q.int, q.frac ?? '', q.suffix).toString()));
    }), { numRuns: 6, seed: 20250612 });
  });
});

test('the script is POSIX sh: sh -n parses it, and no code line calls jq or uses bash syntax', () => {
  const file = join(GUARD_DIR, SCRIPT);
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('#!/bin/sh\n')).toBe(true);
  const code = text.split('\n').filter((l) => !l.trimStart().startsWith('#'));
  expect(code.filter((l) => /\bjq\b/.test(l))).toEqual([]);
  expect(code.filter((l) => /\[\[|\blocal |\bdeclare |\$\{[A-Za-z_]+\/\/|<<<|\bpipefail\b/.test(l))).toEqual([]);
  const parsed = spawnSync('/bin/sh', ['-n', file], { encoding: 'utf8' });
  expect(parsed.stderr).toBe('');
  expect(parsed.status).toBe(0);
});
