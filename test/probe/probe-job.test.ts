import { readFileSync } from 'fs';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { specHash } from '../../lib/content-named-api-object';
import { CaBundle, PROBE_IMAGE, ProbeJob, ProbeMethod } from '../../lib/probe';
import { GoDuration } from '../../lib/units';
import { probeLines, runProbe, SCRIPT, startPlanServer, summaryOf } from './_harness';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUexample\n-----END CERTIFICATE-----\n';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void): any[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}

const jobOf = (objs: any[]): any => objs.find((o) => o.kind === 'Job');
const envOf = (job: any): Record<string, string> =>
  Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

describe('ProbeJob', () => {
  describe('content naming (a Job pod template is immutable: an edited probe must be a new Job)', () => {
    const nameOf = (props: Partial<ConstructorParameters<typeof ProbeJob>[2]>) => jobOf(synth((chart) => new ProbeJob(chart, 'Probe', {
      name: 'p', url: 'https://svc.example/health', runTime: GoDuration.minutes(1), ...props,
    }))).metadata.name;

    test('the same probe gets the same name, an edited one a new name with the same readable part', () => {
      expect(nameOf({})).toBe(nameOf({}));
      expect(nameOf({ thresholds: { minAvailabilityPercent: 99 } })).not.toBe(nameOf({}));
      expect(nameOf({ thresholds: { minAvailabilityPercent: 99 } })).toMatch(/^p-[0-9a-f]{8}$/);
    });

    test('contentNamed: false keeps the given name', () => {
      expect(nameOf({ contentNamed: false })).toBe('p');
    });

    test('a JSON patch added after construction renames the Job (the hash is taken at synth)', () => {
      const chart = Testing.chart();
      const probe = new ProbeJob(chart, 'Probe', { name: 'p', url: 'https://svc.example/health', runTime: GoDuration.minutes(1) });
      const before = jobOf(Testing.synth(chart));
      ApiObject.of(probe).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'chaos-observer'));
      const after = jobOf(Testing.synth(chart));
      expect(after.spec.template.spec.priorityClassName).toBe('chaos-observer');
      expect(after.metadata.name).not.toBe(before.metadata.name);
      expect(after.metadata.name).toBe(`p-${specHash(after.spec)}`);
      expect(before.metadata.name).toBe(`p-${specHash(before.spec)}`);
    });
  });

  test('the reference probe: every phase, threshold and security setting in one Job', () => {
    const objs = synth((chart) => new ProbeJob(chart, 'Probe', {
      name: 'podinfo-latency-probe',
      namespace: 'chaos-mesh',
      url: 'https://podinfo.10.0.0.200.nip.io/version',
      caBundle: CaBundle.fromConfigMap('minicloud-ca'),
      phases: [
        { name: 'baseline', duration: GoDuration.minutes(1) },
        { name: 'fault', duration: GoDuration.minutes(3) },
        { name: 'recovery', duration: GoDuration.minutes(1) },
      ],
      thresholds: { minAvailabilityPercent: 99.9, maxP99Latency: GoDuration.millis(500), maxUnreachable: GoDuration.seconds(5) },
    }));
    // probe.sh itself is compared byte for byte below; the snapshot shows the manifests around it.
    expect(objs.map((o) => (o.data?.['probe.sh'] ? { ...o, data: { 'probe.sh': '<lib/probe/probe.sh>' } } : o))).toMatchSnapshot();
    const job = jobOf(objs);
    expect(job.metadata).toMatchObject({ name: expect.stringMatching(/^podinfo-latency-probe-[0-9a-f]{8}$/), namespace: 'chaos-mesh' });
    expect(job.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 86400 });
    // 300 s run + 2 s timeout + 1 s clock calibration + 120 s margin.
    expect(job.spec.activeDeadlineSeconds).toBe(423);
    expect(envOf(job)).toEqual({
      PROBE_URL: 'https://podinfo.10.0.0.200.nip.io/version',
      PROBE_METHOD: 'GET',
      PROBE_ACCEPT: '200-399',
      PROBE_INTERVAL: '1',
      PROBE_TIMEOUT: '2',
      PROBE_LOG_FILE: '/tmp/probe.log',
      PROBE_PHASES: 'baseline:60 fault:180 recovery:60',
      PROBE_MIN_AVAILABILITY: '99.9',
      PROBE_MAX_P99_MS: '500',
      PROBE_MAX_UNREACHABLE_MS: '5000',
      PROBE_CA_FILE: '/probe-ca/ca.crt',
    });
  });

  test('Pod Security "restricted", no token, read-only root with only an emptyDir for the log', () => {
    const job = jobOf(synth((chart) => new ProbeJob(chart, 'Probe', { url: 'http://podinfo.podinfo:9898/', runTime: GoDuration.minutes(5) })));
    const pod = job.spec.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 100, runAsGroup: 101, seccompProfile: { type: 'RuntimeDefault' } },
    });
    const c = pod.containers[0];
    expect(c.image).toBe(PROBE_IMAGE);
    expect(c.image).toMatch(/^curlimages\/curl:\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(c.command).toEqual(['/bin/sh', '/probe/probe.sh']);
    expect(c.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 100,
      runAsGroup: 101,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '500m', memory: '64Mi' } });
    const writable = pod.volumes.filter((v: any) => !v.configMap && !v.secret);
    expect(writable).toEqual([{ name: 'log', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(c.volumeMounts.filter((m: any) => !m.readOnly)).toEqual([{ name: 'log', mountPath: '/tmp' }]);
    expect(envOf(job)).toMatchObject({ PROBE_RUN_TIME: '300' });
    expect(envOf(job).PROBE_PHASES).toBeUndefined();
    expect(envOf(job).PROBE_CA_FILE).toBeUndefined();
  });

  test('the ConfigMap holds lib/probe/probe.sh byte for byte, and the Job mounts it', () => {
    const objs = synth((chart) => new ProbeJob(chart, 'Probe', { url: 'http://x.example/', runTime: GoDuration.seconds(10) }));
    const cm = objs.find((o) => o.kind === 'ConfigMap');
    expect(Buffer.from(cm.data['probe.sh'], 'utf8').equals(readFileSync(SCRIPT))).toBe(true);
    const vol = jobOf(objs).spec.template.spec.volumes.find((v: any) => v.name === 'script');
    expect(vol.configMap.name).toBe(cm.metadata.name);
  });

  test.each([
    ['existing ConfigMap key', CaBundle.fromConfigMap('corp-ca', 'root.pem'), { configMap: { name: 'corp-ca', items: [{ key: 'root.pem', path: 'ca.crt' }], defaultMode: 292 } }],
    ['existing Secret key', CaBundle.fromSecret('podinfo-tls'), { secret: { secretName: 'podinfo-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 292 } }],
  ])('CA bundle from an %s', (_what, ca, volume) => {
    const objs = synth((chart) => new ProbeJob(chart, 'Probe', { url: 'https://x.example/', runTime: GoDuration.seconds(10), caBundle: ca }));
    const pod = jobOf(objs).spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'ca')).toEqual({ name: 'ca', ...volume });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'ca', mountPath: '/probe-ca', readOnly: true });
    expect(objs.filter((o) => o.kind === 'ConfigMap')).toHaveLength(1);
  });

  test('an inline PEM CA bundle is emitted as its own ConfigMap', () => {
    let probe: ProbeJob | undefined;
    const objs = synth((chart) => {
      probe = new ProbeJob(chart, 'Probe', { name: 'p', url: 'https://x.example/', runTime: GoDuration.seconds(10), caBundle: CaBundle.fromPem(PEM) });
    });
    const ca = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'p-ca');
    expect(ca.data).toEqual({ 'ca.crt': PEM });
    expect(probe!.caConfigMap?.name).toBe('p-ca');
    expect(jobOf(objs).spec.template.spec.volumes.find((v: any) => v.name === 'ca').configMap.name).toBe('p-ca');
  });

  test('the Job is node.defaultChild: ApiObject.of(probe).addJsonPatch reaches it', () => {
    const chart = Testing.chart();
    const probe = new ProbeJob(chart, 'Probe', { url: 'http://x.example/', runTime: GoDuration.seconds(10) });
    expect(probe.node.defaultChild).toBe(probe.job);
    ApiObject.of(probe).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'chaos-observer'));
    expect(jobOf(Testing.synth(chart)).spec.template.spec.priorityClassName).toBe('chaos-observer');
  });

  test('method, accepted codes, interval, timeout and fractional values reach the script exactly', () => {
    const job = jobOf(synth((chart) => new ProbeJob(chart, 'Probe', {
      url: 'http://x.example/healthz',
      method: ProbeMethod.HEAD,
      acceptedStatusCodes: '200,204,300-308',
      interval: GoDuration.millis(250),
      timeout: GoDuration.millis(1500),
      runTime: GoDuration.seconds(90),
      thresholds: { minAvailabilityPercent: 99.95, maxP99Latency: GoDuration.parse('1.5ms') },
    })));
    expect(envOf(job)).toMatchObject({
      PROBE_METHOD: 'HEAD',
      PROBE_ACCEPT: '200,204,300-308',
      PROBE_INTERVAL: '0.25',
      PROBE_TIMEOUT: '1.5',
      PROBE_RUN_TIME: '90',
      PROBE_MIN_AVAILABILITY: '99.95',
      PROBE_MAX_P99_MS: '1.5',
    });
  });

  test.each([
    [{ url: 'podinfo/version', runTime: GoDuration.seconds(10) }, /url "podinfo\/version" is not an absolute URL/],
    [{ url: 'ftp://x.example/', runTime: GoDuration.seconds(10) }, /must start with http:\/\/ or https:\/\//],
    [{ url: 'http://x.example/' }, /give runTime or phases/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(0) }, /runTime must be positive, got "0s"/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(10), interval: GoDuration.seconds(20) }, /interval "20s" is longer than the run time "10s"/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(10), acceptedStatusCodes: '2xx' }, /acceptedStatusCodes "2xx" is not a list of codes or ranges/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(10), phases: [{ name: 'a', duration: GoDuration.seconds(5) }] }, /runTime "10s" differs from the sum of the phases \(5s\)/],
    [{ url: 'http://x.example/', phases: [{ name: 'during fault', duration: GoDuration.seconds(5) }] }, /phase name "during fault" may only hold/],
    [{ url: 'http://x.example/', phases: [{ name: 'a', duration: GoDuration.seconds(5) }, { name: 'a', duration: GoDuration.seconds(5) }] }, /phase name "a" is used twice/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(10), thresholds: { minAvailabilityPercent: 120 } }, /minAvailabilityPercent must be between 0 and 100, got 120/],
    [{ url: 'http://x.example/', runTime: GoDuration.seconds(10), runAsUser: 0 }, /runAsUser must be a non-root UID/],
  ])('refuses %j', (props, message) => {
    expect(() => new ProbeJob(Testing.chart(), 'Probe', props as any)).toThrow(message);
  });

  test.each([
    [() => CaBundle.fromPem('not a certificate'), /holds no PEM certificate/],
    [() => CaBundle.fromConfigMap('Corp_CA'), /"Corp_CA" is not a valid ConfigMap name/],
    [() => CaBundle.fromSecret('tls', 'ca crt'), /"ca crt" is not a valid key/],
  ])('CaBundle refuses bad input (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  test('the environment the construct emits is accepted by the real script, which probes and summarizes', async () => {
    const server = await startPlanServer([]);
    try {
      const probe = new ProbeJob(Testing.chart(), 'Probe', {
        url: server.url,
        interval: GoDuration.millis(200),
        timeout: GoDuration.seconds(1),
        phases: [{ name: 'baseline', duration: GoDuration.millis(400) }, { name: 'fault', duration: GoDuration.millis(400) }],
        thresholds: { minAvailabilityPercent: 100, maxP99Latency: GoDuration.seconds(5), maxUnreachable: GoDuration.seconds(0) },
      });
      // Only the URL is the test's; the log goes where the harness says (no /tmp/probe.log clash).
      const { PROBE_LOG_FILE: _unused, ...env } = probe.environment;
      const run = await runProbe(env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.lines.filter((l) => l.startsWith('PHASE ')).map((l) => l.split(' ')[1])).toEqual(['baseline', 'fault']);
      expect(summaryOf(run)).toMatchObject({ probes: probeLines(run).length, failed: 0, availability: 100 });
    } finally {
      await server.close();
    }
  });
});

describe('ProbeJob with a shared script ConfigMap', () => {
  test('probes that name the same scope share one probe-script ConfigMap there, byte-identical to probe.sh', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    const experiments = new Chart(app, 'experiments');
    for (const name of ['a', 'b']) {
      new ProbeJob(experiments, name, { url: 'https://svc.example/', namespace: 'chaos-probes', runTime: GoDuration.minutes(1), supportScope: platform });
    }
    const shared = Testing.synth(platform);
    expect(shared.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['ConfigMap/chaos-probes/probe-script']);
    expect(shared[0].data['probe.sh']).toBe(readFileSync(SCRIPT, 'utf8'));
    const jobs = Testing.synth(experiments);
    expect(jobs.map((o) => o.kind)).toEqual(['Job', 'Job']);
    for (const job of jobs) {
      expect(job.spec.template.spec.volumes.find((v: any) => v.name === 'script').configMap.name).toBe('probe-script');
    }
  });

  test('a shared script needs the namespace it lives in', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    expect(() => new ProbeJob(new Chart(app, 'x'), 'p', { url: 'https://svc.example/', runTime: GoDuration.minutes(1), supportScope: platform }))
      .toThrow(/supportScope needs namespace/);
  });
});
