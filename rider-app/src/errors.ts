/** The API's stable refusal codes in the rider's words (rider.error.*); an unknown code shows the server's own sentence. */
import { i18n } from './i18n';

const te = (k: string) => i18n.global.te(k);
const t = (k: string, p?: Record<string, unknown>) => (p ? i18n.global.t(k, p) : i18n.global.t(k));

export function plainWords(code: string, message: string): string {
  if (te(`rider.error.${code}`)) return t(`rider.error.${code}`, { message });
  if (code === 'invalid_input' || code.startsWith('invalid')) return t('rider.error.invalid_input', { message });
  return t('rider.error.unknown', { message });
}
