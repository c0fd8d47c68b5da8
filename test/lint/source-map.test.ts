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

  test('unknown objects are not located', () => {
    expect(loaded.sources.locate({ kind: 'X' })).toBeUndefined();
  });
});
