import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { buildReport, parseProbeLog, parseWindow, renderMarkdown, reportToJson, StatusCodeSet } from '../../lib/report';

const fixtures = require('../fixtures/report/reference-logs.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'report');
const load = (name: string) => parseProbeLog(readFileSync(path.join(FIXTURES, name), 'utf8'), name);

describe('reference fixtures', () => {
  test.each(Object.keys(fixtures.FIXTURES))('%s is what reference-logs.js generates', (name) => {
    expect(readFileSync(path.join(FIXTURES, name), 'utf8')).toBe(fixtures.FIXTURES[name]());
  });

  test('experiment 1: 252 probes, 100.0000 %, 0 ms unreachable, p50 26 ms, p99 61 ms, max 303 ms', () => {
    const report = buildReport({ logs: [load('exp1-podkill.log')] });
    const json = reportToJson(report);
    expect(json).toMatchObject({ probes: 252, ok: 252, failed: 0, availability: 100, max_unreachable_ms: 0, phases: [] });
    expect([json.latency_ms.p50, json.latency_ms.p99, json.latency_ms.max].map((v) => Math.round(v!))).toEqual([26, 61, 303]);
    const md = renderMarkdown(report);
    for (const row of ['| Probes | 252 |', '| Availability | 100.0000% |', '| Maximum unreachable duration | 0 ms |',
      '| Latency p50 | 26 ms |', '| Latency p99 | 61 ms |', '| Latency max | 303 ms |']) {
      expect(md).toContain(row);
    }
  });

  test('experiment 2 from its PHASE lines: 26 ms -> 299 ms -> 25 ms, about 11x', () => {
    const report = buildReport({ logs: [load('exp2-netdelay.log')] });
    const phases = reportToJson(report).phases;
    expect(phases.map((p) => [p.name, p.probes, p.availability, Math.round(p.mean_ms!)])).toEqual([
      ['baseline', 60, 100, 26], ['fault', 180, 100, 299], ['recovery', 60, 100, 25],
    ]);
    expect(phases[0].multiple).toBe(1);
    expect(Math.round(phases[1].multiple!)).toBe(12);
    expect(phases[1].multiple).toBeCloseTo(phases[1].mean_ms! / phases[0].mean_ms!, 2);
    expect(renderMarkdown(report)).toMatchSnapshot();
  });

  test('the same phases as time windows, and as one file per phase, give the same numbers', () => {
    const log = load('exp2-netdelay.log');
    const byMarkers = reportToJson(buildReport({ logs: [log] })).phases;
    const byWindows = reportToJson(buildReport({
      logs: [log],
      phases: { kind: 'windows', windows: ['baseline=..59.5', 'fault=59.5..239.5', 'recovery=239.5..'].map(parseWindow) },
    })).phases;
    expect(byWindows).toEqual(byMarkers);

    const lines = readFileSync(path.join(FIXTURES, 'exp2-netdelay.log'), 'utf8').split('\n').filter((l) => /^\d/.test(l));
    const parts = [lines.slice(0, 60), lines.slice(60, 240), lines.slice(240)].map((p, i) => parseProbeLog(p.join('\n'), `part${i}.log`));
    const byFiles = reportToJson(buildReport({ logs: parts, phases: { kind: 'files', names: ['baseline', 'fault', 'recovery'] } }));
    expect(byFiles.phases).toEqual(byMarkers);
    expect(byFiles.probes).toBe(300);
  });
});

describe('reportToJson', () => {
  test('has exactly the documented keys, also for an empty log', () => {
    const json = reportToJson(buildReport({ logs: [parseProbeLog('PHASE a 1.0\n', 'e')] }));
    expect(json).toEqual({
      probes: 0, ok: 0, failed: 0, availability: null, max_unreachable_ms: 0,
      latency_ms: { p50: null, p99: null, max: null, mean: null },
      phases: [{ name: 'a', probes: 0, availability: null, mean_ms: null, multiple: null }],
    });
  });

  test('numbers keep four decimals of percent and microseconds of ms; a phase without OK probes has no multiple', () => {
    const log = parseProbeLog('PHASE a 0\n0 0 200 0.026123\n1 7\n2 0 200 0.030001\nPHASE b 3\n3 7\nPHASE c 4\n4 0 200 0.052246\n', 'x');
    const json = reportToJson(buildReport({ logs: [log] }));
    expect(json).toMatchObject({ availability: 60, max_unreachable_ms: 1000, latency_ms: { p50: 30.001, p99: 52.246, max: 52.246, mean: 36.123 } });
    expect(json.phases).toEqual([
      { name: 'a', probes: 3, availability: 66.6667, mean_ms: 28.062, multiple: 1 },
      { name: 'b', probes: 1, availability: 0, mean_ms: null, multiple: null },
      { name: 'c', probes: 1, availability: 100, mean_ms: 52.246, multiple: 1.86 },
    ]);
  });

  test('the accepted status codes decide what is OK', () => {
    const log = parseProbeLog('0 0 200 0.01\n1 0 302 0.01\n', 'x');
    expect(reportToJson(buildReport({ logs: [log] })).ok).toBe(2);
    expect(reportToJson(buildReport({ logs: [log], accept: StatusCodeSet.parse('200-299') })).ok).toBe(1);
  });
});

test('a failure table names the causes', () => {
  const md = renderMarkdown(buildReport({ logs: [parseProbeLog('0 7\n1 7\n2 28\n3 0 503 0.01\n4 22 500 0.01\n5 0 200 0.01\n6 99\n', 'f.log')] }));
  expect(md).toContain([
    '| Failure cause | Probes |',
    '|---|---|',
    '| connection refused or unreachable (curl exit 7) | 2 |',
    '| HTTP 500 | 1 |',
    '| HTTP 503 | 1 |',
    '| curl exit 99 | 1 |',
    '| timeout (curl exit 28) | 1 |',
  ].join('\n'));
  expect(md).toContain('| Maximum unreachable duration | 5000 ms |');
});

test('docs/report-sample.* are what scripts/report-sample.mjs renders from the fixtures', () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'report-sample.mjs'), '--check'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
