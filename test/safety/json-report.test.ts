import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ackAnnotation, checkSafety, writeJsonReport } from '../../lib/safety';
import { annotate, deployment, GOOD_REASON, memoryStressSpec, stressChaos } from '../fixtures/safety/objects';

describe('writeJsonReport', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safety-report-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  const findings = () => {
    const chaos = annotate(stressChaos(memoryStressSpec('1GB', 0)), { [ackAnnotation('CM002')]: GOOD_REASON });
    return { chaos, findings: checkSafety([deployment(), chaos]) };
  };

  test('writes every finding, acknowledged ones too, with summary and construct paths', () => {
    const { chaos, findings: f } = findings();
    const file = path.join(dir, 'reports', 'safety.json');
    writeJsonReport(file, f, path.join(dir, 'dist'), (o) => (o === chaos ? 'experiments/stress/Resource' : undefined));
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, acknowledged: 1 });
    expect(report.findings.map((x: any) => [x.rule, x.acknowledged, x.constructPath])).toEqual([
      ['CM002', true, 'experiments/stress/Resource'],
      ['CM010', false, 'experiments/stress/Resource'],
    ]);
    expect(report.findings[0].ackReason).toBe(GOOD_REASON);
    expect(report.findings[0].source).toBeUndefined();
  });

  test.each([
    ['dist/report.json'],
    ['dist/experiments/report.yaml'],
    ['dist'],
    ['./dist/../dist/x.json'],
  ])('refuses %s inside the synth output folder', (relative) => {
    const outdir = path.join(dir, 'dist');
    const file = path.join(dir, relative);
    expect(() => writeJsonReport(file, findings().findings, outdir)).toThrow(/lies inside the synth output folder .*ArgoCD applies every \.json and \.yaml file/);
    expect(fs.existsSync(path.join(outdir, 'report.json'))).toBe(false);
  });

  test('refuses a path that reaches the output folder through a symlink', () => {
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.symlinkSync(outdir, path.join(dir, 'link'));
    expect(() => writeJsonReport(path.join(dir, 'link', 'r.json'), [], outdir)).toThrow(/inside the synth output folder/);
  });

  test('a sibling folder whose name starts like the output folder is fine', () => {
    const file = path.join(dir, 'dist-reports', 'r.json');
    writeJsonReport(file, [], path.join(dir, 'dist'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).findings).toEqual([]);
  });
});
