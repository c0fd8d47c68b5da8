// Rows of issue 16's table about `report`: long logs, hostile lines, out-of-range numbers.
import * as path from 'path';
import { reportHarness } from '../cli/_report-harness';

const { run, file, dir: tmp } = reportHarness('report-hostile-');

describe('report on hostile or very large logs', () => {
  test('a valid 125,000-line log (a 1 Hz probe for 35 hours) is reported, exactly', async () => {
    // Probe i answers in (i mod 100) + 1 ms; every 1000th probe is refused.
    const n = 125_000;
    const lines: string[] = ['PHASE all 1700000000.0'];
    for (let i = 0; i < n; i++) lines.push(i % 1000 === 999 ? `${1700000000 + i}.5 7` : `${1700000000 + i}.5 0 200 0.${String((i % 100) + 1).padStart(3, '0')}`);
    const r = await run(file('long.log', `${lines.join('\n')}\n`), '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ probes: n, ok: n - 125, failed: 125, availability: 99.9, max_unreachable_ms: 1000 });
    // OK latencies: 1..100 ms, each 1250 times, except 100 ms (probes 999, 1999, ...) 1125 times:
    // 6,300,000 ms over 124,875 probes is 50,450.45 µs, rounded to the µs.
    expect(json.latency_ms).toEqual({ p50: 50, p99: 99, max: 100, mean: 50.45 });
    expect(json.phases).toEqual([{ name: 'all', probes: n, availability: 99.9, mean_ms: json.latency_ms.mean, multiple: 1 }]);
  });

  test('a malformed line with terminal escape sequences is echoed escaped, never raw', async () => {
    const r = await run(file('esc.log', '1.0 0 200 0.010\n\u001b[2J\u001b]0;pwned\u0007 \u202eevil\n'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('esc.log:2: "\\x1b[2J\\x1b]0;pwned\\x07" is not a unix time');
    expect(r.err).toContain('"\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil"');
    expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });

  test('a file name with control characters is escaped in messages too', async () => {
    const r = await run(path.join(tmp(), 'no\u001b[31mfile.log'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no\\x1b[31mfile.log');
    expect(r.err).not.toContain('\u001b');
  });

  test.each([
    ['1.0 999', '"999" is not a curl exit code (0-255)'],
    ['1.0 0 099 0.010', '"099" is not an HTTP status code'],
    ['1.0 0 999 0.010', '"999" is not an HTTP status code'],
    ['1.0 0 200 9007199254', '"9007199254" is not curl\'s time_total in seconds'],
  ])('%s is refused (exit 2), not counted', async (line, message) => {
    const r = await run(file('range.log', `0.0 0 200 0.010\n${line}\n`));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`range.log:2: ${message}`);
    expect(r.out).toBe('');
  });

  test('the mean stays exact and below the max when the sum passes 2^53 µs', async () => {
    // 200,000 probes of 86,399.999999 s and one of 1 µs sum to 17,279,999,999,800,001 µs, past
    // exact doubles (a double sum gives 86,399,568,002 µs); the exact mean is 86,399,568,001 µs.
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i}.0 0 200 86399.999999`);
    lines.push('200000.0 0 200 0.000001');
    const json = JSON.parse((await run(file('slow.log', lines.join('\n')), '--format', 'json')).out);
    expect(json.latency_ms.max).toBe(86_399_999.999);
    expect(json.latency_ms.mean).toBe(86_399_568.001);
  });

  test('a line of megabytes without a newline is one problem, quoted short', async () => {
    const r = await run(file('blob.log', `1.0 0 200 0.010\n${'9'.repeat(5 * 1024 * 1024)}`), '--skip-malformed');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*blob\.log:2: the line is longer than 65536 characters, so it is not a probe log line: "9{117}\.\.\." \(line skipped\)\n$/);
  });

  test('thousands of malformed lines: the first 100 are quoted, the rest counted', async () => {
    const r = await run(file('junk.log', 'junk\n'.repeat(5000)));
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => /junk\.log:\d+:/.test(l))).toHaveLength(100);
    expect(r.err).toContain('... and 4900 more malformed lines');
    expect(r.err).toContain('5000 malformed lines; nothing reported');
  });

  test('more PHASE lines than a report shows are refused, naming the limit', async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => `PHASE p${i} ${i}.0\n${i}.5 0 200 0.010`);
    const r = await run(file('phases.log', lines.join('\n')));
    expect(r.code).toBe(2);
    expect(r.err).toContain('phases.log:2001: more than 1000 PHASE lines: a report shows at most 1000 phases');
  });
});
