import { readFileSync } from 'fs';
import { join } from 'path';
import { Duration } from 'cdk8s';
import { toJson_WorkflowSpecTemplates } from '../../imports/chaos-mesh.org';
import { WorkflowTemplate } from '../../lib/experiments';
import {
  CHAOS_MESH_WORKFLOW_LABEL, containmentCheckNames, containmentCheckTask, ContainmentTaskProps, CONTAINMENT_SCRIPT_CONFIGMAP, KUBECTL_IMAGE,
} from '../../lib/guard';
import { checkSchema } from '../../lib/lint';
import { GUARD_DIR } from './_run-script';
import { expectRestricted } from './_rbac';

const props: ContainmentTaskProps = {
  experiment: 'podinfo-memory-stress',
  namespaces: ['podinfo'],
  labels: { 'app.kubernetes.io/name': 'podinfo' },
};

test('a Task template the experiments API accepts as an afterRecovery template', () => {
  const template: WorkflowTemplate = containmentCheckTask(props);
  expect(template).toMatchObject({ name: 'containment-check', templateType: 'Task', deadline: '300s' });
  expect(Object.keys(template).sort()).toEqual(['deadline', 'name', 'task', 'templateType']);
  expect(Object.keys(template.task as object).sort()).toEqual(['container', 'volumes']);
});

test('restricted security context on the container (a 2.8.2 Task has no pod-level fields)', () => {
  const { task } = containmentCheckTask(props);
  expectRestricted(task.container);
  expect(task.container.image).toBe(KUBECTL_IMAGE);
  const volumeKinds = task.volumes.map((v) => Object.keys(v).filter((k) => k !== 'name')[0]).sort();
  expect(volumeKinds).toEqual(['configMap', 'emptyDir', 'secret']);
});

