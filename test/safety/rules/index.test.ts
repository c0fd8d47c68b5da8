import { RULES } from '../../../lib/safety';

describe('RULES registry', () => {
  test('holds exactly the rules of DESIGN.md, in order, each with title, severity and description', () => {
    expect(RULES.map((r) => r.id)).toEqual(['CM001', 'CM002', 'CM003', 'CM004', 'CM005', 'CM006', 'CM007', 'CM008', 'CM009', 'CM010', 'CM011', 'CM012', 'CM013', 'CM014', 'CM015', 'CM016']);
    for (const rule of RULES) {
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.severity).toBe('error');
      expect(typeof rule.check).toBe('function');
    }
  });

  test('RULES.md has one section per rule with its acknowledgement annotation', () => {
    const text = require('fs').readFileSync(require('path').join(__dirname, '../../../RULES.md'), 'utf8') as string;
    for (const rule of RULES) {
      expect(text).toContain(`## ${rule.id}`);
      expect(text).toContain(`ack.cdk8s-chaos-mesh.io/${rule.id}`);
    }
  });
});
