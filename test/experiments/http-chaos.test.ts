import { Testing } from 'cdk8s';
import {
  HttpChaosAction, HttpChaosExperiment, HttpChaosExperimentProps, HttpChaosTarget, } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { blockingFindings, roundTrip } from './_compliance';

type Props = Omit<HttpChaosExperimentProps, 'target'>;
const base = { port: 9898, duration: GoDuration.minutes(2) };

/** One experiment per action, as a user would write it. */
const ACTIONS: Record<HttpChaosAction, Props> = {
  [HttpChaosAction.ABORT]: { ...base, action: HttpChaosAction.ABORT, httpTarget: 'Request', method: 'POST', path: '/api/*' },
  [HttpChaosAction.DELAY]: { ...base, action: HttpChaosAction.DELAY, httpTarget: 'Response', code: 200, delay: GoDuration.millis(500), responseHeaders: { 'Content-Type': 'application/json' } },
  [HttpChaosAction.REPLACE]: {
    ...base, action: HttpChaosAction.REPLACE, httpTarget: 'Request',
    replace: { body: '{"ok":false}', method: 'GET', path: '/version', queries: { v: '2' }, headers: { 'X-Chaos': '1' } },
  },
  [HttpChaosAction.PATCH]: {
    ...base, action: HttpChaosAction.PATCH, httpTarget: 'Response',
    patch: { body: { chaos: true }, headers: [['Set-Cookie', 'chaos=1']] },
    tls: { secretName: 'podinfo-tls', secretNamespace: 'podinfo' },
  },
};

function build(props: Props) {
  const chart = Testing.chart();
  new HttpChaosExperiment(chart, 'http', { target: podinfo(), ...props });
  return only(chart);
}

describe('HttpChaosExperiment', () => {
  test.each(Object.values(HttpChaosAction))('%s synthesizes a compliant HTTPChaos', (action) => {
    const obj = build(ACTIONS[action]);
    expect(obj.kind).toBe('HTTPChaos');
    expect(obj.spec).toMatchObject({ mode: 'one', selector: PODINFO_SELECTOR, port: 9898, duration: '2m' });
    expect(obj.spec.containerNames).toBeUndefined(); // HTTPChaos has no containerNames
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test('renders each action in the CRD\'s terms', () => {
    expect(build(ACTIONS.abort).spec).toMatchObject({ target: 'Request', abort: true, method: 'POST', path: '/api/*' });
    expect(build(ACTIONS.delay).spec).toMatchObject({ target: 'Response', code: 200, delay: '500ms', response_headers: { 'Content-Type': 'application/json' } });
    expect(build(ACTIONS.replace).spec.replace).toEqual({
      body: Buffer.from('{"ok":false}').toString('base64'), method: 'GET', path: '/version', queries: { v: '2' }, headers: { 'X-Chaos': '1' },
    });
    expect(build(ACTIONS.patch).spec).toMatchObject({
      patch: { body: { type: 'JSON', value: '{"chaos":true}' }, headers: [['Set-Cookie', 'chaos=1']] },
      tls: { secretName: 'podinfo-tls', secretNamespace: 'podinfo', certName: 'tls.crt', keyName: 'tls.key' },
    });
  });

  test.each<[string, Props, RegExp]>([
    ['an unknown target', { ...ACTIONS.abort, httpTarget: 'Both' as HttpChaosTarget }, /httpTarget is refused \(spec\.target\): "Both" is not an allowed value; allowed: "Request", "Response"/],
    ['a delay on an abort', { ...ACTIONS.abort, delay: GoDuration.seconds(1) }, /delay does not apply to action "abort"/],
    ['a replace without content', { ...ACTIONS.replace, replace: {} }, /replace is empty/],
    ['a missing delay', { ...ACTIONS.delay, delay: undefined }, /delay is required for action "delay"/],
    // Admission refusals (lint/admission/http-chaos.ts) reached through the props.
    ['port 0', { ...ACTIONS.abort, port: 0 }, /port is refused \(spec\.port\): port 0 is not positive/],
    ['a fractional port', { ...ACTIONS.abort, port: 80.5 }, /port is refused \(spec\.port\)/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