test('the Workflow name and namespace come from the pod itself (the Workflow is content-named)', () => {
  const env = Object.fromEntries((containmentCheckTask(props).task.container.env as any[]).map((e) => [e.name, e]));
  expect(env.CONTAINMENT_WORKFLOW.valueFrom).toEqual({ fieldRef: { fieldPath: `metadata.labels['${CHAOS_MESH_WORKFLOW_LABEL}']` } });
  expect(CHAOS_MESH_WORKFLOW_LABEL).toBe('chaos-mesh.org/workflow');
  expect(env.CONTAINMENT_WORKFLOW_NAMESPACE.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
  expect(env.CONTAINMENT_SELECTOR.value).toBe('app.kubernetes.io/name=podinfo');
  expect(env.CONTAINMENT_NAMESPACES.value).toBe('podinfo');
  expect(env.CONTAINMENT_CONTAINERS).toBeUndefined();
  const named = Object.fromEntries((containmentCheckTask({ ...props, containerNames: ['podinfo', 'sidecar'] }).task.container.env as any[]).map((e) => [e.name, e]));
  expect(named.CONTAINMENT_CONTAINERS.value).toBe('podinfo,sidecar');
});

test('every CONTAINMENT_ variable the Task sets is one the script reads, and the required ones are all set', () => {
  const script = readFileSync(join(GUARD_DIR, 'containment-check.sh'), 'utf8');
  const read = new Set([...script.matchAll(/\$\{(CONTAINMENT_[A-Z_]+)/g)].map((m) => m[1]));
  const set = (containmentCheckTask({ ...props, containerNames: ['podinfo'] }).task.container.env as any[])
    .map((e) => e.name).filter((n: string) => n.startsWith('CONTAINMENT_'));
  expect(set.filter((n: string) => !read.has(n))).toEqual([]);
  const required = [...script.matchAll(/\[ -n "\$([A-Z_]+)" \] \|\| die/g)].map((m) => m[1]);
  expect(required.length).toBeGreaterThanOrEqual(5);
  // Required shell variables map 1:1 onto CONTAINMENT_<same> (WORKFLOW_NS is CONTAINMENT_WORKFLOW_NAMESPACE).
  const envOf = (v: string) => (v === 'WORKFLOW_NS' ? 'CONTAINMENT_WORKFLOW_NAMESPACE' : `CONTAINMENT_${v}`);
  expect(required.map(envOf).filter((n) => !set.includes(n))).toEqual([]);
});

test('no `$(` in command, args or env values: Kubernetes would expand it', () => {
  const { container } = containmentCheckTask(props).task;
  const texts = [...(container.command as string[]), ...(container.env as any[]).map((e) => e.value ?? '')];
  expect(texts.filter((t) => t.includes('$('))).toEqual([]);
});

test('name and deadline are options', () => {
  const t = containmentCheckTask({ ...props, name: 'verdict', deadline: Duration.minutes(2) });
  expect(t.name).toBe('verdict');
  expect(t.deadline).toBe('120s');
  expect(() => containmentCheckTask({ ...props, name: 'Verdict' })).toThrow(/name "Verdict" must be a lowercase DNS label/);
  expect(() => containmentCheckTask({ ...props, image: 'kubectl' })).toThrow(/image "kubectl" is not pinned/);
});

test('names derive from the experiment, except the script ConfigMap every check of a namespace shares', () => {
  expect(containmentCheckNames('podinfo-memory-stress')).toEqual({
    serviceAccount: 'podinfo-memory-stress-containment-check',
    tokenSecret: 'podinfo-memory-stress-containment-check-token',
    configMap: 'containment-check-script',
    clusterRole: 'cdk8s-chaos-mesh:podinfo-memory-stress-containment-check',
    role: 'podinfo-memory-stress-containment-check',
  });
  expect(containmentCheckNames('podinfo-cpu').configMap).toBe(CONTAINMENT_SCRIPT_CONFIGMAP);
  const volumes = containmentCheckTask(props).task.volumes as any[];
  expect(volumes.find((v) => v.name === 'script').configMap.name).toBe(CONTAINMENT_SCRIPT_CONFIGMAP);
});

/** Wraps quantity strings the way the generated converters expect them ({ value }). */
function wrapQuantities(t: any): any {
  const copy = JSON.parse(JSON.stringify(t));
  const res = copy.task.container.resources;
  for (const side of ['limits', 'requests']) {
    for (const k of Object.keys(res[side])) res[side][k] = { value: res[side][k] };
  }
  for (const v of copy.task.volumes) if (v.emptyDir?.sizeLimit) v.emptyDir.sizeLimit = { value: v.emptyDir.sizeLimit };
  return copy;
}

test('uses only fields the v2.8.2 Workflow CRD defines (generated converters drop unknown keys)', () => {
  const t = containmentCheckTask({ ...props, containerNames: ['podinfo'] });
  expect(JSON.parse(JSON.stringify(toJson_WorkflowSpecTemplates(wrapQuantities(t))))).toEqual(t);
  const bad = { ...t, task: { ...t.task, serviceAccountName: 'x' } };
  expect(JSON.parse(JSON.stringify(toJson_WorkflowSpecTemplates(wrapQuantities(bad))))).not.toEqual(bad);
});

// lint's structural-schema check over the committed CRD bundle (schemas/chaos-mesh-crds.json,
// kept equal to the pinned upstream CRDs by test/lint/schema/crd-schemas.test.ts): unknown fields
// are errors, as with `kubectl apply --validate=strict`.
test('a Workflow holding the Task is valid against the Workflow CRD schema of Chaos Mesh 2.8.2', async () => {
  const workflow = {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'podinfo-memory-stress-3f9a1c2e', namespace: 'chaos-mesh' },
    spec: {
      entry: 'run',
      templates: [
        { name: 'run', templateType: 'Serial', children: ['recovery', 'containment-check'] },
        { name: 'recovery', templateType: 'Suspend', deadline: '1m' },
        containmentCheckTask({ ...props, containerNames: ['podinfo'] }),
      ],
    },
  };
  expect(await checkSchema(workflow)).toEqual([]);
  const bad = JSON.parse(JSON.stringify(workflow));
  bad.spec.templates[2].task.container.securityContext.runAsUsr = 1;
  const findings = await checkSchema(bad);
  expect(findings.map((f) => `${f.rule} ${f.severity} ${f.path}`)).toEqual(['schema error spec.templates[2].task.container.securityContext.runAsUsr']);
  expect(findings[0].message).toMatch(/^unknown field "runAsUsr"/);
});
