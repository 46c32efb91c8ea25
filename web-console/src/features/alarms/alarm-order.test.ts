import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../../web-shared/api/types';
import { countdown, excursionSpan, sortAlarms, titleWithCount } from './alarm-order';

const a = (id: string, severity: Alarm['severity'], status: Alarm['status'], raisedAt: string) => ({ id, severity, status, raisedAt }) as Alarm;

describe('alarm panel helpers', () => {
  it('sorts unacknowledged first, then by severity, then newest first', () => {
    const list = [
      a('ack-critical', 'critical', 'acknowledged', '2026-12-05T09:00:00Z'),
      a('minor', 'minor', 'active', '2026-12-05T09:05:00Z'),
      a('critical-old', 'critical', 'active', '2026-12-05T08:00:00Z'),
      a('critical-new', 'critical', 'active', '2026-12-05T08:30:00Z'),
    ];
    expect(sortAlarms(list).map((x) => x.id)).toEqual(['critical-new', 'critical-old', 'minor', 'ack-critical']);
  });
  it('puts the count of unacknowledged alarms in front of the title only when there are some', () => {
    expect(titleWithCount('冷链调度控制台', 3)).toBe('(3) 冷链调度控制台');
    expect(titleWithCount('冷链调度控制台', 0)).toBe('冷链调度控制台');
  });
  it('counts down to the next tier and says nothing once it is due', () => {
    const now = Date.parse('2026-12-05T09:00:00Z');
    expect(countdown('2026-12-05T09:04:05Z', now)).toBe('4:05');
    expect(countdown('2026-12-05T08:59:59Z', now)).toBeNull();
    expect(countdown(null, now)).toBeNull();
  });
  it('shades from when the value left range to when it cleared, or now', () => {
    const now = Date.parse('2026-12-05T09:30:00Z');
    const since = Date.parse('2026-12-05T09:00:00Z');
    expect(excursionSpan({ details: { since }, raisedAt: '2026-12-05T09:10:00Z', clearedAt: null }, now)).toEqual([since, now]);
    expect(excursionSpan({ details: {}, raisedAt: '2026-12-05T09:10:00Z', clearedAt: '2026-12-05T09:20:00Z' }, now))
      .toEqual([Date.parse('2026-12-05T09:10:00Z'), Date.parse('2026-12-05T09:20:00Z')]);
  });
});
