import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ChaosMeshApp, ChaosMeshAppProps } from '../../lib/app';
import { checkManifests } from '../../lib/check';
import { GameDay, GameDayProps, GameDayStep, NetworkChaosAction, PodChaosAction, SelectorMode } from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

/** What a GameDay refuses, at construction or through the one check entry point at synth, and why. */

const checkout = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 2, memoryLimit: '256Mi' });
const cart = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'cart' }, replicas: 2, memoryLimit: '256Mi' });
const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };
const min = GoDuration.minutes;
const steadyState = {
  url: 'https://shop.example.com/healthz', thresholds: { minAvailabilityPercent: 99 },
  healthCheck: { url: 'http://checkout.shop.svc:8080/healthz' },
};
const podKill = (target = checkout, duration = min(2)) => GameDayStep.podChaos({ target, action: PodChaosAction.POD_KILL, duration });
const memory = (target = checkout) => GameDayStep.memoryStress({ target, size: StressSize.megabytes(256), duration: min(2) });
const delay = (duration: GoDuration) => GameDayStep.networkChaos({
  target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration,
});

let outdir: string;
beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-gameday-refusals-')); });
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

const newApp = (props: ChaosMeshAppProps = {}) => new ChaosMeshApp({ outdir, log: () => undefined, ...props });
const build = (props: Partial<GameDayProps>, app = newApp()) => {
  new GameDay(app.experiments, 'shop-gameday', { phases, steadyState, steps: [podKill()], ...props });
  return app;
};
/** The findings of the one entry point synth, lint and the cdk8s-cli plugin share. */
const findings = (app: ChaosMeshApp, rule: string, options = {}) => checkManifests(app.synthObjects().map((s) => s.object), options)
  .filter((f) => f.rule === rule && !f.acknowledged);

