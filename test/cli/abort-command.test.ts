import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runAbort } from '../../lib/cli/abort-command';
import { ChaosKind } from '../../lib/experiments/_fault';
import { FIXTURES as GUARD_FIXTURES, Route } from '../guard/_run-script';

/** The abort command against the guard tests' stub kubectl, which serves recorded JSON and refuses any other call. */
const STUB = join(GUARD_FIXTURES, 'kubectl-stub.sh');
const F = join(__dirname, '..', 'fixtures', 'abort');
const CHAOS = [...Object.values(ChaosKind), 'Schedule'].map((k) => `${k.toLowerCase()}.chaos-mesh.org`).join(',');
const WF = 'podinfo-kill-467e2151';

const listWorkflows = (scope: string, experiment = 'podinfo-kill') => `get workflow.chaos-mesh.org -l cdk8s-chaos-mesh.io/experiment=${experiment} ${scope} -o json`;
const listStandalone = (scope: string, experiment = 'podinfo-kill') => `get ${CHAOS} -l cdk8s-chaos-mesh.io/experiment=${experiment} ${scope} -o json`;
const listChildren = `get ${CHAOS} -l chaos-mesh.org/workflow=${WF} -n chaos-mesh -o json`;
const ALL = '--all-namespaces';

async function abort(argv: string[], routes: Route[]) {
  const dir = mkdtempSync(join(tmpdir(), 'abort-test-'));
  const saved = { ...process.env };
  try {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'kubectl'), `#!/bin/sh\nexec /bin/sh '${STUB}' "$@"\n`);
    chmodSync(join(dir, 'bin', 'kubectl'), 0o755);
    writeFileSync(join(dir, 'routes'), routes.map((r) => `${r.response.startsWith('!') ? r.response : join(F, r.response)}\t${r.args}\n`).join(''));
    writeFileSync(join(dir, 'calls'), '');
    process.env.PATH = `${join(dir, 'bin')}:${saved.PATH ?? '/usr/bin:/bin'}`;
    process.env.KUBECTL_STUB_ROUTES = join(dir, 'routes');
    process.env.KUBECTL_STUB_LOG = join(dir, 'calls');
    let stdout = '';
    let stderr = '';
    const code = await runAbort(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
    const calls = readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter((l) => l !== '');
    return { code, stdout, stderr, calls };
  } finally {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

const pauseChild = (ref: string) => `annotate --overwrite -n chaos-mesh ${ref} experiment.chaos-mesh.org/pause=true`;
const deleteWorkflow = `delete -n chaos-mesh workflow.chaos-mesh.org/${WF} --ignore-not-found --wait=false`;
const runningRoutes = (scope: string): Route[] => [
  { args: listWorkflows(scope), response: 'workflow-running.json' },
  { args: listStandalone(scope), response: 'empty-list.json' },
  { args: listChildren, response: 'workflow-children.json' },
  { args: pauseChild('schedule.chaos-mesh.org/inject-m4q8d-9xq2z'), response: 'empty-list.json' },
  { args: pauseChild('podchaos.chaos-mesh.org/inject-m4q8d-tk5vb'), response: 'empty-list.json' },
  { args: deleteWorkflow, response: 'empty-list.json' },
];

describe('abort', () => {
  test('a running Workflow: its chaos children are paused first, then the Workflow is deleted; every action is printed', async () => {
    const r = await abort(['podinfo-kill'], runningRoutes(ALL));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.calls).toEqual(runningRoutes(ALL).map((route) => route.args));
    expect(r.stdout.split('\n')).toEqual([
      'pause chaos-mesh/schedule.chaos-mesh.org/inject-m4q8d-9xq2z',
      'pause chaos-mesh/podchaos.chaos-mesh.org/inject-m4q8d-tk5vb',
      `delete chaos-mesh/workflow.chaos-mesh.org/${WF}`,
      'experiment "podinfo-kill" aborted: Chaos Mesh recovers the faults as the deleted objects\' finalizers run',
      '',
    ]);
  });

  test('--namespace limits every lookup to that namespace', async () => {
    const r = await abort(['podinfo-kill', '--namespace', 'chaos-mesh'], runningRoutes('-n chaos-mesh'));
    expect(r.code).toBe(0);
    expect(r.calls.slice(0, 2)).toEqual([listWorkflows('-n chaos-mesh'), listStandalone('-n chaos-mesh')]);
  });

  test('--dry-run looks up and prints the same actions, and changes nothing', async () => {
    const r = await abort(['podinfo-kill', '--dry-run'], runningRoutes(ALL));
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([listWorkflows(ALL), listStandalone(ALL), listChildren]);
    expect(r.stdout).toContain('would pause chaos-mesh/podchaos.chaos-mesh.org/inject-m4q8d-tk5vb\n');
    expect(r.stdout).toContain(`would delete chaos-mesh/workflow.chaos-mesh.org/${WF}\n`);
    expect(r.stdout).not.toContain('aborted');
  });

  test('standalone chaos objects of the experiment are paused, then deleted', async () => {
    const e = 'podinfo-memory-stress';
    const ref = 'stresschaos.chaos-mesh.org/podinfo-memory-stress-0c4f19aa';
    const routes: Route[] = [
      { args: listWorkflows(ALL, e), response: 'empty-list.json' },
      { args: listStandalone(ALL, e), response: 'standalone-stress.json' },
      { args: `annotate --overwrite -n podinfo ${ref} experiment.chaos-mesh.org/pause=true`, response: 'empty-list.json' },
      { args: `delete -n podinfo ${ref} --ignore-not-found --wait=false`, response: 'empty-list.json' },
    ];
    const r = await abort([e], routes);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(routes.map((route) => route.args));
  });

  test('a finished Workflow is left alone (the record of the run) and nothing is changed', async () => {
    const r = await abort(['podinfo-kill'], [
      { args: listWorkflows(ALL), response: 'workflow-finished.json' },
      { args: listStandalone(ALL), response: 'empty-list.json' },
    ]);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([listWorkflows(ALL), listStandalone(ALL)]);
    expect(r.stdout).toBe(`chaos-mesh/workflow.chaos-mesh.org/${WF} has finished (Accomplished): nothing to stop, left as the record of the run\n`
      + 'experiment "podinfo-kill" is not running: nothing changed\n');
  });

  test('nothing matching: exit 1 with a message naming the label and what to check', async () => {
    const r = await abort(['podinfo-kil', '-n', 'chaos-mesh'], [
      { args: listWorkflows('-n chaos-mesh', 'podinfo-kil'), response: 'empty-list.json' },
      { args: listStandalone('-n chaos-mesh', 'podinfo-kil'), response: 'empty-list.json' },
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cdk8s-chaos-mesh abort: nothing in namespace chaos-mesh carries the label cdk8s-chaos-mesh.io/experiment=podinfo-kil: '
      + 'no experiment "podinfo-kil" runs there (check the name, the namespace and the kubectl context).\n');
  });

  test('kubectl failing on the lookup: exit 2 with kubectl\'s message, and nothing else attempted', async () => {
    const r = await abort(['podinfo-kill'], [
      { args: listWorkflows(ALL), response: '!1 error: You must be logged in to the server (Unauthorized)' },
    ]);
    expect(r.code).toBe(2);
    expect(r.calls).toEqual([listWorkflows(ALL)]);
    expect(r.stderr).toBe(`cdk8s-chaos-mesh abort: "kubectl ${listWorkflows(ALL)}" failed (exit 1): error: You must be logged in to the server (Unauthorized)\n`);
  });

  test('kubectl failing mid-way: exit 2, the actions done so far printed, the Workflow not deleted with a child unpaused', async () => {
    const routes = runningRoutes(ALL).map((route) => (route.args.includes('podchaos.chaos-mesh.org/inject')
      ? { ...route, response: '!1 Error from server (Forbidden): podchaos.chaos-mesh.org "inject-m4q8d-tk5vb" is forbidden' } : route));
    const r = await abort(['podinfo-kill'], routes);
    expect(r.code).toBe(2);
    expect(r.calls).not.toContain(deleteWorkflow);
    expect(r.stderr).toMatch(/^cdk8s-chaos-mesh abort: "kubectl annotate .*" failed \(exit 1\): Error from server \(Forbidden\)/);
  });

  test('kubectl printing something other than a JSON list: exit 2, named', async () => {
    const r = await abort(['podinfo-kill'], [{ args: listWorkflows(ALL), response: 'workflow-children.json' }, { args: listStandalone(ALL), response: '../../../README.md' }]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did not print a JSON list/);
  });

  test.each([
    [[], 'no experiment given'],
    [['Podinfo_Kill'], '"Podinfo_Kill" is not an experiment name'],
    [['a', 'b'], 'one experiment at a time'],
    [['a', '--namespace'], '--namespace needs a value'],
    [['a', '--namespace', 'Bad_NS'], '--namespace "Bad_NS" is not a namespace name'],
    [['a', '--force'], 'unknown option "--force"'],
  ])('bad arguments %j: exit 2, no kubectl call', async (argv, message) => {
    const r = await abort(argv, []);
    expect(r.code).toBe(2);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain(message);
  });
});
