/**
 * zh-CN (default) and English for every web app: vue-i18n messages, with the Element Plus
 * locale and <html lang> switched together. The choice is kept in localStorage.
 */
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import elZhCn from 'element-plus/es/locale/lang/zh-cn';
import elEn from 'element-plus/es/locale/lang/en';
import zhCN from './zh-CN';
import en from './en';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORE_KEY = 'coldchain.locale';

function initial(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORE_KEY) : null;
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn));

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  localStorage.setItem(STORE_KEY, l);
  document.documentElement.lang = l;
}

/** Local time in the facility's zone (Asia/Shanghai by default), in the page's language. */
export function formatTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}
