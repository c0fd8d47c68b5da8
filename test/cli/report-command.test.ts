import { readFileSync } from 'fs';
import * as path from 'path';
import { reportHarness } from './_report-harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'report');
const EXP1 = path.join(FIXTURES, 'exp1-podkill.log');
const EXP2 = path.join(FIXTURES, 'exp2-netdelay.log');

const { run, file, dir: tmp } = reportHarness('report-cli-');

describe('cdk8s-chaos-mesh report', () => {
  test('prints the reference tables as Markdown', async () => {
    const r = await run(EXP1);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('| Availability | 100.0000% |');
    expect(r.out).toContain('| Latency p99 | 61 ms |');
  });

  test('--format json prints one document with the documented keys', async () => {
    const r = await run(EXP2, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['probes', 'ok', 'failed', 'availability', 'max_unreachable_ms', 'latency_ms', 'phases']);
    expect(Object.keys(json.latency_ms)).toEqual(['p50', 'p99', 'max', 'mean']);
    expect(Object.keys(json.phases[0])).toEqual(['name', 'probes', 'availability', 'mean_ms', 'multiple']);
    expect((await run(EXP2, '--format=json')).out).toBe(r.out);
  });

  test('--svg writes the timeline next to the printed report', async () => {
    const svg = path.join(tmp(), 'timeline.svg');
    const r = await run(EXP2, '--svg', svg);
    expect(r.code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>\n$/);
    expect(r.out).toContain('| fault | 180 | 100.0000% | 299 ms |');
  });

  test('--phase NAME=LOG: one log per phase, in order', async () => {
    const lines = readFileSync(EXP2, 'utf8').split('\n').filter((l) => /^\d/.test(l));
    const before = file('before.log', lines.slice(0, 60).join('\n'));
    const during = file('during.log', lines.slice(60, 240).join('\n'));
    const after = file('after.log', lines.slice(240).join('\n'));
    const r = await run('--phase', `before=${before}`, '--phase', `during=${during}`, '--phase', `after=${after}`, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).phases.map((p: any) => [p.name, p.probes, Math.round(p.mean_ms)])).toEqual([['before', 60, 26], ['during', 180, 299], ['after', 60, 25]]);
  });

  test('--window NAME=START..END over one log', async () => {
    const r = await run(EXP2, '--window', 'calm=..59.5', '--window', 'storm=59.5..239.5', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).phases.map((p: any) => [p.name, p.probes])).toEqual([['calm', 60], ['storm', 180]]);
  });

  test('--accept changes what counts as OK', async () => {
    const log = file('a.log', '0 0 200 0.01\n1 0 302 0.01\n');
    expect(JSON.parse((await run(log, '--format', 'json', '--accept', '200')).out).ok).toBe(1);
    expect(JSON.parse((await run(log, '--format', 'json')).out).ok).toBe(2);
  });

  test('malformed lines: exit 2 naming file and line, nothing reported; --skip-malformed reports the rest', async () => {
    const log = file('bad.log', '1.0 0 200 0.010\nconnection reset by peer\n2.0 0 200 0.020\n');
    const strict = await run(log);
    expect(strict.code).toBe(2);
    expect(strict.out).toBe('');
    expect(strict.err).toContain(`${log}:2: "connection" is not a unix time in seconds`);
    expect(strict.err).toContain('"connection reset by peer"');
    expect(strict.err).not.toMatch(/\n\s+at /); // no stack trace
    const lenient = await run(log, '--skip-malformed');
    expect(lenient.code).toBe(0);
    expect(lenient.err).toContain(`warning: ${log}:2:`);
    expect(lenient.out).toContain('| Probes | 2 |');
  });

  test('an empty log is reported (n/a) with a warning', async () => {
    const r = await run(file('empty.log', ''));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*empty\.log: no probe lines/);
    expect(r.out).toContain('| Availability | n/a |');
  });

  test('a SUMMARY that counts more probes than the log holds is pointed out', async () => {
    const r = await run(file('cut.log', '1.0 0 200 0.010\nSUMMARY {"probes":300}\n'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/cut\.log:2: SUMMARY counts 300 probes but the log holds 1 probe lines/);
  });

  test.each([
    [[], /no log given/],
    [['/nonexistent/probe.log'], /cannot read "\/nonexistent\/probe.log": no such file/],
    [['--format', 'html', 'x.log'], /--format "html" is not one of: md, json/],
    [['--accept', '2xx', 'x.log'], /--accept "2xx" is not a list of codes or ranges/],
    [['--window', 'fault', 'x.log'], /--window "fault" is not NAME=START..END/],
    [['--phase', 'before', 'x.log'], /--phase "before" is not NAME=LOG/],
    [['--svg'], /--svg needs a value/],
    [['--verbose', 'x.log'], /unknown option "--verbose"/],
  ])('unusable arguments %j: exit 2 with a message, never a stack trace', async (argv, message) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  test('logs as arguments and as --phase, or --phase with --window, are refused', async () => {
    expect((await run(EXP1, '--phase', `a=${EXP2}`)).err).toMatch(/either as LOG arguments or as --phase NAME=LOG, not both/);
    expect((await run('--phase', `a=${EXP2}`, '--window', 'b=..1')).err).toMatch(/--phase and --window cannot be combined/);
  });

  test('a directory and an unwritable SVG path are unusable input (exit 2)', async () => {
    expect((await run(tmp())).err).toMatch(/cannot read ".*": it is a directory/);
    const r = await run(EXP1, '--svg', path.join(tmp(), 'missing', 'x.svg'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write the SVG to ".*x\.svg"/);
  });

  test('--help prints the usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: cdk8s-chaos-mesh report LOG\.\.\./);
  });
});
