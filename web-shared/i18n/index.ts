/**
 * The console's zh-CN (default) and English: vue-i18n messages, with the Element Plus locale and
 * <html lang> switched together (web-shared/i18n/core.ts). The rider app has its own
 * (rider-app/src/i18n), so that it does not carry the console's messages.
 */
import { computed } from 'vue';
import elZhCn from 'element-plus/es/locale/lang/zh-cn';
import elEn from 'element-plus/es/locale/lang/en';
import { createAppI18n } from './core';
import zhCN from './zh-CN';
import en from './en';

export { LOCALES, type Locale } from './core';

export const { i18n, setLocale, formatTime } = createAppI18n({ 'zh-CN': zhCN, en });

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn));
