import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { WorkflowSpecTemplates, WorkflowSpecTemplatesStatusCheckType } from '../../imports/chaos-mesh.org';
import {
  EXPERIMENT_LABEL, formatPhases, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment,
  NetworkChaosExperimentProps, PodChaosAction, PodChaosExperiment, SelectorMode, WorkflowTemplate,
} from '../../lib/experiments';
import { GoDuration, StressSize } from '../../lib/units';
import { RULES } from '../../lib/safety';
import { only, podinfo, PODINFO_FACTS } from '../fixtures/experiments/podinfo';

const phases = { baseline: GoDuration.parse('60s'), recovery: GoDuration.parse('1m') };

function latency(props: Partial<NetworkChaosExperimentProps> = {}) {
  const chart = Testing.chart();
  const exp = new NetworkChaosExperiment(chart, 'podinfo-latency', {
    target: podinfo(),
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ALL,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
    duration: GoDuration.parse('3m'),
    ...props,
  });
  return { chart, exp };
}

const statusCheck: WorkflowTemplate = {
  name: 'podinfo-health',
  templateType: 'StatusCheck',
  statusCheck: { mode: 'Continuous', type: 'HTTP', http: { url: 'http://podinfo.podinfo:9898/healthz' } },
};

const containment: WorkflowTemplate = {
  name: 'containment-check',
  templateType: 'Task',
  deadline: '2m',
  task: { container: { name: 'check', image: 'bitnami/kubectl:1.31.4', command: ['sh', '-c', 'true'] } },
};

