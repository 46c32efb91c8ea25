/** Durations with their unit, in the page's language: "1 h 5 min", "45 s". */
export function fmtDuration(ms: number, t: (k: string, v: Record<string, unknown>) => string): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return t('qa.unit.s', { n: s });
  const min = Math.round(s / 60);
  if (min < 60) return t('qa.unit.min', { n: min });
  return t('qa.unit.hMin', { h: Math.floor(min / 60), m: min % 60 });
}
