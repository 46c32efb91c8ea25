/** The rider app's zh-CN (default) and English: its own messages and the login page's, nothing of the console's. */
import { createAppI18n } from '../../../web-shared/i18n/core';
import loginZh from '../../../web-shared/i18n/login.zh-CN';
import loginEn from '../../../web-shared/i18n/login.en';
import riderZh from './zh-CN';
import riderEn from './en';

export { LOCALES, type Locale } from '../../../web-shared/i18n/core';

export const { i18n, setLocale, formatTime } = createAppI18n({
  'zh-CN': { rider: riderZh, login: loginZh },
  en: { rider: riderEn, login: loginEn },
});
