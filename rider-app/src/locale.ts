/** Vant's own strings follow the app's language (src/i18n keeps the choice). */
import { watch } from 'vue';
import { Locale } from 'vant';
import enUS from 'vant/es/locale/lang/en-US';
import zhCN from 'vant/es/locale/lang/zh-CN';
import { i18n, setLocale, type Locale as AppLocale } from './i18n';

export function syncVantLocale(): void {
  const apply = (l: string) => Locale.use(l === 'en' ? 'en-US' : 'zh-CN', l === 'en' ? enUS : zhCN);
  apply(i18n.global.locale.value);
  watch(() => i18n.global.locale.value, apply);
}

export function toggleLocale(): void {
  setLocale((i18n.global.locale.value === 'en' ? 'zh-CN' : 'en') as AppLocale);
}
