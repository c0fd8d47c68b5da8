import { Testing } from 'cdk8s';
import {
  JvmChaosAction, JvmChaosExperiment, JvmChaosExperimentProps, } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { blockingFindings, roundTrip } from './_compliance';

type Props = Omit<JvmChaosExperimentProps, 'target'>;
const duration = GoDuration.minutes(2);
const method = { javaClass: 'com.example.Checkout', method: 'pay' };

/** One experiment per action, as a user would write it, and the JVMChaos fields it becomes. */
const ACTIONS: Record<JvmChaosAction, [Props, Record<string, unknown>]> = {
  [JvmChaosAction.LATENCY]: [{ action: JvmChaosAction.LATENCY, ...method, latency: GoDuration.millis(800), duration }, { class: 'com.example.Checkout', method: 'pay', latency: 800 }],
  [JvmChaosAction.RETURN]: [{ action: JvmChaosAction.RETURN, ...method, returnValue: '"declined"', duration }, { returnValue: '"declined"' }],
  [JvmChaosAction.EXCEPTION]: [{ action: JvmChaosAction.EXCEPTION, ...method, exception: 'java.io.IOException("injected")', duration }, { exception: 'java.io.IOException("injected")' }],
  [JvmChaosAction.STRESS]: [{ action: JvmChaosAction.STRESS, memoryType: 'heap', duration }, { memType: 'heap' }],
  [JvmChaosAction.GC]: [{ action: JvmChaosAction.GC, agentPort: 9288, duration }, { port: 9288 }],
  [JvmChaosAction.RULE_DATA]: [{ action: JvmChaosAction.RULE_DATA, ruleData: 'RULE x\nCLASS A\nMETHOD b\nAT ENTRY\nDO return;\nENDRULE', ruleName: 'x', duration }, { name: 'x' }],
  [JvmChaosAction.MYSQL]: [{
    action: JvmChaosAction.MYSQL, mysql: { connectorVersion: '8', database: 'shop', table: 'orders', sqlType: 'select' },
    latency: GoDuration.seconds(1), duration,
  }, { mysqlConnectorVersion: '8', database: 'shop', table: 'orders', sqlType: 'select', latency: 1000 }],
};

function build(props: Props) {
  const chart = Testing.chart();
  new JvmChaosExperiment(chart, 'jvm', { target: podinfo(), ...props });
  return only(chart);
}

describe('JvmChaosExperiment', () => {
  test.each(Object.values(JvmChaosAction))('%s synthesizes a compliant JVMChaos', (action) => {
    const [props, fields] = ACTIONS[action];
    const obj = build(props);
    expect(obj.kind).toBe('JVMChaos');
    expect(obj.spec).toMatchObject({ action, mode: 'one', selector: PODINFO_SELECTOR, duration: '2m', ...fields });
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test('stress can burn CPU instead', () => {
    expect(build({ action: JvmChaosAction.STRESS, cpuCount: 2, duration }).spec.cpuCount).toBe(2);
  });

  // The admission refusals of the 2.8.2 webhook (lint/admission/jvm-chaos.ts), reached through the props.
  test.each<[string, Props, RegExp]>([
    ['latency without a method', { action: JvmChaosAction.LATENCY, javaClass: 'A', latency: GoDuration.millis(1), duration }, /method is refused \(spec\.method\): action "latency": method is missing/],
    ['a return value on an exception', { ...ACTIONS.exception[0], returnValue: '1' }, /returnValue does not apply to action "exception": leave it out \(it is read only with action "return"\)/],
    ['stress with both kinds', { action: JvmChaosAction.STRESS, cpuCount: 1, memoryType: 'stack', duration }, /memoryType is refused \(spec\.memType\): action "stress": it cannot stress CPU and memory at once/],
    ['stress with neither', { action: JvmChaosAction.STRESS, duration }, /cpuCount is refused \(spec\.cpuCount\): action "stress": it needs one of cpuCount and memType/],
    ['mysql with neither latency nor exception', { action: JvmChaosAction.MYSQL, mysql: { connectorVersion: '5' }, duration }, /exception is refused \(spec\.exception\): action "mysql": it needs an exception or a latency/],
    ['a sub-millisecond latency', { ...ACTIONS.latency[0], latency: GoDuration.parse('1.5ms') }, /latency "1.5ms" must be a positive whole number of milliseconds/],
    ['a fractional cpu count', { action: JvmChaosAction.STRESS, cpuCount: 1.5, duration }, /cpuCount is refused \(spec\.cpuCount\)/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
