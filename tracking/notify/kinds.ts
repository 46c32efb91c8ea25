/** What a customer is told, and when (tracking/notify). */
export const NOTIFICATION_KINDS = ['picked_up', 'arriving', 'delivered', 'failed', 'delayed', 'excursion_review'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a message may contain: a link, a code, a reason, a time. Never a drug or a customer name. */
export interface MessageParams {
  /** The tracking page, `<base>/t/<token>`. */
  link: string;
  /** picked_up: the 6-digit delivery code. */
  code?: string;
  /** failed: the reason code (tracking's FAIL_CODES); unknown codes read as a general failure. */
  reason?: string;
  /** delayed: the expected arrival, already formatted in the facility's time zone (HH:mm). */
  eta?: string;
}

/** One language's messages: one function per kind, and the plain words for each failure reason. */
export interface MessageCatalog {
  kinds: Record<NotificationKind, (p: MessageParams & { reasonText: string }) => string>;
  reasons: Record<string, string> & { other: string };
}
