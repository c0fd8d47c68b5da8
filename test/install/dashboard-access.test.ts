import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { DashboardAccess, DashboardAccessLevel, DashboardAccessProps } from '../../lib/install';

const REFERENCE = YAML.parseAllDocuments(readFileSync(path.join(__dirname, '..', 'fixtures', 'install', 'reference-dashboard-rbac.yaml'), 'utf8'))
  .map((d) => d.toJS());

function synth(props: DashboardAccessProps): { objects: any[]; access: DashboardAccess } {
  const chart = Testing.chart();
  const access = new DashboardAccess(chart, 'Dashboard', props);
  return { objects: Testing.synth(chart), access };
}

const VARIANTS: [string, DashboardAccessProps][] = [
  ['cluster manager', { level: DashboardAccessLevel.CLUSTER_MANAGER }],
  ['namespace manager', { level: DashboardAccessLevel.NAMESPACE_MANAGER, targetNamespaces: ['podinfo', 'shop'] }],
  ['namespace manager, cluster-wide pod read', { level: DashboardAccessLevel.NAMESPACE_MANAGER, targetNamespaces: ['podinfo'], clusterWidePodRead: true }],
  ['viewer', { level: DashboardAccessLevel.VIEWER }],
  ['namespaced viewer', { level: DashboardAccessLevel.VIEWER, targetNamespaces: ['podinfo'] }],
];

describe('DashboardAccess', () => {
  test('the cluster manager is exactly the reference RBAC', () => {
    expect(synth({ level: DashboardAccessLevel.CLUSTER_MANAGER }).objects).toEqual(REFERENCE);
  });

  test.each(VARIANTS)('%s: no wildcard verbs, no wildcard resources outside chaos-mesh.org, no Secret value', (_name, props) => {
    const { objects } = synth(props);
    const rules = objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').flatMap((o) => o.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.verbs).not.toContain('*');
      expect(rule.apiGroups).not.toContain('*');
      if (rule.resources.includes('*')) expect(rule.apiGroups).toEqual(['chaos-mesh.org']);
      expect(rule.nonResourceURLs).toBeUndefined();
      expect(rule.resources).not.toContain('secrets');
    }
    const secrets = objects.filter((o) => o.kind === 'Secret');
    expect(secrets).toHaveLength(1);
    for (const secret of secrets) {
      expect(secret.data).toBeUndefined();
      expect(secret.stringData).toBeUndefined();
      expect(secret.type).toBe('kubernetes.io/service-account-token');
      expect(secret.metadata.annotations).toEqual({ 'kubernetes.io/service-account.name': objects[0].metadata.name });
    }
    expect(objects[0]).toMatchObject({ kind: 'ServiceAccount', metadata: { namespace: 'chaos-mesh' } });
  });

  test('the viewer only reads', () => {
    for (const props of VARIANTS.filter(([, p]) => p.level === DashboardAccessLevel.VIEWER).map(([, p]) => p)) {
      const verbs = new Set(synth(props).objects.filter((o) => o.rules).flatMap((o) => o.rules.flatMap((r: any) => r.verbs)));
      expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
    }
  });

  test('the namespace manager acts only in its target namespaces and lists namespaces cluster-wide', () => {
    const { objects } = synth({ level: DashboardAccessLevel.NAMESPACE_MANAGER, targetNamespaces: ['podinfo', 'shop'] });
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/chaos-mesh/chaos-dashboard-namespace-manager',
      'ClusterRole//chaos-mesh-namespace-manager-read',
      'ClusterRoleBinding//chaos-dashboard-namespace-manager-read-binding',
      'Role/podinfo/chaos-mesh-namespace-manager',
      'RoleBinding/podinfo/chaos-dashboard-namespace-manager-binding',
      'Role/shop/chaos-mesh-namespace-manager',
      'RoleBinding/shop/chaos-dashboard-namespace-manager-binding',
      'Secret/chaos-mesh/chaos-dashboard-namespace-manager-token',
    ]);
    expect(objects[1].rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(objects[3].rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['chaos-mesh.org'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'] },
    ]);
    expect(objects[4].subjects).toEqual([{ kind: 'ServiceAccount', name: 'chaos-dashboard-namespace-manager', namespace: 'chaos-mesh' }]);
  });

  test('access instructions: umask 077 before the token is written, a 0600 file, a localhost port-forward', () => {
    const { access } = synth({ level: DashboardAccessLevel.CLUSTER_MANAGER });
    const text = access.accessInstructions();
    const at = (s: string) => text.indexOf(s);
    expect(at('umask 077')).toBeGreaterThan(-1);
    expect(at('umask 077')).toBeLessThan(at('> ~/.chaos-dashboard-token'));
    expect(text).toContain("kubectl -n chaos-mesh get secret chaos-dashboard-operator-token -o jsonpath='{.data.token}' | base64 -d > ~/.chaos-dashboard-token");
    expect(text).toContain('chmod 600 ~/.chaos-dashboard-token');
    expect(text).toContain('kubectl -n chaos-mesh port-forward --address 127.0.0.1 svc/chaos-dashboard 2333:2333');
    expect(text).toContain('http://localhost:2333');
    expect(synth({ level: DashboardAccessLevel.VIEWER }).access.accessInstructions()).toContain('> ~/.chaos-dashboard-viewer-token');
  });

  test('bad props throw with the prop named', () => {
    expect(() => synth({ level: DashboardAccessLevel.NAMESPACE_MANAGER })).toThrow(/NAMESPACE_MANAGER needs targetNamespaces/);
    expect(() => synth({ level: DashboardAccessLevel.CLUSTER_MANAGER, targetNamespaces: ['a'] })).toThrow(/remove targetNamespaces or use NAMESPACE_MANAGER/);
    expect(() => synth({ level: DashboardAccessLevel.VIEWER, clusterWidePodRead: true })).toThrow(/clusterWidePodRead only applies with targetNamespaces/);
    expect(() => synth({ level: DashboardAccessLevel.VIEWER, targetNamespaces: ['Bad_NS'] })).toThrow('DashboardAccess: namespace "Bad_NS" is not a valid namespace name.');
    expect(() => synth({ level: 'admin' as DashboardAccessLevel })).toThrow('DashboardAccess: level "admin" is not one of cluster-manager, namespace-manager, viewer.');
  });

  test.each(VARIANTS)('synthesized chart: %s', (_name, props) => {
    expect(YAML.stringify(synth(props).objects)).toMatchSnapshot();
  });
});
