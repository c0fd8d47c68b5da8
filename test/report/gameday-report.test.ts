import { buildReport, parseProbeLog, renderMarkdown, renderSvg } from '../../lib/report';
import { gameDayPhases, stepPhaseName } from '../../lib/report/_gameday-phases';
import { textWidth } from '../../lib/report/_text-width';

/** A GameDay probe log: 60 s baseline, three faults with a one-minute pause between two of them, recovery. */
const PHASES: Array<[string, number, (t: number) => string]> = [
  ['baseline', 60, () => '0 200 0.025'],
  ['step-1-pod-kill', 30, (t) => (t % 10 === 0 ? '7' : '0 200 0.030')],
  ['step-2-pause', 60, () => '0 200 0.026'],
  ['step-3-network-delay', 40, () => '0 200 0.300'],
  ['step-4-memory-stress', 40, (t) => (t % 20 === 0 ? '0 503 0.002' : '0 200 0.050')],
  ['recovery', 60, () => '0 200 0.024'],
];
const lines: string[] = [];
let t = 1_700_000_000;
for (const [name, seconds, probe] of PHASES) {
  lines.push(`PHASE ${name} ${t}.0`);
  for (let i = 0; i < seconds; i++, t++) lines.push(`${t}.0 ${probe(i)}`);
}
const report = () => buildReport({ logs: [parseProbeLog(lines.join('\n'), 'gameday.log')] });

describe('GameDay phases', () => {
  test('baseline, steps numbered from 1 in order, recovery', () => {
    expect(gameDayPhases(PHASES.map((p) => p[0]))?.map((p) => `${p.label}:${p.what}`)).toEqual([
      'baseline:baseline', 'step 1:pod-kill', 'step 2:pause', 'step 3:network-delay', 'step 4:memory-stress', 'recovery:recovery',
    ]);
    expect(stepPhaseName(3, 'network-delay')).toBe('step-3-network-delay');
  });

  test.each([
    [['before', 'during', 'after']],
    [['baseline', 'recovery']],
    [['baseline', 'step-2-pod-kill', 'recovery']],
    [['baseline', 'step-1-pod-kill', 'step-1-delay', 'recovery']],
    [['baseline', 'step-1-pod-kill']],
    [['baseline', 'step-1-Pod_Kill', 'recovery']],
  ])('%j is not a GameDay', (names) => {
    expect(gameDayPhases(names)).toBeUndefined();
  });

  test('a step name that cannot be a phase name is refused', () => {
    expect(() => stepPhaseName(0, 'pod-kill')).toThrow(/index from 1/);
    expect(() => stepPhaseName(1, 'Pod Kill')).toThrow(/lowercase letters/);
  });
});

describe('report of a GameDay', () => {
  test('Markdown: one row per step with availability, the longest outage, p50/p99/max, mean and multiple of baseline', () => {
    const md = renderMarkdown(report());
    const table = md.slice(md.indexOf('## GameDay steps'));
    expect(table.split('\n').slice(2, 11)).toEqual([
      '| Step | Phase | Probes | Availability | Max unreachable | p50 | p99 | Max | Mean | Multiple of baseline |',
      '|---|---|---|---|---|---|---|---|---|---|',
      '| baseline | baseline | 60 | 100.0000% | 0 ms | 25 ms | 25 ms | 25 ms | 25 ms | 1.00× |',
      '| step 1 | pod-kill | 30 | 90.0000% | 1000 ms | 30 ms | 30 ms | 30 ms | 30 ms | 1.20× |',
      '| step 2 | pause | 60 | 100.0000% | 0 ms | 26 ms | 26 ms | 26 ms | 26 ms | 1.04× |',
      '| step 3 | network-delay | 40 | 100.0000% | 0 ms | 300 ms | 300 ms | 300 ms | 300 ms | 12.00× |',
      '| step 4 | memory-stress | 40 | 95.0000% | 1000 ms | 50 ms | 50 ms | 50 ms | 50 ms | 2.00× |',
      '| recovery | recovery | 60 | 100.0000% | 0 ms | 24 ms | 24 ms | 24 ms | 24 ms | 0.96× |',
      '',
    ]);
    expect(md).not.toContain('## Phases');
  });

  test('phases that are not a GameDay keep the plain phase table', () => {
    const md = renderMarkdown(buildReport({ logs: [parseProbeLog('PHASE before 0\n0 0 200 0.02\nPHASE after 1\n1 0 200 0.02\n', 'x')] }));
    expect(md).toContain('## Phases');
    expect(md).not.toContain('GameDay');
  });

  test('SVG: every step shaded and labelled inside its own span, labels alternating rows', () => {
    const svg = renderSvg(report(), { width: 1600 });
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="(\d+)" font-size="11" fill="#3c4043"><title>([^<]+)<\/title>([^<]+)<\/text>/g)];
    expect(labels.map((m) => m[3])).toEqual(PHASES.map((p) => p[0]));
    expect(labels.map((m) => m[4])).toEqual(['baseline', 'step 1 pod-kill', 'step 2 pause', 'step 3 network-delay', 'step 4 memory-stress', 'recovery']);
    expect(new Set(labels.filter((_, i) => i % 2 === 1).map((m) => m[2])).size).toBe(1);
    expect(labels[1][2]).not.toBe(labels[0][2]);
    const shades = [...svg.matchAll(/<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="\d+" fill="#(e8f0fe|fef7e0|e6f4ea|f3e8fd|fce8e6|e4f7fb)"\/>/g)];
    expect(shades).toHaveLength(PHASES.length);
    labels.forEach((m, i) => {
      const end = Number(shades[i][1]) + Number(shades[i][2]);
      expect(Number(m[1]) + textWidth(m[4], 11)).toBeLessThanOrEqual(end);
    });
  });

  test('SVG: a step label too long for its span is cut with "…", never spilling into the next step', () => {
    const svg = renderSvg(report());
    const labels = [...svg.matchAll(/<title>step-3-network-delay<\/title>([^<]*)<\/text>/g)];
    expect(labels).toHaveLength(1);
    expect(labels[0][1]).toMatch(/…$/);
  });
});

describe('SVG title', () => {
  const titles = (svg: string) => [...svg.matchAll(/<text x="(\d+)" y="(\d+)" font-size="(\d+)" font-weight="600">([^<]+)<\/text>/g)];

  test.each([960, 640, 420])('fits a %i px picture, wrapping or shrinking, with every number still shown', (width) => {
    const svg = renderSvg(report(), { width, title: 'GameDay podinfo: pod-kill, network delay, memory stress' });
    const lines = titles(svg);
    expect(lines.length).toBeGreaterThan(0);
    for (const m of lines) expect(Number(m[1]) + textWidth(m[4], Number(m[3]), true)).toBeLessThanOrEqual(width);
    const text = lines.map((m) => m[4]).join(' · ');
    for (const part of ['availability', 'p50', 'p99', 'max', 'probes']) expect(text).toContain(part);
  });

  test('the default title at the default width stays one line at 15 px', () => {
    const lines = titles(renderSvg(report()));
    expect(lines.map((m) => m[3])).toEqual(['15']);
  });

  test('a wrapped title moves the plot down so they do not overlap', () => {
    const svg = renderSvg(report(), { width: 420, title: 'GameDay podinfo: pod-kill, network delay, memory stress' });
    const last = titles(svg).pop()!;
    const plotTop = Number(/<rect x="[\d.]+" y="(\d+)" width="[\d.]+" height="\d+" fill="#e8f0fe"\/>/.exec(svg)![1]);
    expect(plotTop).toBeGreaterThan(Number(last[2]) + 20);
  });
});
