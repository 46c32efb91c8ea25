/** Customer messages from their templates (messages-zh-cn.ts, messages-en.ts); pure. */
import { LANGUAGES, type Language, type MessageCatalog, type MessageParams, type NotificationKind } from './kinds';
import { en } from './messages-en';
import { zhCN } from './messages-zh-cn';

const CATALOGS: Record<Language, MessageCatalog> = { 'zh-CN': zhCN, en };

/** The order's language when we have messages in it (any `en-*` reads as en, `zh*` as zh-CN), else zh-CN. */
export function pickLanguage(tag: string | null | undefined): Language {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return LANGUAGES[0];
}

/** HH:mm (24 h) of `at` in `timeZone`: a delivery is today, so the time alone reads best. */
export function formatEta(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * The text of one message. picked_up needs the 6-digit code and is the only kind that shows it
 * (any other kind ignores a code passed by mistake).
 */
export function renderMessage(kind: NotificationKind, language: Language, p: MessageParams): string {
  const cat = CATALOGS[language];
  if (kind === 'picked_up' && !/^\d{6}$/.test(p.code ?? '')) throw new Error('picked_up needs the 6-digit delivery code');
  const params = {
    link: p.link,
    code: kind === 'picked_up' ? p.code : undefined,
    reason: p.reason,
    eta: kind === 'delayed' ? p.eta : undefined,
    reasonText: p.reason && Object.hasOwn(cat.reasons, p.reason) ? cat.reasons[p.reason] : cat.reasons.other,
  };
  return cat.kinds[kind](params);
}
