import { checkManifests } from '../../lib/check';
import { KubeObject } from '../../lib/kube-object';
import { BUILT_IN_PROTECTED_NAMESPACES, Finding, RULES } from '../../lib/safety';
import {
  bareSchedule, chaosObject, chartApplication, deployment, dnsChaos, networkChaos, networkDelaySpec, podChaos, podKillSpec,
  safeValues, stressChaos,
} from '../fixtures/safety/objects';

/** A namespace a team protects on top of the built-in list (`protectedNamespaces`). */
const EXTRA = 'payments';

/**
 * One object set that breaks every rule it can, each break aimed at `ns`: the chart values turn
 * the namespace filter on (and break the dashboard, runtime and DNS rules), a small workload
 * without a memory limit lives in `ns`, and chaos of every family selects it.
 */
function aimedAt(ns: string): KubeObject[] {
  const selector = { namespaces: [ns], labelSelectors: { app: 'victim' } };
  return [
    chartApplication(safeValues({
      controllerManager: { enableFilterNamespace: true },
      dashboard: { service: { type: 'NodePort' } },
      chaosDaemon: { runtime: 'docker' },
    })),
    deployment({
      metadata: { name: 'victim', namespace: ns },
      spec: { replicas: 1, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } } } },
    }, null),
    podChaos(podKillSpec({ mode: 'all', selector })),
    stressChaos({ mode: 'all', selector, stressors: { memory: { workers: 0, size: '10GB' } } }),
    stressChaos({ mode: 'one', selector, stressors: { memory: { workers: 1, size: '10GB' } }, duration: '1m' },
      { name: 'declared-limit', annotations: { 'cdk8s-chaos-mesh.io/target-memory-limit': '256Mi', 'cdk8s-chaos-mesh.io/target-replicas': '2' } }),
    networkChaos(networkDelaySpec({ selector: { namespaces: [ns] }, duration: undefined })),
    bareSchedule({ spec: { podChaos: podKillSpec({ selector }) } }),
    dnsChaos({ selector }),
    chaosObject('KernelChaos', { mode: 'one', selector, failKernRequest: { callchain: [{ funcname: 'open' }], failtype: 0 }, duration: '1m' }),
    chaosObject('IOChaos', { action: 'mistake', mode: 'one', selector, volumePath: '/data', mistake: { filling: 'zero', maxOccurrences: 1, maxLength: 1 }, duration: '1m' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, data: { token: 'c2VjcmV0' } },
  ];
}

/** The advice that would take a user into `ns`: opting it in, declaring it external, selecting or changing its workloads. */
function advisesReachingInto(fix: string, ns: string): boolean {
  const n = ns.replace(/[-.]/g, (c) => `\\${c}`);
  return new RegExp([
    `externalTargetNamespaces: \\[[^\\]]*'${n}'`,
    `annotate namespace ${n}\\b`,
    `Namespace "${n}"`,
    `namespaces: \\[[^\\]]*\\b${n}\\b`,
    `[A-Za-z]+/${n}/`,
    `(in|of|into) "${n}"`,
  ].join('|')).test(fix);
}

describe('fix hints never advise what another rule forbids', () => {
  /** Every protected namespace: the built-in list, the Chaos Mesh namespace, and one configured. */
  const protectedNamespaces = [...BUILT_IN_PROTECTED_NAMESPACES, 'chaos-mesh', EXTRA];
  const runs = [...protectedNamespaces, 'shop'].map((ns) => ({ ns, findings: checkManifests(aimedAt(ns), { protectedNamespaces: [EXTRA] }) }));
  const describeFinding = (f: Finding) => `${f.rule} ${f.object} ${f.path}: ${f.fix}`;

  test.each(runs.filter((r) => r.ns !== 'shop').map((r) => [r.ns, r.findings] as const))(
    'aimed at protected namespace %s: CM005 refuses it without advice to opt it in', (_ns, findings) => {
      const cm005 = findings.filter((f) => f.rule === 'CM005');
      expect(cm005.length).toBeGreaterThan(0);
      for (const f of cm005) expect(f.fix).not.toMatch(/external|annotate|opt(ed)? in|inject/i);
    });

  test.each(runs.map((r) => [r.ns, r.findings] as const))('aimed at %s: no fix hint leads into a protected namespace', (_ns, findings) => {
    const leading = findings.filter((f) => f.rule !== 'CM005' && protectedNamespaces.some((p) => advisesReachingInto(f.fix, p)));
    expect(leading.map(describeFinding)).toEqual([]);
  });

  test('the walk reaches every rule: each one gave at least one fix hint above', () => {
    const fired = new Set(runs.flatMap((r) => r.findings.map((f) => f.rule)));
    expect(RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });

  test('the check would see such advice: the opt-in advice for an ordinary namespace matches it', () => {
    expect(advisesReachingInto("declare it external (externalTargetNamespaces: ['shop'] on ChaosMeshInstall)", 'shop')).toBe(true);
    expect(advisesReachingInto('have its owner run: kubectl annotate namespace shop chaos-mesh.org/inject=enabled', 'shop')).toBe(true);
    expect(advisesReachingInto('Remove "shop" from the selector', 'shop')).toBe(false);
  });
});
