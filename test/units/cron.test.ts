import * as fc from 'fast-check';
import { CronSchedule, UnitError } from '../../lib/units';

/** robfig's test times ("Mon Jul 9 14:45 2012") read as UTC. */
function utc(text: string): Date {
  const m = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(text);
  if (m === null) throw new Error(`bad test time ${text}`);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]);
  return new Date(Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0)));
}

describe('CronSchedule.parse: accepted schedules and next() (robfig/cron v3 spec_test.go TestNext)', () => {
  test.each<[string, string, string]>([
    ['Mon Jul 9 14:45 2012', '0 0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59 2012', '0 0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59:59 2012', '0 0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 15:45 2012', '0 20-35/15 * * * *', 'Mon Jul 9 16:20 2012'],
    ['Mon Jul 9 23:46 2012', '0 */15 * * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:45 2012', '0 20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * * * *', 'Tue Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 * * *', 'Tue Jul 10 01:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 10-12 * * *', 'Tue Jul 10 10:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 */2 * *', 'Thu Jul 11 01:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 * *', 'Wed Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 Jul *', 'Wed Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
    ['Mon Dec 31 23:59:45 2012', '0 * * * * *', 'Tue Jan 1 00:00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
    // The reference validation's schedules.
    ['Mon Jul 9 23:35:10 2012', '*/30 * * * * *', 'Mon Jul 9 23:35:30 2012'],
    ['Mon Jul 9 23:35:30 2012', '*/30 * * * * *', 'Mon Jul 9 23:36:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 */5 * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 12:00 2012', '0 */5 * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 12:00 2012', '*/5 * * * *', 'Mon Jul 9 12:05 2012'],
    ['Mon Jul 9 23:35 2012', '0 9 * * MON-FRI', 'Tue Jul 10 09:00 2012'],
    ['Fri Jul 13 09:00 2012', '0 9 * * mon-fri', 'Mon Jul 16 09:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 1 JAN ?', 'Tue Jan 1 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '*-5 * * * *', 'Mon Jul 9 23:36 2012'], // robfig ignores what follows "*-"
    ['Mon Jul 9 23:35 2012', 'CRON_TZ=UTC  0 5 * * * *', 'Tue Jul 10 00:05 2012'],
    ['Mon Jul 9 23:35 2012', 'TZ= 0 5 * * * *', 'Tue Jul 10 00:05 2012'],
    // Descriptors.
    ['Mon Jul 9 23:35 2012', '@hourly', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '@daily', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '@midnight', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '@weekly', 'Sun Jul 15 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '@monthly', 'Wed Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '@yearly', 'Tue Jan 1 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '@annually', 'Tue Jan 1 00:00 2013'],
    ['Mon Jul 9 23:35 2012', 'TZ=UTC @midnight', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:35:10 2012', '@every 5s', 'Mon Jul 9 23:35:15 2012'],
    ['Mon Jul 9 23:35:10 2012', '@every 1h30m', 'Tue Jul 10 01:05:10 2012'],
    ['Mon Jul 9 23:35:10 2012', '@every 1.9s', 'Mon Jul 9 23:35:11 2012'], // sub-second parts dropped
    ['Mon Jul 9 23:35:10 2012', '@every 0s', 'Mon Jul 9 23:35:11 2012'], // robfig rounds up to 1s
    ['Mon Jul 9 23:35:10 2012', '@every -5s', 'Mon Jul 9 23:35:11 2012'],
  ])('after %s, %j fires at %s', (after, spec, expected) => {
    expect(CronSchedule.parse(spec).next(utc(after)).toISOString()).toBe(utc(expected).toISOString());
  });

  test('@every keeps whole seconds of the sub-second start (ConstantDelaySchedule.Next)', () => {
    expect(CronSchedule.parse('@every 30s').next(new Date('2024-01-01T00:00:00.750Z')).toISOString()).toBe('2024-01-01T00:00:30.000Z');
  });

  test('next() is strictly after the given time, at whole seconds', () => {
    expect(CronSchedule.parse('* * * * * *').next(new Date('2024-01-01T00:00:00.000Z')).toISOString()).toBe('2024-01-01T00:00:01.000Z');
    expect(CronSchedule.parse('* * * * * *').next(new Date('2024-01-01T00:00:00.999Z')).toISOString()).toBe('2024-01-01T00:00:01.000Z');
  });
});

describe('day-of-month and day-of-week (robfig TestActivation)', () => {
  test.each<[string, string, boolean]>([
    ['Mon Jul 9 15:00 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:40 2012', '0/15 * * * *', false],
    ['Mon Jul 9 15:05 2012', '5/15 * * * *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false],
    ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true],
    ['Mon Jul 16 08:30 2012', '30 08 ? Jul Sun', false],
    ['Mon Jul 9 15:00 2012', '@hourly', true],
    ['Mon Jul 9 15:04 2012', '@hourly', false],
    ['Sun Jul 8 00:00 2012', '@weekly', true],
    ['Sun Jul 1 00:00 2012', '@monthly', true],
    // Both restricted: either may match.
    ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true],
    ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true],
    // One is a star: both must match.
    ['Sun Jul 15 00:00 2012', '* * * * Mon', false],
    ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', '* * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true],
  ])('%s matches %j: %s', (time, spec, expected) => {
    const at = utc(time);
    const fired = CronSchedule.parse(spec).next(new Date(at.getTime() - 1000));
    expect(fired.getTime() === at.getTime()).toBe(expected);
  });
});

describe('time zones', () => {
  test('TZ= and CRON_TZ= are applied to the wall clock', () => {
    expect(CronSchedule.parse('TZ=Asia/Tokyo 0 9 * * *').next(new Date('2024-03-10T12:34:56Z')).toISOString()).toBe('2024-03-11T00:00:00.000Z');
    expect(CronSchedule.parse('CRON_TZ=Europe/Berlin 0 0 12 * * *').next(new Date('2024-07-01T00:00:00Z')).toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(CronSchedule.parse('CRON_TZ=Europe/Berlin 0 0 12 * * *').timeZone).toBe('Europe/Berlin');
  });

  // robfig TestNext DST rows, except those in the repeated hour of the change back.
  test.each<[string, string, string]>([
    ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T03:00:00-04:00'],
    ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 0 1 * * ?', '2012-03-12T01:00:00-04:00'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 0 2 * * ?', '2012-03-12T02:00:00-04:00'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 30 2 04 Nov ?', '2012-11-04T02:30:00-05:00'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 0 2 * * ?', '2012-11-04T02:00:00-05:00'],
    ['2012-11-04T02:00:00-05:00', 'TZ=America/New_York 0 0 2 * * ?', '2012-11-05T02:00:00-05:00'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 30 2 11 Mar ?', '2013-03-11T02:30:00-04:00'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T01:00:00-05:00'],
    ['2012-03-11T03:00:00-04:00', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T04:00:00-04:00'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 0 1 * * ?', '2012-03-11T01:00:00-05:00'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 0 3 * * ?', '2012-11-04T03:00:00-05:00'],
    ['2012-11-04T03:00:00-05:00', 'TZ=America/New_York 0 0 3 * * ?', '2012-11-05T03:00:00-05:00'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 0 3 3 * ?', '2012-12-03T03:00:00-05:00'],
  ])('after %s, %j fires at %s', (after, spec, expected) => {
    expect(CronSchedule.parse(spec).next(new Date(after)).getTime()).toBe(new Date(expected).getTime());
  });
});

describe('CronSchedule.parse: refused schedules', () => {
  test.each<[string, RegExp]>([
    ['', /it is empty/],
    ['* * * *', /expected 5 to 6 fields, found 4/],
    ['* * * * * * *', /expected 5 to 6 fields, found 7/],
    ['   ', /expected 5 to 6 fields, found 0/],
    [' @daily', /expected 5 to 6 fields, found 1/],
    ['@daily ', /unknown descriptor/],
    ['@unrecognized', /unknown descriptor "@unrecognized"/],
    ['@every', /unknown descriptor/],
    ['@every Xm', /"Xm" after "@every " is not a Go duration/],
    ['@every  5s', /" 5s" after "@every " is not a Go duration/],
    ['@every 5', /is not a Go duration/],
    ['* 5 j * * *', /hour field "j": "j" is not a number/],
    ['5 j * * *', /hour field "j"/],
    ['60 0 * * *', /minute 60 .* above the maximum 59/],
    ['0 60 * * *', /hour 60 .* above the maximum 23/],
    ['0 0 * * XYZ', /day of week field "XYZ"/],
    ['0 0 * * 7', /day of week 7 .* above the maximum 6/],
    ['0 0 0 * *', /day of month 0 .* below the minimum 1/],
    ['0 0 1 13 *', /month 13 .* above the maximum 12/],
    ['0 0 1 JAN MONDAY', /day of week field "MONDAY"/],
    ['0 0 * JAN-FOO *', /"FOO" is not a number/],
    ['5--5 * * * *', /too many hyphens/],
    ['*//2 * * * *', /too many slashes/],
    ['*/-12 * * * *', /negative number -12/],
    ['*/0 * * * *', /step .* must be a positive number/],
    ['5-3 * * * *', /starts \(5\) after it ends \(3\)/],
    ['1.5 * * * *', /"1.5" is not a number/],
    ['-5 * * * *', /"" is not a number/],
    ['TZ=UTC', /must be followed by a space/],
    ['TZ=Nowhere/Land 0 * * * *', /unknown time zone "Nowhere\/Land"/],
    ['TZ=asia/tokyo 0 * * * *', /unknown time zone "asia\/tokyo"/],
    ['TZ=UTC\t0 5 * * *', /unknown time zone/],
  ])('%j is refused (%s)', (spec, reason) => {
    expect(() => CronSchedule.parse(spec)).toThrow(UnitError);
    expect(() => CronSchedule.parse(spec)).toThrow(reason);
  });

  test('errors quote the schedule and list what is allowed', () => {
    expect(() => CronSchedule.parse('*/30 * * *')).toThrow(
      /^Schedule "\*\/30 \* \* \*" is refused by Chaos Mesh 2.8.2 \(robfig\/cron v3\): expected 5 to 6 fields, found 4\. Allowed: 5 fields/,
    );
    expect(() => CronSchedule.parse(30 as unknown as string)).toThrow(/must be a string/);
  });

  test('schedules robfig accepts but that never fire', () => {
    for (const spec of ['0 0 0 30 Feb ?', '0 0 0 31 Apr ?', '0 , * * * *']) {
      const s = CronSchedule.parse(spec);
      expect(s.neverFires()).toBe(true);
      expect(s.tryNext(new Date('2012-07-09T23:35:00Z'))).toBeUndefined();
      expect(() => s.next(new Date('2012-07-09T23:35:00Z'))).toThrow(/never fires within five years/);
      expect(s.minInterval()).toBeUndefined();
    }
  });
});

describe('CronSchedule details', () => {
  test('minInterval: the shortest gap between fires', () => {
    const cases: Array<[string, string]> = [
      ['*/30 * * * * *', '30s'],
      ['0 */5 * * *', '4h'], // hours 0,5,10,15,20: 20:00 -> 00:00 is the shortest gap
      ['*/5 * * * *', '5m'],
      ['0 9 * * MON-FRI', '24h'],
      ['0 9 * * SAT,SUN', '24h'],
      ['0 9 * * MON', '168h'],
      ['0 0 1 * *', '672h'],
      ['0 0 29 2 *', '35064h'],
      ['0,59 * * * *', '1m'],
      ['@hourly', '1h'],
      ['@every 5s', '5s'],
      ['@every 0s', '1s'],
      ['@every 90s', '1m30s'],
    ];
    for (const [spec, gap] of cases) expect([spec, CronSchedule.parse(spec).minInterval()?.text]).toEqual([spec, gap]);
  });

  test('fields, descriptor, every, text', () => {
    const s = CronSchedule.parse('0 9 * * MON-FRI');
    expect(s.fields?.hours).toEqual([9]);
    expect(s.fields?.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(s.fields?.seconds).toEqual([0]);
    expect(s.descriptor).toBeUndefined();
    expect(s.text).toBe('0 9 * * MON-FRI');
    const e = CronSchedule.parse('@every 1m');
    expect(e.descriptor).toBe('@every 1m');
    expect(e.every?.nanoseconds).toBe(60_000_000_000n);
    expect(e.fields).toBeUndefined();
    expect(CronSchedule.parse('@daily').descriptor).toBe('@daily');
    expect(`${CronSchedule.parse('@daily')}`).toBe('@daily');
  });

  test('property: next() fires after the given time, on a matching second, and no earlier than minInterval apart', () => {
    const spec = fc.record({
      second: fc.constantFrom('0', '*/15', '*/30', '10,40', '5-20/5'),
      minute: fc.constantFrom('*', '0', '*/5', '0-30/10', '7'),
      hour: fc.constantFrom('*', '0', '9-17', '*/6', '23'),
      dom: fc.constantFrom('*', '1', '*/2', '15', '?'),
      month: fc.constantFrom('*', 'JAN-JUN', 'feb', '*/3'),
      dow: fc.constantFrom('*', 'MON-FRI', 'sun', '?', '1,3,5'),
    });
    fc.assert(
      fc.property(spec, fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), (p, startMs) => {
        const schedule = CronSchedule.parse(`${p.second} ${p.minute} ${p.hour} ${p.dom} ${p.month} ${p.dow}`);
        const fields = schedule.fields!;
        const gap = schedule.minInterval()!;
        let t = new Date(startMs);
        for (let i = 0; i < 3; i++) {
          const next = schedule.next(t);
          expect(next.getTime()).toBeGreaterThan(t.getTime());
          expect(next.getUTCMilliseconds()).toBe(0);
          expect(fields.seconds).toContain(next.getUTCSeconds());
          expect(fields.minutes).toContain(next.getUTCMinutes());
          expect(fields.hours).toContain(next.getUTCHours());
          expect(fields.months).toContain(next.getUTCMonth() + 1);
          if (i > 0) expect(BigInt(next.getTime() - t.getTime()) * 1_000_000n >= gap.nanoseconds).toBe(true);
          t = next;
        }
      }),
      { numRuns: 150 },
    );
  });
});
