import { KubeObject } from '../../../lib/kube-object';
import { loadManifestText } from '../../../lib/lint';
import { checkSafety, SafetyAnnotations } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chartApplication, deployment, networkChaos, podChaos, podKillSpec, safeValues, stressWorkflow } from '../../fixtures/safety/objects';

const EXTERNAL = SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES;

/** The chart Application with the namespace filter on, declaring `external` (when given). */
function filteringApp(external?: string, filter: unknown = true): KubeObject {
  return chartApplication(safeValues({ controllerManager: { enableFilterNamespace: filter } }),
    external === undefined ? {} : { annotations: { [EXTERNAL]: external } });
}

function namespace(name: string, optedIn: boolean): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(optedIn ? { annotations: { 'chaos-mesh.org/inject': 'enabled' } } : {}) } };
}

const cm011 = (objects: KubeObject[]) => only(checkSafety(objects), 'CM011');

complianceMatrix('CM011', {
  compliant: [filteringApp('podinfo'), deployment(), networkChaos()],
  nonCompliant: [filteringApp(), deployment(), networkChaos()],
  message: /NetworkChaos targets namespace "podinfo" \(namespaces lists "podinfo"\), which is neither a Namespace in this set nor declared external: with controllerManager\.enableFilterNamespace: true .* so this experiment would select no pod and do nothing/,
  path: 'spec.selector.namespaces[0]',
});

describe('CM011', () => {
  test('the fix gives both ways out, with the command the owner of the namespace runs', () => {
    const [f] = cm011([filteringApp(), networkChaos()]);
    expect(f.fix).toContain(`externalTargetNamespaces: ['podinfo']`);
    expect(f.fix).toContain('kubectl annotate namespace podinfo chaos-mesh.org/inject=enabled');
    expect(f.fix).toContain('emit the Namespace "podinfo" here with chaos-mesh.org/inject: enabled');
  });

  test('without the namespace filter (or with it off) nothing is checked', () => {
    expect(cm011([chartApplication(safeValues()), networkChaos()])).toEqual([]);
    expect(cm011([filteringApp(undefined, false), networkChaos()])).toEqual([]);
    expect(cm011([networkChaos()])).toEqual([]);
  });

  test('Helm reads the string "true" as true: the filter is on', () => {
    expect(cm011([filteringApp(undefined, 'true'), networkChaos()])).toHaveLength(1);
  });

  test('a Namespace in the set opts in with the annotation; without it, the finding names the Namespace', () => {
    expect(cm011([filteringApp(), namespace('podinfo', true), networkChaos()])).toEqual([]);
    const [f] = cm011([filteringApp(), namespace('podinfo', false), networkChaos()]);
    expect(f.message).toMatch(/whose Namespace Namespace\/podinfo in this set lacks chaos-mesh\.org\/inject: enabled/);
    expect(f.fix).toMatch(/Add chaos-mesh\.org\/inject: enabled under metadata\.annotations of the Namespace "podinfo"/);
  });

  test('a Namespace in the set counts even when also declared external (the Namespace applied is the one that counts)', () => {
    const [f] = cm011([filteringApp('podinfo'), namespace('podinfo', false), networkChaos()]);
    expect(f.message).toMatch(/also declared external/);
  });

  test('every selector counts: embedded in a Workflow, NetworkChaos target, the object\'s own namespace', () => {
    const partition = networkChaos({ ...networkChaos().spec, target: { mode: 'all', selector: { namespaces: ['db'] } } });
    expect(cm011([filteringApp('podinfo'), partition]).map((f) => f.path)).toEqual(['spec.target.selector.namespaces[0]']);
    expect(cm011([filteringApp(), stressWorkflow()]).map((f) => f.path)).toEqual(['spec.templates[0].stressChaos.selector.namespaces[0]']);
    const own = podChaos(podKillSpec({ selector: { labelSelectors: { app: 'x' } } }), { namespace: 'shop' });
    expect(cm011([filteringApp(), own]).map((f) => f.message)).toEqual([expect.stringMatching(/the selector names no namespaces, so Chaos Mesh uses the namespace of PodChaos\/shop\/podinfo-kill, "shop"/)]);
  });

  test('a protected namespace is left to CM005: no advice to opt it in', () => {
    const kube = networkChaos({ ...networkChaos().spec, selector: { namespaces: ['kube-system'], labelSelectors: { a: 'b' } } });
    expect(cm011([filteringApp(), kube])).toEqual([]);
    expect(only(checkSafety([filteringApp(), kube]), 'CM005')).toHaveLength(1);
  });

  test('declarations: several names, commas or spaces, on any chart values carrier (HelmChart, values file header)', () => {
    const shop = networkChaos({ ...networkChaos().spec, selector: { namespaces: ['podinfo', 'shop'], labelSelectors: { a: 'b' } } });
    expect(cm011([filteringApp('podinfo, shop'), shop])).toEqual([]);
    const helmChart: KubeObject = {
      apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart',
      metadata: { name: 'chaos-mesh', namespace: 'kube-system', annotations: { [EXTERNAL]: 'podinfo shop' } },
      spec: { chart: 'chaos-mesh', valuesContent: 'controllerManager:\n  enableFilterNamespace: true\n' },
    };
    expect(cm011([helmChart, shop])).toEqual([]);
    const values = loadManifestText([
      '# cdk8s-chaos-mesh.io/chart-values: chaos-mesh 2.8.2',
      '# cdk8s-chaos-mesh.io/external-target-namespaces: podinfo,shop',
      'controllerManager:',
      '  enableFilterNamespace: true',
    ].join('\n'), 'chaos-mesh.values.yaml').objects;
    expect(values.map((o) => o.kind)).toEqual(['ChartValues']);
    expect(cm011([...values, shop])).toEqual([]);
  });

  test('a declaration entry that is not a namespace name is an error on the declaring object', () => {
    const app = filteringApp('podinfo,Pod_Info');
    const found = cm011([app, networkChaos()]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ source: app, path: `metadata.annotations["${EXTERNAL}"]` });
    expect(found[0].message).toMatch(/lists "Pod_Info", which is not a namespace name/);
  });
});