describe('run phases', () => {
  test('a Workflow: Serial entry over baseline Suspend, the fault template, recovery Suspend', () => {
    const { chart } = latency({ phases, contentNamed: false });
    expect(only(chart)).toMatchInlineSnapshot(`
      {
        "apiVersion": "chaos-mesh.org/v1alpha1",
        "kind": "Workflow",
        "metadata": {
          "annotations": {
            "cdk8s-chaos-mesh.io/target-memory-limit": "256Mi",
            "cdk8s-chaos-mesh.io/target-replicas": "2",
          },
          "name": "podinfo-latency",
          "namespace": "chaos-mesh",
        },
        "spec": {
          "entry": "run",
          "templates": [
            {
              "children": [
                "baseline",
                "fault",
                "recovery",
              ],
              "name": "run",
              "templateType": "Serial",
            },
            {
              "deadline": "60s",
              "name": "baseline",
              "templateType": "Suspend",
            },
            {
              "deadline": "3m",
              "name": "fault",
              "networkChaos": {
                "action": "delay",
                "delay": {
                  "correlation": "25",
                  "jitter": "50ms",
                  "latency": "200ms",
                },
                "mode": "all",
                "selector": {
                  "labelSelectors": {
                    "app.kubernetes.io/name": "podinfo",
                  },
                  "namespaces": [
                    "podinfo",
                  ],
                },
              },
              "templateType": "NetworkChaos",
            },
            {
              "deadline": "1m",
              "name": "recovery",
              "templateType": "Suspend",
            },
          ],
        },
      }
    `);
  });

  test('the fault template has a deadline and no duration (the 2.8.2 webhook refuses one)', () => {
    const { chart } = latency({ phases });
    const fault = only(chart).spec.templates.find((t: any) => t.name === 'fault');
    expect(fault.deadline).toBe('3m');
    expect(fault.networkChaos.duration).toBeUndefined();
  });

  test('phase list, runTime and the probe PHASES text', () => {
    const { exp } = latency({ phases });
    expect(exp.phases.map((p) => [p.name, p.offset.toSeconds(), p.length.toSeconds()])).toEqual([
      ['baseline', 0, 60], ['fault', 60, 180], ['recovery', 240, 60],
    ]);
    expect(exp.runTime!.toSeconds()).toBe(300);
    expect(exp.phasesEnv).toBe('baseline:60 fault:180 recovery:60');
    expect(exp.kind).toBe('Workflow');
    expect(exp.faultType).toBe('NetworkChaos');
  });

  test('a standalone experiment has one phase; a standalone pod-kill has none', () => {
    const { exp } = latency();
    expect(exp.kind).toBe('NetworkChaos');
    expect(exp.phasesEnv).toBe('fault:180');
    expect(exp.runTime!.toSeconds()).toBe(180);
    const chart = Testing.chart();
    const kill = new PodChaosExperiment(chart, 'kill', { target: podinfo(), action: PodChaosAction.POD_KILL });
    expect(kill.phases).toEqual([]);
    expect(kill.runTime).toBeUndefined();
  });

  test('formatPhases prints fractional seconds exactly', () => {
    expect(formatPhases([{ name: 'fault', offset: GoDuration.seconds(0), length: GoDuration.millis(1500) }]))
      .toBe('fault:1.5');
  });

  test('a StatusCheck runs in Parallel with the fault and aborts the run', () => {
    const { chart } = latency({ phases, statusCheck });
    const templates = only(chart).spec.templates;
    const byName = (n: string) => templates.find((t: any) => t.name === n);
    expect(templates[0].children).toEqual(['baseline', 'fault', 'recovery']);
    expect(byName('fault')).toEqual({ name: 'fault', templateType: 'Parallel', children: ['inject', 'podinfo-health'] });
    expect(byName('inject')).toMatchObject({ templateType: 'NetworkChaos', deadline: '3m' });
    expect(byName('podinfo-health')).toEqual({ ...statusCheck, abortWithStatusCheck: true, deadline: '3m' });
  });

  test('a StatusCheck keeps its own abort setting and a shorter deadline', () => {
    const { chart } = latency({ phases, statusCheck: { ...statusCheck, abortWithStatusCheck: false, deadline: '2m' } });
    const check = only(chart).spec.templates.find((t: any) => t.name === 'podinfo-health');
    expect(check).toMatchObject({ abortWithStatusCheck: false, deadline: '2m' });
  });

  test('typed templates (the generated WorkflowSpecTemplates) are accepted as they are', () => {
    const typed: WorkflowSpecTemplates = {
      name: 'typed-check',
      templateType: 'StatusCheck',
      statusCheck: {
        type: WorkflowSpecTemplatesStatusCheckType.HTTP,
        http: { url: 'http://podinfo.podinfo:9898/healthz', criteria: { statusCode: '200' } },
      },
    };
    const { chart } = latency({ phases, statusCheck: typed });
    expect(only(chart).spec.templates.find((t: any) => t.name === 'typed-check'))
      .toEqual({ ...typed, abortWithStatusCheck: true, deadline: '3m' });
  });

  test('extra templates run after recovery, in order', () => {
    const { chart } = latency({ phases, afterRecovery: [containment] });
    const spec = only(chart).spec;
    expect(spec.templates[0].children).toEqual(['baseline', 'fault', 'recovery', 'containment-check']);
    expect(spec.templates.at(-1)).toEqual(containment);
  });

  test('a status check or extra templates alone make a Workflow', () => {
    const { chart, exp } = latency({ afterRecovery: [containment] });
    expect(only(chart).spec.templates[0].children).toEqual(['fault', 'containment-check']);
    expect(exp.phasesEnv).toBe('fault:180');
  });

  test.each<[string, Partial<NetworkChaosExperimentProps>, RegExp]>([
    ['a StatusCheck longer than the fault', { statusCheck: { ...statusCheck, deadline: '4m' } },
      /statusCheck "podinfo-health" deadline "4m" is longer than the fault \("3m"\)/],
    ['a status check of another type', { statusCheck: { ...statusCheck, templateType: 'Task' } },
      /templateType "Task"; it must be "StatusCheck"/],
    ['an extra template reusing a phase name', { afterRecovery: [{ ...containment, name: 'recovery' }] },
      /afterRecovery\[0\] "recovery" reuses a template name of the run phases/],
    ['duplicate extra templates', { afterRecovery: [containment, containment] }, /template names must be unique/],
    ['an invalid template name', { afterRecovery: [{ ...containment, name: 'Check_1' }] }, /afterRecovery\[0\].name "Check_1"/],
    ['a template without type', { afterRecovery: [{ name: 'x' } as unknown as WorkflowTemplate] }, /has no templateType/],
    ['a zero baseline', { phases: { ...phases, baseline: GoDuration.seconds(0) } }, /phases.baseline ".*" must be a positive duration/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => latency({ phases, ...props })).toThrow(message);
  });
});

