/**
 * Notification channels behind one interface. A notice carries no personal data and no drug
 * names (COMPLIANCE E.52): the box id, alarm type, severity, time and a link are enough to act.
 */
import type { Alarm } from '../store';

export interface AlarmNotice {
  alarmId: string;
  boxId: string;
  type: string;
  severity: string;
  status: string;
  condition: string;
  raisedAt: string;
  shipmentIds: string[];
  facilityIds: string[];
  /** 0 = first notification; n = escalation step n. */
  tier: number;
  /** One-line human text (SMS body, e-mail subject). */
  text: string;
}

export function noticeOf(a: Alarm, tier: number): AlarmNotice {
  const step = tier === 0 ? '' : ` (escalation ${tier}, unacknowledged)`;
  return {
    alarmId: a.id, boxId: a.boxId, type: a.type, severity: a.severity, status: a.status, condition: a.condition,
    raisedAt: a.raisedAt, shipmentIds: a.shipmentIds, facilityIds: a.facilityIds, tier,
    text: `[${a.severity.toUpperCase()}] ${a.type} on ${a.boxId} since ${a.raisedAt}${step}. Alarm ${a.id}: acknowledge in the console.`,
  };
}

export interface NotificationChannel {
  readonly name: 'sms' | 'email' | 'webhook';
  /** Whether the channel is configured at all (an unconfigured channel is skipped and logged as such). */
  readonly enabled: boolean;
  /**
   * Delivers one notice to one address (phone, e-mail; the webhook ignores `to`). Resolves
   * once the provider accepted it; rejects otherwise (the caller records the failure).
   */
  send(notice: AlarmNotice, to: string | null): Promise<void>;
  close?(): Promise<void>;
}
