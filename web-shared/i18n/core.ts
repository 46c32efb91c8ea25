/**
 * What every web app's i18n shares: the two languages, the saved choice (localStorage) and
 * <html lang>, and times in the page's language. Each app passes its own messages, so a bundle
 * carries only the messages of its own pages (the rider app none of the console's).
 */
import { createI18n } from 'vue-i18n';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORE_KEY = 'coldchain.locale';

function initial(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORE_KEY) : null;
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'zh-CN';
}

export function createAppI18n(messages: Record<Locale, object>) {
  // Messages nest objects of strings; vue-i18n's own types cannot name that shape generically.
  const i18n = createI18n({ legacy: false, locale: initial() as string, fallbackLocale: 'zh-CN', messages: messages as unknown as Record<Locale, Record<string, string>> });

  function setLocale(l: Locale): void {
    i18n.global.locale.value = l;
    localStorage.setItem(STORE_KEY, l);
    document.documentElement.lang = l;
  }

  // One formatter per language and zone: making one loads ICU's zone and calendar data, which on
  // a slow phone cost milliseconds per time shown (a route list shows dozens).
  const formatters = new Map<string, Intl.DateTimeFormat>();

  /** Local time in the facility's zone (Asia/Shanghai by default), in the page's language. */
  function formatTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
    if (!iso) return '—';
    const key = `${i18n.global.locale.value}|${timeZone}`;
    let f = formatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
      formatters.set(key, f);
    }
    return f.format(new Date(iso));
  }

  return { i18n, setLocale, formatTime };
}
