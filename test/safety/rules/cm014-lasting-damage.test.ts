import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chaosObject, deployment, podFaultSpec, workflow } from '../../fixtures/safety/objects';

const io = (patch: Record<string, unknown>) => chaosObject('IOChaos', podFaultSpec({ volumePath: '/data', path: '/data/**', ...patch }));
const mistake = (methods?: string[]) => io({ action: 'mistake', methods, mistake: { filling: 'zero', maxLength: 10, maxOccurrences: 1 } });
const attr = (a: Record<string, unknown>) => io({ action: 'attrOverride', attr: a });

complianceMatrix('CM014', {
  compliant: [io({ action: 'latency', delay: '100ms' }), deployment()],
  nonCompliant: [mistake(), deployment()],
  message: /IOChaos writes wrong bytes \(zeros or random data\) into the files it writes: the corruption is on disk/,
  path: 'spec.action',
});

function cm014(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM014');
}

describe('CM014', () => {
  test.each([
    ['mistake on every method (methods absent)', mistake(), /writes wrong bytes/],
    ['mistake on an empty method list (every method)', mistake([]), /writes wrong bytes/],
    ['mistake on writes', mistake(['write']), /writes wrong bytes/],
    ['mistake on reads only', mistake(['read']), /hands wrong bytes to the application on \["read"\]: whatever it writes back/],
    ['attrOverride of size', attr({ size: 0 }), /reports file size 0: the kernel places appends/],
    ['attrOverride of size with other attributes', attr({ size: 1, perm: 72 }), /file size 1/],
  ])('%s is refused', (_, chaos, message) => {
    const found = cm014(chaos);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });

  test('attrOverride of size points at attr.size', () => {
    expect(cm014(attr({ size: 0 }))[0].path).toBe('spec.attr.size');
  });

  test.each([
    ['perm', { perm: 72 }],
    ['uid and gid', { uid: 0, gid: 0 }],
    ['times', { mtime: { sec: 0, nsec: 0 }, atime: { sec: 0, nsec: 0 }, ctime: { sec: 0, nsec: 0 } }],
    ['ino, nlink, blocks, rdev, kind', { ino: 1, nlink: 0, blocks: 0, rdev: 1, kind: 'directory' }],
  ])('attrOverride of %s only changes what readers see: not refused', (_, a) => {
    expect(cm014(attr(a))).toEqual([]);
  });

  test.each([
    ['latency', io({ action: 'latency', delay: '1s' })],
    ['fault', io({ action: 'fault', errno: 5 })],
  ])('IOChaos %s ends with the experiment: not refused', (_, chaos) => {
    expect(cm014(chaos)).toEqual([]);
  });

  test('found inside a Workflow template', () => {
    const wf = workflow({ name: 'corrupt', templateType: 'IOChaos', deadline: '2m', ioChaos: mistake().spec });
    expect(cm014(wf)[0].path).toBe('spec.templates[0].ioChaos.action');
  });

  test('odd input never throws', () => {
    const odd = [io({ action: 'attrOverride', attr: 'size' }), io({ action: 'mistake', methods: 'write' }), chaosObject('IOChaos', { action: 5 })];
    expect(() => checkSafety(odd)).not.toThrow();
    expect(cm014(...odd).filter((f) => /could not check/.test(f.message))).toEqual([]);
    expect(cm014(...odd)).toHaveLength(1); // a methods value that is not a list means every method, as the CRD default
  });
});
