import { parseProbeLog } from '../../lib/report';
import { MAX_LOG_LINE_CHARS, parseMicros } from '../../lib/report/probe-log';

describe('parseProbeLog', () => {
  test('the reference loop format: nanosecond timestamps, failures without status and time', () => {
    const log = parseProbeLog('1714564800.757126809 0 200 0.022184\n1714564801.788221355 7\n', 'exp1.log');
    expect(log.problems).toEqual([]);
    expect(log.samples).toEqual([
      { file: 'exp1.log', line: 1, timeUs: 1714564800757126, curlExit: 0, httpCode: 200, latencyUs: 22184 },
      { file: 'exp1.log', line: 2, timeUs: 1714564801788221, curlExit: 7 },
    ]);
  });

  test('curl writes 000 when no response came: read as no answer', () => {
    const { samples } = parseProbeLog('1.5 7 000 0.000574', 'x');
    expect(samples).toEqual([{ file: 'x', line: 1, timeUs: 1_500_000, curlExit: 7 }]);
  });

  test('the probe Job format: comments, PHASE and SUMMARY lines, behind kubectl --timestamps prefixes, with CRLF', () => {
    const text = [
      '2024-05-01T12:00:00.000000001Z # probe GET https://x every 1s',
      '2024-05-01T12:00:00.120000000Z PHASE baseline 1714564800.120000',
      '2024-05-01T12:00:00.130000000Z 1714564800.130000 0 200 0.026000',
      '2024-05-01T14:00:01+02:00 PHASE fault 1714564801.120000',
      '2024-05-01T12:00:01.130000000Z 1714564801.130000 0 503 0.002000\r',
      '',
      'SUMMARY {"probes":2,"ok":1}',
    ].join('\n');
    const log = parseProbeLog(text, 'job.log');
    expect(log.problems).toEqual([]);
    expect(log.samples.map((s) => [s.line, s.timeUs, s.httpCode])).toEqual([[3, 1714564800130000, 200], [5, 1714564801130000, 503]]);
    expect(log.phases).toEqual([
      { name: 'baseline', timeUs: 1714564800120000, file: 'job.log', line: 2, sampleIndex: 0 },
      { name: 'fault', timeUs: 1714564801120000, file: 'job.log', line: 4, sampleIndex: 1 },
    ]);
    expect(log.summaries).toEqual([{ line: 7, value: { probes: 2, ok: 1 } }]);
  });

  test('malformed lines are reported with their line number and never throw', () => {
    const text = [
      '1.0 0 200 0.010',
      'hello world',
      '1.0 0 200',
      'yesterday 0',
      '2.0 -1',
      '2.0 0 20x 0.01',
      '2.0 0 200 fast',
      'PHASE during',
      'PHASE du/ring 5.0',
      'SUMMARY {not json',
      'SUMMARY [1,2]',
      '9'.repeat(30) + ' 0',
      '3.0 0 200 0.030',
    ].join('\n');
    const log = parseProbeLog(text, 'bad.log');
    expect(log.samples.map((s) => s.line)).toEqual([1, 13]);
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [2, expect.stringMatching(/2 or 4 fields .* this one has 2|is not a unix time/)],
      [3, 'a probe line has 2 or 4 fields (<unix-seconds> <curl-exit> [<http-code> <time_total>]), this one has 3'],
      [4, '"yesterday" is not a unix time in seconds such as 1714564800.123'],
      [5, '"-1" is not a curl exit code (0-255)'],
      [6, '"20x" is not an HTTP status code (100-599, or 000 for no response)'],
      [7, '"fast" is not curl\'s time_total in seconds such as 0.026 (0 to 86400)'],
      [8, expect.stringMatching(/^a phase line is "PHASE <name> <unix-seconds>"/)],
      [9, expect.stringMatching(/^a phase line is/)],
      [10, 'SUMMARY is not followed by a JSON object'],
      [11, 'SUMMARY is not followed by a JSON object'],
      [12, expect.stringMatching(/is not a unix time/)],
    ]);
    expect(log.problems.every((p) => p.file === 'bad.log')).toBe(true);
    expect(log.problems[1].text).toBe('1.0 0 200');
  });

  test('values out of range are refused, not counted (curl exit 0-255, HTTP 100-599, time_total 0-86400 s)', () => {
    const text = ['1.0 999', '2.0 0 099 0.01', '3.0 0 999 0.01', '4.0 0 200 9007199254', '5.0 0 200 86400.000001', '6.0 255', '7.0 0 599 86400'].join('\n');
    const log = parseProbeLog(text, 'range.log');
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [1, '"999" is not a curl exit code (0-255)'],
      [2, '"099" is not an HTTP status code (100-599, or 000 for no response)'],
      [3, '"999" is not an HTTP status code (100-599, or 000 for no response)'],
      [4, '"9007199254" is not curl\'s time_total in seconds such as 0.026 (0 to 86400)'],
      [5, '"86400.000001" is not curl\'s time_total in seconds such as 0.026 (0 to 86400)'],
    ]);
    expect(log.samples.map((s) => s.line)).toEqual([6, 7]);
  });

  test('a line longer than MAX_LOG_LINE_CHARS is a problem quoted short', () => {
    const log = parseProbeLog(`1.0 0 200 0.01\n${'1'.repeat(MAX_LOG_LINE_CHARS + 1)}\n`, 'long.log');
    expect(log.problems).toEqual([{ file: 'long.log', line: 2, text: `${'1'.repeat(117)}...`, message: `the line is longer than ${MAX_LOG_LINE_CHARS} characters, so it is not a probe log line` }]);
  });

  test('binary junk and very long lines do not crash it; quoted text is cut short', () => {
    const junk = '\u0000\u0001\uFFFD'.repeat(100);
    const log = parseProbeLog(`${junk}\n${'x '.repeat(500)}`, 'junk');
    expect(log.samples).toEqual([]);
    expect(log.problems).toHaveLength(2);
    expect(log.problems[1].text.length).toBeLessThanOrEqual(120);
  });

  test('an empty file and a file of blank lines have nothing in them', () => {
    for (const text of ['', '\n\n  \n']) expect(parseProbeLog(text, 'e')).toEqual({ file: 'e', samples: [], phases: [], summaries: [], problems: [] });
  });
});

test('parseMicros reads decimal seconds exactly and refuses anything else', () => {
  expect(parseMicros('0.026')).toBe(26_000);
  expect(parseMicros('1714564800.999999999')).toBe(1714564800999999);
  expect(parseMicros('12')).toBe(12_000_000);
  for (const bad of ['', '1e3', '-1', '.5', '1.', '0x10', ' 1']) expect(parseMicros(bad)).toBeUndefined();
});
