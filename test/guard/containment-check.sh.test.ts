import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { awkVariants, fixture, GUARD_DIR, linesWith, Route, runScript } from './_run-script';

/**
 * lib/guard/containment-check.sh run for real against the stub kubectl and recorded pod lists of
 * the two nodes the podinfo replicas run on. The recorded fast-skunk node holds, besides the
 * stressed podinfo replica (OOM-killed and restarted after the start, as in the reference run):
 * coredns (running), harbor-trivy-0 (OOM-killed two days before the start), nats-0 with a
 * reloader sidecar, an etcd-snapshot Job pod that completed with exit 0 after the start,
 * chaos-daemon, and the check's own Task pod. Variants add a failed probe Job pod
 * (restartPolicy Never, exit 1) and a node-mate the kubelet evicted under memory pressure.
 */

const SCRIPT = 'containment-check.sh';
const WORKFLOW = 'podinfo-memory-stress-3f9a1c2e';
const GET_WORKFLOW = `get workflows.chaos-mesh.org ${WORKFLOW} -n chaos-mesh -o json --request-timeout=30s`;
const GET_TARGETS = 'get pods -n podinfo -l app.kubernetes.io/name=podinfo -o json --request-timeout=30s';
const node = (name: string) => `get pods --all-namespaces --field-selector=spec.nodeName=${name} -o json --request-timeout=30s`;

const env = {
  CONTAINMENT_EXPERIMENT: 'podinfo-memory-stress',
  CONTAINMENT_NAMESPACES: 'podinfo',
  CONTAINMENT_SELECTOR: 'app.kubernetes.io/name=podinfo',
  CONTAINMENT_WORKFLOW: WORKFLOW,
  CONTAINMENT_WORKFLOW_NAMESPACE: 'chaos-mesh',
};

function routes(over: { workflow?: string; skunk?: string; targets?: string } = {}): Route[] {
  return [
    { args: GET_WORKFLOW, response: over.workflow ?? fixture('containment', 'workflow.json') },
    { args: GET_TARGETS, response: fixture('containment', over.targets ?? 'targets.json') },
    { args: node('fast-skunk'), response: fixture('containment', over.skunk ?? 'node-fast-skunk.json') },
    { args: node('fast-heron'), response: fixture('containment', 'node-fast-heron.json') },
  ];
}

/** The recorded Workflow with another start time, written into the run's directory. */
function workflowStartedAt(startTime: string): Record<string, string> {
  const wf = JSON.parse(readFileSync(fixture('containment', 'workflow.json'), 'utf8'));
  wf.status.startTime = startTime;
  return { 'workflow-edited.json': JSON.stringify(wf, null, 4) };
}

