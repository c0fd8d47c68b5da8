import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chartApplication, deployment, dnsChaos, safeValues, workflow } from '../../fixtures/safety/objects';

complianceMatrix('CM012', {
  compliant: [dnsChaos(), deployment(), chartApplication(safeValues({ dnsServer: { create: true } }))],
  nonCompliant: [dnsChaos(), deployment(), chartApplication(safeValues())],
  message: /needs the Chaos DNS server, but the Chaos Mesh chart values of Application\/argocd\/chaos-mesh \(spec\.source\.helm\.valuesObject\.dnsServer\.create false\) do not install it/,
  path: 'spec',
});

function cm012(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM012');
}

describe('CM012', () => {
  test('the chart default (dnsServer.create absent) installs the DNS server', () => {
    const values = safeValues();
    delete values.dnsServer;
    expect(cm012(dnsChaos(), chartApplication(values))).toEqual([]);
  });

  test.each([
    ['false', 1, false],
    ['null (Helm deletes the key, the template reads nothing)', 1, null],
    ['true', 0, true],
  ])('dnsServer.create %s: %d finding(s), as the chart\'s `if .Values.dnsServer.create` reads it', (_, count, create) => {
    expect(cm012(dnsChaos(), chartApplication(safeValues({ dnsServer: { create } })))).toHaveLength(count as number);
  });

  test('no chart values in the set: a warning naming what cannot be verified', () => {
    const found = cm012(dnsChaos());
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toMatch(/no Chaos Mesh chart values are in the set.*cannot be verified/);
    expect(found[0].fix).toMatch(/--values/);
  });

  test('unreadable chart values: a warning that says why, not a pass', () => {
    const found = cm012(dnsChaos(), chartApplication('dnsServer: [unclosed'));
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toMatch(/cannot be read/);
  });

  test('values given as YAML text, as a k3s HelmChart, and as --values files are all read', () => {
    expect(cm012(dnsChaos(), chartApplication('dnsServer:\n  create: false\n'))[0].path).toBe('spec');
    const helmChart = {
      apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'chaos-mesh', namespace: 'kube-system' },
      spec: { chart: 'chaos-mesh', valuesContent: 'dnsServer:\n  create: false\n' },
    };
    expect(cm012(dnsChaos(), helmChart)[0].message).toMatch(/HelmChart\/kube-system\/chaos-mesh \(spec\.valuesContent\.dnsServer\.create false\)/);
    const file = { apiVersion: 'cdk8s-chaos-mesh.io/v1', kind: 'ChartValues', metadata: { name: 'values.yaml' }, values: { dnsServer: { create: false } } };
    expect(cm012(dnsChaos(), file)).toHaveLength(1);
  });

  test('a DNSChaos in a Workflow template is found, and other chaos is not this rule\'s business', () => {
    const wf = workflow({ name: 'dns', templateType: 'DNSChaos', deadline: '2m', dnsChaos: dnsChaos().spec });
    const found = cm012(wf, chartApplication(safeValues()));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].dnsChaos');
    expect(cm012(deployment(), chartApplication(safeValues()))).toEqual([]);
  });

  test('odd input never throws: a values tree whose dnsServer is not a mapping', () => {
    expect(() => checkSafety([dnsChaos(), chartApplication({ dnsServer: 'yes' })])).not.toThrow();
    expect(cm012(dnsChaos(), chartApplication({ dnsServer: 'yes' }))).toEqual([]);
  });
});
