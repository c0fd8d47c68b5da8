import { loadManifestText } from '../../lib/lint/loader';

const TEXT = `# leading comment
apiVersion: chaos-mesh.org/v1alpha1
kind: Workflow
metadata:
  name: wf
  labels:
    "app.kubernetes.io/name": podinfo
spec:
  entry: main
  templates:
    - name: main
      templateType: Serial
      children: [a]
    - name: a
      templateType: Suspend
      deadline: 30s
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app
spec:
  source:
    helm:
      values: |
        dashboard:
          serviceType: ClusterIP
      valuesObject: {a: 1}
`;

describe('SourceMap', () => {
  const loaded = loadManifestText(TEXT, 'x.yaml');
  const [wf, app] = loaded.objects;
  const line = (obj: typeof wf, path?: string) => loaded.sources.locate(obj, path)?.line;

  test('objects start at their first key', () => {
    expect(line(wf)).toBe(2);
    expect(line(app)).toBe(18);
  });

  test('field paths map to the line of the field', () => {
    expect(line(wf, 'spec.entry')).toBe(9);
    expect(line(wf, 'spec.templates[1].deadline')).toBe(16);
    expect(line(wf, 'spec.templates[0].children[0]')).toBe(13);
    expect(line(wf, 'metadata.labels["app.kubernetes.io/name"]')).toBe(7);
  });

  test('a path that leaves the YAML falls back to the deepest field that exists', () => {
    expect(line(wf, 'spec.templates[1].podChaos.duration')).toBe(14);
    expect(line(wf, 'metadata.annotations["x"]')).toBe(4);
    expect(line(wf, '')).toBe(2);
  });

  test('paths into YAML held in a literal block string reach the embedded line', () => {
    expect(line(app, 'spec.source.helm.values.dashboard.serviceType')).toBe(27);
    expect(line(app, 'spec.source.helm.valuesObject.a')).toBe(28);
  });

  test('aliases, merge keys and integer-like keys (which plain objects put first) keep their lines', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: shared
  labels: &labels
    app: podinfo
    tier: web
  annotations:
    <<: *labels
    own: yes
data:
  "b": x
  "10": y
  "2": z
  copy: *labels
  after: w
`;
    const loaded = loadManifestText(text, 'a.yaml');
    const [cm] = loaded.objects;
    const line = (path: string) => loaded.sources.locate(cm, path)?.line;
    expect(Object.keys(cm.data)).toEqual(['2', '10', 'b', 'copy', 'after']);
    expect([line('data.b'), line('data["10"]'), line('data["2"]'), line('data.after')]).toEqual([12, 13, 14, 16]);
    // an alias is located at its key; what it expands to is not in the text there
    expect([line('data.copy'), line('data.copy.tier')]).toEqual([15, 15]);
    // merged keys are not written in the mapping: they fall back to the mapping's key
    expect([line('metadata.annotations.own'), line('metadata.annotations.app')]).toEqual([10, 8]);
    expect(line('metadata.labels.tier')).toBe(7);
  });

  test('YAML in a literal block inside YAML in a literal block reaches the innermost line', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app
spec:
  source:
    helm:
      values: |
        k3s:
          valuesContent: |
            dashboard:
              serviceType: NodePort
`;
    const loaded = loadManifestText(text, 'b.yaml');
    expect(loaded.sources.locate(loaded.objects[0], 'spec.source.helm.values.k3s.valuesContent.dashboard.serviceType')?.line).toBe(12);
    expect(loaded.sources.locate(loaded.objects[0], 'spec.source.helm.values.k3s.valuesContent.missing')?.line).toBe(10);
  });

  test('unknown objects are not located', () => {
    expect(loaded.sources.locate({ kind: 'X' })).toBeUndefined();
  });
});
