import { Testing } from 'cdk8s';
import { DnsChaosAction, DnsChaosExperiment, DnsChaosExperimentProps } from '../../lib/experiments';
import { ChaosMeshInstall, RuntimePreset } from '../../lib/install';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { blockingFindings, roundTrip } from './_compliance';

function build(props: Partial<DnsChaosExperimentProps>) {
  const chart = Testing.chart();
  new DnsChaosExperiment(chart, 'dns', { target: podinfo(), action: DnsChaosAction.ERROR, duration: GoDuration.minutes(2), ...props });
  return chart;
}

describe('DnsChaosExperiment', () => {
  test.each(Object.values(DnsChaosAction))('%s synthesizes a compliant DNSChaos (with an install that runs the DNS server)', (action) => {
    const chart = build({ action, patterns: ['api.example.com', 'db-?.internal', 'example.*'] });
    new ChaosMeshInstall(chart, 'install', { runtime: RuntimePreset.K3S, dnsChaos: true, externalTargetNamespaces: ['podinfo'] });
    const objects = Testing.synth(chart);
    const dns = objects.find((o) => o.kind === 'DNSChaos');
    expect(dns.spec).toEqual({
      action, patterns: ['api.example.com', 'db-?.internal', 'example.*'], mode: 'one', selector: PODINFO_SELECTOR, duration: '2m',
    });
    expect(roundTrip(dns)).toEqual(dns.spec);
    expect(blockingFindings(objects)).toEqual([]);
  });

  test('without patterns every name is affected (the field is left out)', () => {
    expect(only(build({})).spec.patterns).toBeUndefined();
  });

  test.each<[string, Partial<DnsChaosExperimentProps>, RegExp]>([
    ['an unknown action', { action: 'drop' as DnsChaosAction }, /action "drop" is not a DNSChaos action \(allowed: error, random\)/],
    ['empty patterns', { patterns: [] }, /patterns is empty/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
