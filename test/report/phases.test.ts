import { parseProbeLog, parseWindow, phasesFromMarkers, phasesFromWindows } from '../../lib/report';

const samples = parseProbeLog(Array.from({ length: 10 }, (_, i) => `${1000 + i}.000000 0 200 0.010`).join('\n'), 'x').samples;

describe('phases', () => {
  test('from PHASE markers: each lasts until the next; probes before the first belong to none', () => {
    const log = parseProbeLog('0.5 0 200 0.01\nPHASE a 1.0\n1.0 0 200 0.01\n2.0 0 200 0.01\nPHASE b 3.0\n3.0 7\nPHASE c 9.0\n', 'm');
    const phases = phasesFromMarkers(log.samples, log.phases);
    expect(phases.map((p) => [p.name, p.samples.map((s) => s.line), p.startUs, p.endUs])).toEqual([
      ['a', [3, 4], 1_000_000, 3_000_000],
      ['b', [6], 3_000_000, 9_000_000],
      ['c', [], 9_000_000, 9_000_000],
    ]);
  });

  test('windows by offset from the first probe, half open, open ends', () => {
    const windows = ['before=..3', 'during=3..7', 'after=7..'].map(parseWindow);
    const phases = phasesFromWindows(samples, windows);
    expect(phases.map((p) => [p.name, p.samples.map((s) => s.timeUs / 1e6)])).toEqual([
      ['before', [1000, 1001, 1002]],
      ['during', [1003, 1004, 1005, 1006]],
      ['after', [1007, 1008, 1009]],
    ]);
  });

  test('windows by unix time and by RFC 3339 time (as kubectl logs --timestamps prints)', () => {
    const [a, b] = phasesFromWindows(samples, [parseWindow('a=@1002..@1004.5'), parseWindow('b=1970-01-01T00:16:45Z..1970-01-01T00:16:47.000001Z')]);
    expect(a.samples.map((s) => s.timeUs / 1e6)).toEqual([1002, 1003, 1004]);
    expect(b.samples.map((s) => s.timeUs / 1e6)).toEqual([1005, 1006, 1007]);
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
