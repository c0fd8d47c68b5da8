import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { ChaosMeshApp, ChaosMeshAppProps } from '../../lib/app';
import {
  GameDay, GameDayProps, GameDayStep, JvmChaosAction, NetworkChaosAction, PodChaosAction, ScheduledFault, SteadyState,
} from '../../lib/experiments';
import { gameDayPhases } from '../../lib/report/_gameday-phases';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

/** A GameDay as the app builds it: one Workflow, one probe, one StatusCheck abort, guards, one Application. */

const checkout = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 2, memoryLimit: '256Mi' });
const cart = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'cart' }, replicas: 3 });
const steadyState: SteadyState = {
  url: 'https://shop.example.com/healthz',
  thresholds: { minAvailabilityPercent: 99 },
  healthCheck: { name: 'shop-health', url: 'http://checkout.shop.svc:8080/healthz' },
};
const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(2) };
const min = GoDuration.minutes;

const podKill = GameDayStep.podChaos({ target: checkout, action: PodChaosAction.POD_KILL, duration: min(2) });
const delay = GameDayStep.networkChaos({
  target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('200ms') }, duration: min(3),
});
const memory = GameDayStep.memoryStress({ target: checkout, size: StressSize.megabytes(512), duration: min(2) });

describe('GameDay', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-gameday-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const newApp = (props: ChaosMeshAppProps = {}) => new ChaosMeshApp({ outdir, log: () => undefined, gitOps: { repoURL: 'https://git.example.com/chaos.git' }, ...props });
  const gameDay = (app: ChaosMeshApp, props: Partial<GameDayProps> = {}) => new GameDay(app.experiments, 'shop-gameday', {
    phases, steadyState, steps: [podKill, GameDayStep.pause(min(1)), delay, GameDayStep.pause(min(1)), memory], ...props,
  });
  const objectsOf = (app: ChaosMeshApp, kind: string) => app.synthObjects().filter((s) => s.object.kind === kind).map((s) => s.object as any);

  test('one Workflow: a Serial entry with the total deadline over baseline, the steps beside the health check, and recovery', () => {
    const app = newApp();
    const day = gameDay(app);
    const [workflow] = objectsOf(app, 'Workflow');
    expect(objectsOf(app, 'Workflow')).toHaveLength(1);
    const templates = Object.fromEntries(workflow.spec.templates.map((t: any) => [t.name, t]));
    expect(workflow.spec.entry).toBe('run');
    // 1 + (2 + 1 + 3 + 1 + 2) + 2 minutes.
    expect(templates.run).toEqual({ name: 'run', templateType: 'Serial', deadline: '12m', children: ['baseline', 'fault', 'recovery'] });
    expect(templates.fault).toEqual({ name: 'fault', templateType: 'Parallel', deadline: '9m', children: ['steps', 'shop-health'] });
    expect(templates.steps).toEqual({
      name: 'steps', templateType: 'Serial', deadline: '9m',
      children: ['step-1-pod-kill', 'step-2-pause-1', 'step-3-network-delay', 'step-4-pause-2', 'step-5-memory-stress'],
    });
    expect(templates['step-2-pause-1']).toEqual({ name: 'step-2-pause-1', templateType: 'Suspend', deadline: '1m' });
    expect(templates['step-1-pod-kill']).toMatchObject({ templateType: 'PodChaos', deadline: '2m', podChaos: { action: 'pod-kill', mode: 'one' } });
    expect(templates['step-5-memory-stress']).toMatchObject({ templateType: 'StressChaos', deadline: '2m', stressChaos: { stressors: { memory: { size: '512MB' } } } });
    // The health check runs as long as the steps and aborts the whole run.
    expect(templates['shop-health']).toMatchObject({ templateType: 'StatusCheck', deadline: '9m', abortWithStatusCheck: true });
    expect(workflow.spec.templates.filter((t: any) => t.templateType === 'StatusCheck')).toHaveLength(1);
    // Every template is bounded, and no chaos template carries a duration (2.8.2 refuses one in a Workflow).
    for (const t of workflow.spec.templates) expect(t.deadline).toEqual(expect.any(String));
    expect(JSON.stringify(workflow.spec)).not.toMatch(/"duration"/);
    expect(day.totalDeadline.text).toBe('12m');
    expect(day.kind).toBe('Workflow');
  });

  test('one probe Job whose phases name every step, as the report reads them, and cover the whole run', () => {
    const app = newApp();
    const day = gameDay(app);
    const jobs = objectsOf(app, 'Job').filter((j) => j.metadata.labels['app.kubernetes.io/name'] === 'availability-probe');
    expect(jobs).toHaveLength(1);
    const env = Object.fromEntries(jobs[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.PROBE_PHASES).toBe('baseline:60 step-1-pod-kill:120 step-2-pause-1:60 step-3-network-delay:180 step-4-pause-2:60 step-5-memory-stress:120 recovery:120');
    const names = env.PROBE_PHASES.split(' ').map((p: string) => p.split(':')[0]);
    expect(gameDayPhases(names)?.map((p) => p.what)).toEqual(['baseline', 'pod-kill', 'pause-1', 'network-delay', 'pause-2', 'memory-stress', 'recovery']);
    const seconds = env.PROBE_PHASES.split(' ').reduce((sum: number, p: string) => sum + Number(p.split(':')[1]), 0);
    expect(seconds).toBe(day.totalDeadline.toMilliseconds() / 1000);
    expect(jobs[0].spec.activeDeadlineSeconds).toBeGreaterThanOrEqual(seconds);
    expect(day.stepPhases.map((p) => [p.name, p.offset.text, p.length.text])).toEqual([
      ['step-1-pod-kill', '1m', '2m'], ['step-2-pause-1', '3m', '1m'], ['step-3-network-delay', '4m', '3m'],
      ['step-4-pause-2', '7m', '1m'], ['step-5-memory-stress', '8m', '2m'],
    ]);
  });

  test('one PreSync guard with the union of the facts: replicas, and the memory limit because one step is a memory stress', () => {
    const app = newApp();
    const day = gameDay(app);
    expect(day.guards).toHaveLength(1);
    const guards = objectsOf(app, 'Job').filter((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
    expect(guards.map((g) => g.metadata.name)).toEqual(['shop-gameday-presync-guard']);
    const env = Object.fromEntries(guards[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({
      GUARD_EXPERIMENT: 'shop-gameday', GUARD_NAMESPACES: 'shop', GUARD_SELECTOR: 'app=checkout', GUARD_REPLICAS: '2',
      GUARD_CHECK_MEMORY_LIMIT: 'true', GUARD_MEMORY_LIMIT: '256Mi',
    });
  });

  test('without a memory stress step the guard does not check memory', () => {
    const app = newApp();
    gameDay(app, { steps: [podKill, GameDayStep.pause(min(1)), delay] });
    const guard = objectsOf(app, 'Job').find((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
    const env = Object.fromEntries(guard.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.GUARD_CHECK_MEMORY_LIMIT).toBe('false');
    expect(env.GUARD_MEMORY_LIMIT).toBeUndefined();
  });

  test('a memory stress inside a schedule step still turns the memory check on', () => {
    const app = newApp();
    const scheduled = GameDayStep.schedule({
      schedule: '@every 1m', deadline: min(3), fault: ScheduledFault.memoryStress({ target: checkout, size: StressSize.megabytes(256), duration: min(1) }),
    });
    const day = gameDay(app, { steps: [scheduled] });
    expect(day.stepPhases.map((p) => p.name)).toEqual(['step-1-memory-stress']);
    const guard = objectsOf(app, 'Job').find((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
    expect(guard.spec.template.spec.containers[0].env).toEqual(expect.arrayContaining([{ name: 'GUARD_CHECK_MEMORY_LIMIT', value: 'true' }]));
  });

  test('a JVM memory stress step is a memory stress for the guard too (the safety rules\' memoryStresses)', () => {
    const app = newApp();
    const three = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 3, memoryLimit: '512Mi' });
    gameDay(app, { steps: [GameDayStep.jvmChaos({ target: three, action: JvmChaosAction.STRESS, memoryType: 'heap', duration: min(2) })] });
    const guard = objectsOf(app, 'Job').find((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
    expect(guard.spec.template.spec.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'GUARD_CHECK_MEMORY_LIMIT', value: 'true' }, { name: 'GUARD_MEMORY_LIMIT', value: '512Mi' },
    ]));
  });

  test('a parallel step on two workloads: one Parallel template, one guard per target, each with its own facts', () => {
    const app = newApp();
    const cartDelay = GameDayStep.networkChaos({
      name: 'cart-delay', target: cart, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: min(4),
    });
    const day = gameDay(app, { steps: [GameDayStep.parallel([memory, cartDelay], { name: 'memory-and-delay' })] });
    const [workflow] = objectsOf(app, 'Workflow');
    const templates = Object.fromEntries(workflow.spec.templates.map((t: any) => [t.name, t]));
    expect(templates['step-1-memory-and-delay']).toEqual({
      name: 'step-1-memory-and-delay', templateType: 'Parallel', deadline: '4m',
      children: ['step-1-memory-and-delay-memory-stress', 'step-1-memory-and-delay-cart-delay'],
    });
    expect(templates['step-1-memory-and-delay-cart-delay']).toMatchObject({ templateType: 'NetworkChaos', deadline: '4m' });
    expect(templates.run.deadline).toBe('7m');
    expect(day.targets).toEqual([checkout, cart]);
    const guards = objectsOf(app, 'Job').filter((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
    const envs = guards.map((g) => Object.fromEntries(g.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value])));
    expect(envs.map((e) => [e.GUARD_EXPERIMENT, e.GUARD_SELECTOR, e.GUARD_REPLICAS, e.GUARD_CHECK_MEMORY_LIMIT])).toEqual([
      ['shop-gameday', 'app=checkout', '2', 'true'],
      ['shop-gameday-t2', 'app=cart', '3', 'false'],
    ]);
  });

  test('a name that leaves no room for the second target\'s guard ("<name>-t2") is refused with the length that fits', () => {
    const cartDelay = GameDayStep.networkChaos({ target: cart, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: min(4) });
    const steps = [podKill, GameDayStep.pause(min(1)), cartDelay];
    const fits = 'g'.repeat(46);
    expect(new GameDay(newApp().experiments, fits, { phases, steadyState, steps }).guards.map((g) => g.names.job)).toEqual([`${fits}-presync-guard`, `${fits}-t2-presync-guard`]);
    const tooLong = 'g'.repeat(47);
    expect(() => new GameDay(newApp().experiments, tooLong, { phases, steadyState, steps })).toThrow(
      `the name "${tooLong}" is too long for one guard per target: the guard of its target 2 is named "${tooLong}-t2", `
      + 'which must be at most 49 characters; shorten the name to at most 46 characters.');
  });

  test('one manual Application for the whole GameDay, and the content name changes with any step', () => {
    const app = newApp();
    gameDay(app);
    const apps = objectsOf(app, 'Application').filter((a) => a.metadata.name.includes('experiment-'));
    expect(apps.map((a) => a.metadata.name)).toEqual(['chaos-mesh-experiment-shop-gameday']);
    expect(apps[0].spec.syncPolicy.automated).toBeUndefined();
    const [workflow] = objectsOf(app, 'Workflow');
    expect(workflow.metadata.name).toMatch(/^shop-gameday-[0-9a-f]{8}$/);
    expect(workflow.metadata.labels).toEqual({ 'cdk8s-chaos-mesh.io/experiment': 'shop-gameday' });

    const other = newApp();
    gameDay(other, { steps: [podKill, GameDayStep.pause(min(2)), delay, GameDayStep.pause(min(1)), memory] });
    expect(objectsOf(other, 'Workflow')[0].metadata.name).not.toBe(workflow.metadata.name);
  });

  test('safeguards by default: without a steadyState the GameDay is refused as any experiment', () => {
    expect(() => gameDay(newApp(), { steadyState: undefined })).toThrow(/GameDay "experiments\/shop-gameday": has no steadyState/);
  });

  test('experimentsInTargetNamespace places it with its target; targets in two namespaces need an explicit namespace', () => {
    const app = newApp({ experimentsInTargetNamespace: true });
    expect(gameDay(app).namespace).toBe('shop');
    const billing = ChaosTarget.fromDeclaration({ namespace: 'billing', labels: { app: 'billing' }, replicas: 2 });
    const billingDelay = GameDayStep.networkChaos({ name: 'billing-delay', target: billing, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: min(1) });
    expect(() => new GameDay(newApp({ experimentsInTargetNamespace: true }).experiments, 'two', { phases, steadyState, steps: [delay, billingDelay] }))
      .toThrow(/targets live in 2 namespaces \(shop, billing\).*set namespace/);
  });

  test('afterRecovery templates run after the recovery and count in the total deadline, not in the probe phases', () => {
    const app = newApp();
    const day = gameDay(app, { steps: [delay], afterRecovery: [{ name: 'settle', templateType: 'Suspend', deadline: '30s' }] });
    const [workflow] = objectsOf(app, 'Workflow');
    expect(workflow.spec.templates[0]).toEqual({ name: 'run', templateType: 'Serial', deadline: '6m30s', children: ['baseline', 'fault', 'recovery', 'settle'] });
    expect(day.runTime?.text).toBe('6m');
    expect(() => gameDay(newApp(), { steps: [delay], afterRecovery: [{ name: 'x', templateType: 'Task' }] })).toThrow(/afterRecovery\[0\] has no deadline/);
    expect(() => gameDay(newApp(), { steps: [delay], afterRecovery: [{ name: 'steps', templateType: 'Suspend', deadline: '1m' }] }))
      .toThrow(/afterRecovery\[0\] "steps" reuses the name of a step's template/);
  });

  test('ApiObject.of(gameDay) reaches the Workflow (the escape hatch) and the content name covers the patch', () => {
    const app = newApp();
    const day = gameDay(app);
    const before = day.objectName;
    ApiObject.of(day).addJsonPatch(JsonPatch.replace('/spec/templates/1/deadline', '2m'));
    expect(day.objectName).not.toBe(before);
  });

  test('outside a ChaosMeshApp it is a plain Workflow (no safeguards wired)', () => {
    const chart = Testing.chart();
    const day = new GameDay(chart, 'plain', { phases, steps: [podKill, memory] });
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Workflow']);
    expect(objects[0].spec.templates[0]).toEqual({ name: 'run', templateType: 'Serial', deadline: '7m', children: ['baseline', 'steps', 'recovery'] });
    expect([day.probe, day.guard]).toEqual([undefined, undefined]);
  });
});