describe.each(awkVariants())('containment-check.sh with %s', (_name, awk) => {
  const run = (e: Record<string, string>, r: Route[], files?: Record<string, string>) => runScript(SCRIPT, e, r, { awk, files });

  test('passes when only the target restarted, and says how many node-mates it checked', () => {
    const r = run(env, routes());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'containment-check[podinfo-memory-stress]: OK checked 9 node-mate container(s) in 7 pod(s) on node(s) fast-skunk '
      + 'fast-heron; none restarted, OOM-killed or evicted since the Workflow started at 2025-06-12T10:00:00Z (targets '
      + 'excluded: podinfo/podinfo-7c9f6d8b5-x2k4q/podinfo, podinfo/podinfo-7c9f6d8b5-9wz7m/podinfo)',
    ]);
    expect(r.calls).toEqual([GET_WORKFLOW, GET_TARGETS, node('fast-skunk'), node('fast-heron')]);
  });

  test('the target\'s own OOM kill is excluded only because it is the target', () => {
    const target = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk.json'), 'utf8')).items[0];
    expect(target.status.containerStatuses[0].lastState.terminated).toMatchObject({ reason: 'OOMKilled', finishedAt: '2025-06-12T10:01:42Z' });
    // Declaring another container as the target makes podinfo's restart a node-mate restart.
    const r = run({ ...env, CONTAINMENT_CONTAINERS: 'sidecar' }, routes());
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: podinfo/podinfo-7c9f6d8b5-x2k4q/podinfo restarted '
      + 'after the Workflow started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:01:42Z, reason OOMKilled, exit '
      + 'code 137, restarts 1)',
    ]);
  });

  test('fails when a node-mate restarted after the start, naming node, pod and container', () => {
    const r = run(env, routes({ skunk: 'node-fast-skunk-mate-restarted.json' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: nats/nats-0/nats restarted after the Workflow '
      + 'started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:01:44Z, reason OOMKilled, exit code 137, restarts 1)',
    ]);
    expect(r.stderr).toContain('1 problem(s) on node(s) fast-skunk fast-heron since 2025-06-12T10:00:00Z');
  });

  test('fails when a node-mate was killed after the start and not restarted (state.terminated, non-zero exit)', () => {
    const r = run(env, routes({ skunk: 'node-fast-skunk-mate-killed.json' }));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: backup/etcd-snapshot-29163120-r8x2v/snapshot '
      + 'terminated after the Workflow started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:01:44Z, reason '
      + 'OOMKilled, exit code 137, restarts 0)',
    ]);
  });

  test('a restart before the start passes; at or after it fails (harbor-trivy-0 restarted 2025-06-10T03:12:09Z)', () => {
    const edited = { ...routes()[0], response: 'workflow-edited.json' };
    const after = run(env, [edited, ...routes().slice(1)], workflowStartedAt('2025-06-10T03:12:10Z'));
    expect(after.status).toBe(0);
    const same = run(env, [edited, ...routes().slice(1)], workflowStartedAt('2025-06-10T03:12:09Z'));
    expect(same.status).toBe(1);
    expect(linesWith(same.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: harbor/harbor-trivy-0/trivy restarted after the '
      + 'Workflow started at 2025-06-10T03:12:09Z (terminated 2025-06-10T03:12:09Z, reason OOMKilled, exit code 137, restarts 4)',
    ]);
    // Two days earlier, every restart of the recorded nodes is "since the start", except the
    // Job pod that completed normally (exit 0).
    const early = run(env, [edited, ...routes().slice(1)], workflowStartedAt('2025-06-08T00:00:00.5Z'));
    expect(early.status).toBe(1);
    expect(linesWith(early.stderr, 'FAIL').map((l) => l.split(': ')[2].split(' ')[0])).toEqual([
      'harbor/harbor-trivy-0/trivy',
    ]);
  });

  test('init containers count too: a native sidecar restart fails, a completed init container does not', () => {
    const list = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk.json'), 'utf8'));
    const coredns = list.items.find((p: any) => p.metadata.name.startsWith('coredns-'));
    coredns.spec.initContainers = [
      { name: 'wait-for-dns', image: 'busybox:1.37.0', command: ['true'] },
      { name: 'metrics-proxy', image: 'quay.io/brancz/kube-rbac-proxy:v0.18.2', restartPolicy: 'Always' },
    ];
    coredns.status.initContainerStatuses = [
      { name: 'wait-for-dns', ready: true, restartCount: 0, lastState: {}, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2025-06-12T10:01:50Z', finishedAt: '2025-06-12T10:01:51Z' } } },
      { name: 'metrics-proxy', ready: true, restartCount: 1, started: true, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: '2025-06-01T07:58:03Z', finishedAt: '2025-06-12T10:01:43Z' } }, state: { running: { startedAt: '2025-06-12T10:01:44Z' } } },
    ];
    const files = { 'skunk.json': JSON.stringify(list, null, 4) };
    const r = run(env, routes().map((x) => (x.args === node('fast-skunk') ? { ...x, response: 'skunk.json' } : x)), files);
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: kube-system/coredns-ccb96694c-7tq2m/metrics-proxy '
      + 'restarted after the Workflow started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:01:43Z, reason OOMKilled, '
      + 'exit code 137, restarts 1)',
    ]);
  });

  test('a failed run of a restartPolicy Never pod after the start (the probe Job missing a threshold) passes with a NOTE', () => {
    const pod = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk-job-failed.json'), 'utf8')).items
      .find((p: any) => p.metadata.namespace === 'chaos-probes');
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.metadata.ownerReferences[0].kind).toBe('Job');
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: '2025-06-12T10:04:00Z' });
    const r = run(env, routes({ skunk: 'node-fast-skunk-job-failed.json' }));
    expect(r.status).toBe(0);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([]);
    expect(r.stderr.trim().split('\n')).toEqual([
      'containment-check[podinfo-memory-stress]: NOTE node fast-skunk: chaos-probes/podinfo-memory-stress-probe-8b1d0c4a-k8d2n/probe '
      + 'ended after the Workflow started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:04:00Z, reason Error, exit code 1, '
      + 'restarts 0) in a restartPolicy Never pod: a failed run, not a restart or a memory kill; not counted',
    ]);
    expect(r.stdout).toContain('OK checked 10 node-mate container(s) in 8 pod(s)');
  });

  test('the NOTE needs restartPolicy Never and a reason other than OOMKilled', () => {
    const edit = (change: (pod: any) => void) => {
      const list = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk-job-failed.json'), 'utf8'));
      change(list.items.find((p: any) => p.metadata.namespace === 'chaos-probes'));
      const files = { 'skunk.json': JSON.stringify(list, null, 4) };
      return run(env, routes().map((x) => (x.args === node('fast-skunk') ? { ...x, response: 'skunk.json' } : x)), files);
    };
    // OnFailure: the container is about to restart, which is what containment must prevent.
    const onFailure = edit((pod) => { pod.spec.restartPolicy = 'OnFailure'; });
    expect(onFailure.status).toBe(1);
    expect(linesWith(onFailure.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: chaos-probes/podinfo-memory-stress-probe-8b1d0c4a-k8d2n/probe '
      + 'terminated after the Workflow started at 2025-06-12T10:00:00Z (terminated 2025-06-12T10:04:00Z, reason Error, '
      + 'exit code 1, restarts 0)',
    ]);
    // An OOM kill fails whatever the restart policy.
    const oom = edit((pod) => { Object.assign(pod.status.containerStatuses[0].state.terminated, { reason: 'OOMKilled', exitCode: 137 }); });
    expect(oom.status).toBe(1);
    expect(linesWith(oom.stderr, 'FAIL')).toHaveLength(1);
    expect(oom.stderr).toContain('reason OOMKilled, exit code 137, restarts 0)');
    expect(linesWith(oom.stderr, 'NOTE')).toEqual([]);
  });

  test('fails when a node-mate was evicted after the start, once per pod, with the kubelet\'s message', () => {
    const r = run(env, routes({ skunk: 'node-fast-skunk-mate-evicted.json' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL node fast-skunk: harbor/harbor-jobservice-6d5f7c9b8-q4w2z was evicted '
      + 'after the Workflow started at 2025-06-12T10:00:00Z (at 2025-06-12T10:01:51Z: The node was low on resource: memory. '
      + 'Threshold quantity: 100Mi, available: 87340Ki. Container jobservice was using 402116Ki, request is 256Mi, has '
      + 'larger consumption of memory. )',
    ]);
    expect(r.stderr).toContain('1 problem(s) on node(s) fast-skunk fast-heron');
  });

  test('an eviction is timed by its DisruptionTarget condition, else by its containers\' finishedAt', () => {
    const edited = { ...routes()[0], response: 'workflow-edited.json' };
    const skunk = (change?: (pod: any) => void) => {
      const list = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk-mate-evicted.json'), 'utf8'));
      if (change) change(list.items.find((p: any) => p.status.reason === 'Evicted'));
      return { 'skunk.json': JSON.stringify(list, null, 4) };
    };
    const rs = [edited, ...routes().slice(1).map((x) => (x.args === node('fast-skunk') ? { ...x, response: 'skunk.json' } : x))];
    // Started one second after the DisruptionTarget transition (10:01:51Z): the eviction came before.
    expect(run(env, rs, { ...workflowStartedAt('2025-06-12T10:01:52Z'), ...skunk() }).status).toBe(0);
    // Without the condition, the container's finishedAt (10:01:52Z) times it: at the start fails.
    const noCondition = (pod: any) => { pod.status.conditions = pod.status.conditions.filter((c: any) => c.type !== 'DisruptionTarget'); };
    const r = run(env, rs, { ...workflowStartedAt('2025-06-12T10:01:52Z'), ...skunk(noCondition) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('harbor/harbor-jobservice-6d5f7c9b8-q4w2z was evicted after the Workflow started at 2025-06-12T10:01:52Z (at 2025-06-12T10:01:52Z:');
    // With neither, the eviction cannot be placed in time: a warning.
    const untimed = run(env, routes().map((x) => (x.args === node('fast-skunk') ? { ...x, response: 'skunk.json' } : x)), skunk((pod) => {
      noCondition(pod);
      delete pod.status.containerStatuses[0].state.terminated.finishedAt;
    }));
    expect(untimed.status).toBe(0);
    expect(linesWith(untimed.stderr, 'WARN')).toEqual([
      expect.stringMatching(/^containment-check\[podinfo-memory-stress\]: WARN node fast-skunk: harbor\/harbor-jobservice-6d5f7c9b8-q4w2z was evicted at an unknown time: The node was low on resource: memory\. .*; it cannot be placed in time and is not counted$/),
    ]);
  });

  test('an evicted target pod is the experiment\'s own outcome, not a node-mate\'s', () => {
    const list = JSON.parse(readFileSync(fixture('containment', 'node-fast-skunk-mate-evicted.json'), 'utf8'));
    const evicted = list.items.find((p: any) => p.status.reason === 'Evicted');
    const targets = JSON.parse(readFileSync(fixture('containment', 'targets.json'), 'utf8'));
    const t = JSON.parse(JSON.stringify(targets.items[0]));
    Object.assign(t.metadata, { name: evicted.metadata.name, namespace: 'podinfo' });
    t.spec.containers[0].name = 'jobservice';
    targets.items.push(t);
    evicted.metadata.namespace = 'podinfo';
    const files = { 'skunk.json': JSON.stringify(list, null, 4), 'targets.json': JSON.stringify(targets, null, 4) };
    const r = run(env, [
      routes()[0],
      { args: GET_TARGETS, response: 'targets.json' },
      { args: node('fast-skunk'), response: 'skunk.json' },
      routes()[3],
    ], files);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('podinfo/harbor-jobservice-6d5f7c9b8-q4w2z/jobservice)');
  });

  test('a termination the kubelet could not time is a warning, not a verdict', () => {
    const r = run(env, routes({ skunk: 'node-fast-skunk-untimed.json' }));
    expect(r.status).toBe(0);
    expect(linesWith(r.stderr, 'WARN')).toEqual([
      'containment-check[podinfo-memory-stress]: WARN node fast-skunk: nats/nats-0/nats has a termination record without '
      + 'finishedAt, reason ContainerStatusUnknown, exit code 137, restarts 1; it cannot be placed in time and is not counted',
    ]);
  });

  test('a Workflow without status.startTime yet is timed from its creation (earlier, so stricter)', () => {
    const r = run(env, routes({ workflow: fixture('containment', 'workflow-not-started.json') }));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('since the Workflow started at 2025-06-12T09:59:58Z');
  });

  test('fails when no target pod is found: no node, no verdict', () => {
    const r = run(env, routes({ targets: '../presync/empty.json' }).slice(0, 2));
    expect(r.status).toBe(1);
    expect(linesWith(r.stderr, 'FAIL')).toEqual([
      'containment-check[podinfo-memory-stress]: FAIL no pod in namespace(s) podinfo matches '
      + 'app.kubernetes.io/name=podinfo, so there is no node to check; containment is not measured',
    ]);
    expect(r.calls).toEqual([GET_WORKFLOW, GET_TARGETS]);
  });

  test('exits 2 when the Workflow cannot be read', () => {
    const r = run(env, [{ args: GET_WORKFLOW, response: `!1 Error from server (NotFound): workflows.chaos-mesh.org "${WORKFLOW}" not found` }]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('failed: Error from server (NotFound)');
  });

  test('exits 2 without the Workflow label (not run as a Workflow Task)', () => {
    const r = run({ ...env, CONTAINMENT_WORKFLOW: '' }, routes());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('CONTAINMENT_WORKFLOW is empty: this pod has no chaos-mesh.org/workflow label');
    expect(r.calls).toEqual([]);
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
  expect(parsed.status).toBe(0);
});

test('both scripts carry the same shared block (say, die, fetch and the JSON reader), byte for byte', () => {
  const block = (name: string) => {
    const text = readFileSync(join(GUARD_DIR, name), 'utf8');
    const start = text.indexOf('# >>> shared');
    const end = text.indexOf('# <<< shared', start);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(text.indexOf('# >>> shared', start + 1)).toBe(-1);
    return text.slice(start, end);
  };
  const shared = block('containment-check.sh');
  expect(block('presync-guard.sh')).toBe(shared);
  for (const piece of ['\nsay() {', '\ndie() {', '\nfetch() {', "\nJSON_FLATTEN_AWK='"]) expect(shared).toContain(piece);
  // Nothing outside the block redefines a shared piece.
  for (const name of ['containment-check.sh', 'presync-guard.sh']) {
    const text = readFileSync(join(GUARD_DIR, name), 'utf8');
    expect(text.split(/^(say|die|fetch)\(\) \{/m).length).toBe(7);
    expect(text.split("JSON_FLATTEN_AWK='").length).toBe(2);
  }
});