describe('the emitted object', () => {
  test('is the child "Resource", the defaultChild, reachable by ApiObject.of()', () => {
    const { exp } = latency();
    expect(exp.node.defaultChild).toBe(exp.resource);
    expect(exp.resource.node.id).toBe('Resource');
    expect(ApiObject.of(exp)).toBe(exp.resource);
  });

  test('addJsonPatch() edits the synthesized object (escape hatch)', () => {
    const { chart, exp } = latency();
    ApiObject.of(exp).addJsonPatch(JsonPatch.add('/spec/device', 'eth1'));
    ApiObject.of(exp).addJsonPatch(JsonPatch.replace('/spec/delay/latency', '100ms'));
    const spec = only(chart).spec;
    expect(spec.device).toBe('eth1');
    expect(spec.delay.latency).toBe('100ms');
  });

  test('lives in chaos-mesh unless told otherwise; the selector names the target namespace', () => {
    const { chart, exp } = latency({ namespace: 'chaos-experiments' });
    const obj = only(chart);
    expect(exp.namespace).toBe('chaos-experiments');
    expect(obj.metadata.namespace).toBe('chaos-experiments');
    expect(obj.spec.selector.namespaces).toEqual(['podinfo']);
  });

  test('carries the target facts and the stable experiment label', () => {
    const { chart } = latency();
    const { metadata } = only(chart);
    expect(metadata.annotations).toEqual(PODINFO_FACTS);
    expect(metadata.labels).toEqual({ [EXPERIMENT_LABEL]: 'podinfo-latency' });
  });

  test('addAcknowledgement writes the ack annotation', () => {
    const chart = Testing.chart();
    const exp = new MemoryStressExperiment(chart, 'mem', {
      target: podinfo(), size: StressSize.parse('600MB'), duration: GoDuration.parse('2m'),
    });
    exp.addAcknowledgement('CM002', 'limit raised to 512Mi in podinfo PR 42');
    expect(only(chart).metadata.annotations['ack.cdk8s-chaos-mesh.io/CM002']).toBe('limit raised to 512Mi in podinfo PR 42');
    expect(() => exp.addAcknowledgement('CM002', 'too short')).toThrow(/is too short: write at least 10 characters/);
    expect(() => exp.addAcknowledgement('XYZ', 'a long enough reason')).toThrow(/cannot acknowledge "XYZ"/);
    expect(() => exp.addAcknowledgement('admission', 'a long enough reason')).toThrow(/only the safety rules CM001-CM\d{3} \(RULES.md\)/);
  });

  test('addAcknowledgement knows every rule of the registry, and only those', () => {
    const exp = new MemoryStressExperiment(Testing.chart(), 'mem', {
      target: podinfo(), size: StressSize.parse('600MB'), duration: GoDuration.parse('2m'),
    });
    const last = RULES[RULES.length - 1].id;
    for (const rule of RULES) expect(() => exp.addAcknowledgement(rule.id, 'reviewed in PR 42, accepted')).not.toThrow();
    const next = `CM${String(Number(last.slice(2)) + 1).padStart(3, '0')}`;
    expect(() => exp.addAcknowledgement(next, 'reviewed in PR 42, accepted')).toThrow(
      `cannot acknowledge "${next}": only the safety rules CM001-${last} (RULES.md) can be acknowledged`);
  });
});
