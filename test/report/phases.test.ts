import { buildReport, parseProbeLog, parseWindow, ReportPhase } from '../../lib/report';

// Probe i (0-9) at 1000+i s answered in i+1 ms: a phase's probe count, mean and max name its probes.
const tenProbes = parseProbeLog(Array.from({ length: 10 }, (_, i) => `${1000 + i}.000000 0 200 ${((i + 1) / 1000).toFixed(3)}`).join('\n'), 'x');
const windows = (...args: string[]) => buildReport({ logs: [tenProbes], phases: { kind: 'windows', windows: args.map(parseWindow) } }).phases;
const counted = (p: ReportPhase) => [p.statistics.probes, p.statistics.latency?.meanUs, p.statistics.latency?.maxUs];

describe('phases', () => {
  test('from PHASE markers: each lasts until the next; probes before the first belong to none', () => {
    const log = parseProbeLog('0.5 0 200 0.01\nPHASE a 1.0\n1.0 0 200 0.01\n2.0 0 200 0.01\nPHASE b 3.0\n3.0 7\nPHASE c 9.0\n', 'm');
    const phases = buildReport({ logs: [log] }).phases;
    expect(phases.map((p) => [p.name, p.statistics.probes, p.statistics.ok, p.startUs, p.endUs])).toEqual([
      ['a', 2, 2, 1_000_000, 3_000_000],
      ['b', 1, 0, 3_000_000, 9_000_000],
      ['c', 0, 0, 9_000_000, 9_000_000],
    ]);
  });

  test('windows by offset from the first probe, half open, open ends', () => {
    const phases = windows('before=..3', 'during=3..7', 'after=7..');
    expect(phases.map((p) => [p.name, p.statistics.probes, p.statistics.latency?.maxUs, p.startUs, p.endUs])).toEqual([
      ['before', 3, 3000, 1000_000000, 1003_000000],
      ['during', 4, 7000, 1003_000000, 1007_000000],
      ['after', 3, 10000, 1007_000000, 1009_000000],
    ]);
  });

  test('windows by unix time and by RFC 3339 time (as kubectl logs --timestamps prints)', () => {
    const [a, b] = windows('a=@1002..@1004.5', 'b=1970-01-01T00:16:45Z..1970-01-01T00:16:47.000001Z');
    expect(counted(a)).toEqual([3, 4000, 5000]); // 1002, 1003, 1004
    expect(counted(b)).toEqual([3, 7000, 8000]); // 1005, 1006, 1007
    expect(parseWindow('x=2024-05-01T14:00:00.5+02:00..')).toEqual({ name: 'x', start: { kind: 'absolute', us: 1714564800_500000 }, end: undefined });
  });

  test.each([
    ['during', /is not NAME=START..END/],
    ['during=60-120', /is not NAME=START..END/],
    ['dur ing=1..2', /the name "dur ing" may only hold/],
    ['x=soon..2', /"soon" is not a time/],
    ['x=@then..', /"@then" is not @<unix-seconds>/],
    ['x=5..2', /the window ends before it starts/],
    ['x=2024-13-45T00:00:00Z..', /is not a valid RFC 3339 time/],
  ])('--window %s is refused with a message that quotes it', (arg, message) => {
    expect(() => parseWindow(arg)).toThrow(message);
    try {
      parseWindow(arg);
    } catch (err) {
      expect((err as Error).message).toContain(`"${arg}"`);
    }
  });
});
