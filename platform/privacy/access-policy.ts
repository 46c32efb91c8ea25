/**
 * Who may see a recipient's personal data unmasked (COMPLIANCE.md §E 54):
 * admins always; the rider assigned to the delivery only while it is active —
 * from pickup until handover (or the delivery otherwise ending) plus a grace
 * period; everybody else (dispatchers, QA, partner stores, other riders) sees
 * masked values. Masked values are still enough to run operations.
 */
import { maskRecipient, type RecipientPii } from './masking';

/** Structurally compatible with the HTTP session user (`role`, `riderId`). */
export interface PiiViewer {
  role: string;
  riderId?: string | null;
}

export interface DeliveryAccessContext {
  /** Rider currently assigned to the delivery, if any. */
  assignedRiderId: string | null;
  /** When the assigned rider took custody (scan at pickup); null before. */
  pickedUpAt: Date | null;
  /** When the delivery ended: handover, or cancellation/return while in custody; null while active. */
  endedAt: Date | null;
  now: Date;
  /**
   * How long after `endedAt` the rider still sees the data, in ms (default 0,
   * i.e. masked the moment the parcel is handed over). Make it configurable
   * for e.g. a few minutes to finish a call at the door.
   */
  graceMs?: number;
}

export type PiiAccessReason =
  | 'admin'
  | 'assigned_rider_active'
  | 'not_assigned_rider'
  | 'not_picked_up'
  | 'delivery_ended'
  | 'role_not_allowed';

export interface PiiAccessDecision {
  allowed: boolean;
  reason: PiiAccessReason;
}

/** Roles that always see unmasked personal data. */
export const PII_ADMIN_ROLES: readonly string[] = ['admin'];

/** Like {@link canSeePersonalData} but says why (for the access log). */
export function decidePersonalDataAccess(viewer: PiiViewer, context: DeliveryAccessContext): PiiAccessDecision {
  if (PII_ADMIN_ROLES.includes(viewer.role)) return { allowed: true, reason: 'admin' };
  if (viewer.role !== 'rider') return { allowed: false, reason: 'role_not_allowed' };
  if (!viewer.riderId || viewer.riderId !== context.assignedRiderId) {
    return { allowed: false, reason: 'not_assigned_rider' };
  }
  const now = context.now.getTime();
  if (!context.pickedUpAt || now < context.pickedUpAt.getTime()) return { allowed: false, reason: 'not_picked_up' };
  const grace = context.graceMs ?? 0;
  if (grace < 0 || !Number.isFinite(grace)) throw new RangeError(`graceMs must be a finite number ≥ 0, got ${grace}`);
  if (context.endedAt && now > context.endedAt.getTime() + grace) return { allowed: false, reason: 'delivery_ended' };
  return { allowed: true, reason: 'assigned_rider_active' };
}

/**
 * True when `viewer` may see the recipient's name, phone and address unmasked
 * at `context.now`. The window is closed: visible at pickup and up to and
 * including `endedAt + graceMs` (grace default 0).
 */
export function canSeePersonalData(viewer: PiiViewer, context: DeliveryAccessContext): boolean {
  return decidePersonalDataAccess(viewer, context).allowed;
}

/** The recipient as `viewer` may see it: unmasked or masked, with the decision. */
export function recipientFor(
  pii: RecipientPii,
  viewer: PiiViewer,
  context: DeliveryAccessContext,
): RecipientPii & { masked: boolean; reason: PiiAccessReason } {
  const d = decidePersonalDataAccess(viewer, context);
  return { ...(d.allowed ? pii : maskRecipient(pii)), masked: !d.allowed, reason: d.reason };
}
