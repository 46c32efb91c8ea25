/**
 * MQTT topic names for cold boxes. Layout follows the AWS "Designing MQTT Topics"
 * convention `dt/<app>/<context>/<thing>/<type>` (COMPLIANCE F.60): lowercase, no
 * leading `/`, device id near the end. Topics carry only the opaque box id, never PII (F.58).
 */
import { idPattern } from '../../platform/ids';

/** Message kinds a box publishes. `status` is the retained online/offline (LWT) topic. */
export const TOPIC_KINDS = ['telemetry', 'birth', 'status'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** `dt` = data telemetry (device → cloud); commands (cloud → device) live under `cmd/` (F.60). */
export const TOPIC_PREFIX = 'dt/coldchain/box';
export const COMMAND_PREFIX = 'cmd/coldchain/box';

/** Commands a box takes: `resend` asks for buffered messages again (schema.ts ResendCommandSchema). */
export type CommandKind = 'resend';
export function commandTopic(boxId: string, kind: CommandKind): string {
  if (!BOX_ID_RE.test(boxId)) throw new Error(`invalid box id: ${JSON.stringify(boxId)}`);
  return `${COMMAND_PREFIX}/${boxId}/${kind}`;
}

/**
 * Box ids are opaque: `box_` + 1..32 lowercase alphanumerics (platform/ids.ts, the format of
 * every id). Nothing in that alphabet can spell a name, phone number with separators, e-mail or
 * address, which is what makes the topic PII-free by construction (COMPLIANCE E.58).
 */
export const BOX_ID_RE = idPattern('box');

export interface ParsedTopic {
  boxId: string;
  kind: TopicKind;
}

/** Builds `dt/coldchain/box/<boxId>/<kind>`; throws on an id that fails {@link BOX_ID_RE}. */
export function buildTopic(boxId: string, kind: TopicKind): string {
  if (!BOX_ID_RE.test(boxId)) throw new Error(`invalid box id: ${JSON.stringify(boxId)}`);
  return `${TOPIC_PREFIX}/${boxId}/${kind}`;
}

/** Parses a concrete (wildcard-free) box topic; returns null for anything else. */
export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5) return null;
  const [dt, app, ctx, boxId, kind] = parts;
  if (`${dt}/${app}/${ctx}` !== TOPIC_PREFIX) return null;
  if (!BOX_ID_RE.test(boxId)) return null;
  if (!(TOPIC_KINDS as readonly string[]).includes(kind)) return null;
  return { boxId, kind: kind as TopicKind };
}

/**
 * Subscription filter for the ingest consumers. With `group`, an MQTT 5 shared subscription
 * (`$share/<group>/…`) so several ingest processes split the load (DESIGN "Processes").
 */
export function subscriptionFilter(kind: TopicKind | '+', group?: string): string {
  const f = `${TOPIC_PREFIX}/+/${kind}`;
  return group ? `$share/${group}/${f}` : f;
}

/** Stable codes returned by {@link lintTopic}. */
export type TopicLintCode =
  | 'empty'
  | 'leading_slash'
  | 'trailing_slash'
  | 'empty_level'
  | 'uppercase'
  | 'non_ascii'
  | 'whitespace'
  | 'wildcard'
  | 'bad_root'
  | 'too_deep'
  | 'pii_email'
  | 'pii_phone'
  | 'unknown_box_topic';

/**
 * Lints a topic name a device publishes to or the server builds (CI check for COMPLIANCE
 * F.60 and E.58). Returns every problem found; an empty array means the topic is fine.
 * PII checks are heuristics on top of the structural rule: an e-mail (`@`), a run of ≥7
 * digits (phone numbers, ID numbers) or any non-ASCII text (names, addresses).
 */
export function lintTopic(topic: string): TopicLintCode[] {
  const issues: TopicLintCode[] = [];
  if (topic.length === 0) return ['empty'];
  if (topic.startsWith('/')) issues.push('leading_slash');
  if (topic.endsWith('/')) issues.push('trailing_slash');
  const levels = topic.split('/');
  if (levels.slice(1, -1).some((l) => l === '')) issues.push('empty_level');
  if (topic !== topic.toLowerCase()) issues.push('uppercase');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(topic)) issues.push('non_ascii');
  if (/\s/.test(topic)) issues.push('whitespace');
  if (/[+#]/.test(topic)) issues.push('wildcard');
  const root = levels.find((l) => l !== '');
  if (root !== 'dt' && root !== 'cmd') issues.push('bad_root');
  // AWS IoT Core quota: at most 7 forward slashes (8 levels) in a topic name.
  if (levels.length > 8) issues.push('too_deep');
  if (topic.includes('@')) issues.push('pii_email');
  if (/\d{7,}/.test(topic)) issues.push('pii_phone');
  if (topic.startsWith(`${TOPIC_PREFIX}/`) && !parseTopic(topic)) issues.push('unknown_box_topic');
  return issues;
}