describe('construction refuses', () => {
  test.each<[string, Partial<GameDayProps>, RegExp]>([
    ['empty steps', { steps: [] }, /GameDay "experiments\/shop-gameday": steps is empty: give the faults and pauses to run in order/],
    ['only pauses', { steps: [GameDayStep.pause(min(1))] }, /has only pauses: give at least one fault step/],
    ['no phases', { phases: undefined }, /phases is required: a GameDay measures a baseline before its first step and a recovery after/],
    ['duplicate names (defaults)', { steps: [podKill(), podKill()] },
      /steps\[1\]: name "pod-kill" is already the name of steps\[0\]: .*give one of them name: "pod-kill-2"/],
    ['duplicate names (given)', { steps: [GameDayStep.pause(min(1), { name: 'calm' }), podKill(), GameDayStep.pause(min(1), { name: 'calm' })] },
      /steps\[2\]: name "calm" is already the name of steps\[0\]/],
    ['a step name that is no DNS label', { steps: [GameDayStep.pause(min(1), { name: 'Calm Down' }), podKill()] }, /steps\[0\]: name "Calm Down"/],
    ['a parallel step of one fault', { steps: [GameDayStep.parallel([podKill()])] }, /GameDayStep.parallel "parallel-1" has 1 fault: give it at least two/],
    ['a pause inside a parallel step', { steps: [GameDayStep.parallel([podKill(), GameDayStep.pause(min(1))])] },
      /faults\[1\] must be a fault step/],
    ['a fault step without duration', { steps: [GameDayStep.podChaos({ target: checkout, action: PodChaosAction.POD_KILL } as any)] },
      /steps\[0\]: duration is required: it is how long the step's pod-kill lasts/],
    ['a zero pause', { steps: [podKill(), GameDayStep.pause(GoDuration.seconds(0))] }, /steps\[1\]: pause "0s" must be a positive duration/],
    ['a step that is not a GameDayStep', { steps: [{} as any] }, /steps\[0\]: must be a GameDayStep/],
  ])('%s', (_, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test("a fault's own props are checked as its experiment class checks them, naming the step", () => {
    expect(() => build({ steps: [GameDayStep.podChaos({ target: checkout, action: PodChaosAction.POD_FAILURE, gracePeriod: GoDuration.seconds(1), duration: min(1) })] }))
      .toThrow(/GameDay "experiments\/shop-gameday" steps\[0\]: gracePeriod applies only to action "pod-kill"/);
  });
});

describe('synth refuses through the check entry point (lint sees the same findings)', () => {
  test('a step longer than CM003\'s maximum', () => {
    const app = build({ steps: [delay(min(20))] });
    expect(findings(app, 'CM003').map((f) => [f.path, f.message])).toEqual([[
      'spec.templates[4].deadline',
      'NetworkChaos at spec.templates[4].networkChaos deadline "20m" is longer than the allowed maximum 15m.',
    ]]);
    expect(() => app.synth()).toThrow(/CM003/);
  });

  test('a total over the maximum run (1h by default, configurable as maxRunDuration)', () => {
    const named = (name: string, duration: GoDuration) => GameDayStep.networkChaos({
      name, target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration,
    });
    // 1 + (15 + 15 + 15 + 15 + 1) + 1 = 63 minutes, every fault within CM003's 15 minutes.
    const app = build({ steps: [named('a', min(15)), GameDayStep.pause(min(15)), named('b', min(15)), GameDayStep.pause(min(15)), named('c', min(1))] });
    expect(findings(app, 'CM003').map((f) => [f.path, f.message])).toEqual([[
      'spec.templates[0].deadline',
      'The Workflow\'s whole run lasts up to deadline "1h3m", longer than the allowed maximum run 1h.',
    ]]);
    expect(() => app.synth()).toThrow(/CM003.*whole run lasts up to deadline "1h3m"/s);
    expect(findings(app, 'CM003', { maxRunDuration: GoDuration.hours(2) })).toEqual([]);
    const short = build({ steps: [delay(min(5))] });
    expect(findings(short, 'CM003', { maxRunDuration: GoDuration.minutes(6) }).map((f) => f.message))
      .toEqual(['The Workflow\'s whole run lasts up to deadline "7m", longer than the allowed maximum run 6m.']);
  });

  test('two outage faults in one parallel step on the same 2-replica target (CM007: nothing would serve)', () => {
    const app = build({ steps: [GameDayStep.parallel([podKill(), memory()])] });
    const found = findings(app, 'CM007');
    expect(found.map((f) => f.path)).toEqual(['spec.templates[6].stressChaos.selector']);
    expect(found[0].message).toBe('PodChaos at spec.templates[5].podChaos (pod-kill) and StressChaos at spec.templates[6].stressChaos '
      + '(memory stress) run at the same time (branches of Parallel template "step-1-parallel-1") and can reach the same pods: '
      + 'together they can take 2 of 2 replicas, leaving none serving.');
    expect(() => app.synth()).toThrow(/CM007/);
  });

  test('the same faults one after the other, or in parallel on different workloads, are accepted', () => {
    expect(findings(build({ steps: [podKill(), memory()] }), 'CM007')).toEqual([]);
    expect(findings(build({ steps: [GameDayStep.parallel([podKill(), memory(cart)])] }), 'CM007')).toEqual([]);
  });

  test('a parallel outage and a delay on the same target leave a replica serving (the delay takes none out)', () => {
    expect(findings(build({ steps: [GameDayStep.parallel([podKill(), delay(min(2))])] }), 'CM007')).toEqual([]);
  });

  test('with enough replicas for both, the overlap leaves one serving', () => {
    const three = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 3, memoryLimit: '256Mi' });
    expect(findings(build({ steps: [GameDayStep.parallel([podKill(three), memory(three)])] }), 'CM007')).toEqual([]);
    const fixedTwo = GameDayStep.podChaos({ target: three, action: PodChaosAction.POD_KILL, mode: SelectorMode.fixed(2), duration: min(1) });
    expect(findings(build({ steps: [GameDayStep.parallel([fixedTwo, memory(three)])] }), 'CM007').map((f) => f.message))
      .toEqual([expect.stringMatching(/together they can take 3 of 3 replicas/)]);
  });

  test('three outages of one pod each in one parallel step on a 3-replica target take all three together', () => {
    const three = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 3, memoryLimit: '256Mi' });
    const failure = GameDayStep.podChaos({ target: three, action: PodChaosAction.POD_FAILURE, duration: min(2) });
    const app = build({ steps: [GameDayStep.parallel([podKill(three), memory(three), failure])] });
    expect(findings(app, 'CM007').map((f) => [f.path, f.message])).toEqual([['spec.templates[7].podChaos.selector',
      'PodChaos at spec.templates[5].podChaos (pod-kill), StressChaos at spec.templates[6].stressChaos (memory stress) and PodChaos '
      + 'at spec.templates[7].podChaos (pod-failure) run at the same time (branches of Parallel template "step-1-parallel-1") and can '
      + 'reach the same pods: together they can take 3 of 3 replicas, leaving none serving.']]);
    expect(() => app.synth()).toThrow(/CM007.*spec\.templates\[5\].*spec\.templates\[6\].*spec\.templates\[7\].*Run them one after the other/s);
  });
});
