import { Testing } from 'cdk8s';
import {
  BoundedSchedule, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction, ScheduledFault,
  SelectorMode,
} from '../../lib/experiments';
import { checkSafety } from '../../lib/safety';
import { GoDuration, StressSize } from '../../lib/units';
import { podinfo } from '../fixtures/experiments/podinfo';

/** The reference validation's three experiments, each as a Workflow with run phases. */
function referenceExperiments() {
  const chart = Testing.chart();
  const target = podinfo();
  const phases = { baseline: GoDuration.parse('1m'), recovery: GoDuration.parse('1m') };
  const kill = new BoundedSchedule(chart, 'podinfo-kill', {
    schedule: '*/30 * * * * *',
    deadline: GoDuration.parse('5m'),
    historyLimit: 5,
    fault: ScheduledFault.podChaos({
      target, action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0),
    }),
    phases,
  });
  const latency = new NetworkChaosExperiment(chart, 'podinfo-latency', {
    target,
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ALL,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
    duration: GoDuration.parse('3m'),
    phases,
  });
  const memory = new MemoryStressExperiment(chart, 'podinfo-memory-stress', {
    target, mode: SelectorMode.ONE, size: StressSize.parse('512MB'), workers: 1, duration: GoDuration.parse('2m'), phases,
  });
  return { chart, kill, latency, memory };
}

describe('the reference experiments with run phases', () => {
  test('synthesize to three content-named Workflows (reviewed snapshot)', () => {
    const { chart } = referenceExperiments();
    const objects = Testing.synth(chart);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      expect.stringMatching(/^Workflow\/podinfo-kill-[0-9a-f]{8}$/),
      expect.stringMatching(/^Workflow\/podinfo-latency-[0-9a-f]{8}$/),
      expect.stringMatching(/^Workflow\/podinfo-memory-stress-[0-9a-f]{8}$/),
    ]);
    expect(objects).toMatchSnapshot();
  });

  test('expose what the probe needs', () => {
    const { kill, latency, memory } = referenceExperiments();
    expect([kill.phasesEnv, latency.phasesEnv, memory.phasesEnv]).toEqual([
      'baseline:60 fault:300 recovery:60',
      'baseline:60 fault:180 recovery:60',
      'baseline:60 fault:120 recovery:60',
    ]);
    expect([kill, latency, memory].map((e) => e.runTime!.toSeconds())).toEqual([420, 300, 240]);
  });

  test('pass every safety rule (the engine reads the Workflow forms and the declared facts)', () => {
    expect(checkSafety(Testing.synth(referenceExperiments().chart))).toEqual([]);
  });

  test('the same app synthesizes to the same names twice', () => {
    const names = () => Testing.synth(referenceExperiments().chart).map((o) => o.metadata.name);
    expect(names()).toEqual(names());
  });
});
