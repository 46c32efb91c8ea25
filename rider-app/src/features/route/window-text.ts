/** A delivery window in words: "from–to", or "by <end>" for an instant order (no start). */
import { useI18n } from 'vue-i18n';
import { formatTime } from '../../i18n';

export function useWindowText(): (w: { start: string | null; end: string }) => string {
  const { t } = useI18n();
  return (w) => (w.start ? t('rider.route.window', { from: formatTime(w.start), to: formatTime(w.end) }) : t('rider.route.windowBy', { to: formatTime(w.end) }));
}
