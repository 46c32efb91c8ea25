/** A plan's reason (kind + params from the API) in the reader's language, with people's names instead of ids. */
export interface PlanReason { kind: string; params: Record<string, string> }
/** vue-i18n's `t` and `te`, narrowed to what is used here. */
export interface Translate { t: (key: string, params: Record<string, string>) => string; te: (key: string) => boolean }

/**
 * @param riderName the display name of a rider id, when the page knows it
 * @param fallback the stored text, for a reason the API sent without a code
 */
export function planReasonLabel({ t, te }: Translate, r: PlanReason | null | undefined, riderName: (id: string) => string | undefined = () => undefined, fallback = '—'): string {
  if (!r) return fallback;
  const p = r.params;
  const user = p.userId ? (p.userName || t('dispatch.planReason.unknownUser', {})) : '';
  const named = (key: string, v: string | undefined) => (v && te(`${key}.${v}`) ? t(`${key}.${v}`, {}) : (v ?? ''));
  switch (r.kind) {
    case 'edit': return t('dispatch.planReason.edit', { user, edit: named('dispatch.planReason.editKind', p.edit) });
    case 'manual': return p.userId ? t('dispatch.planReason.manual', { user }) : t('dispatch.planReason.manualAuto', {});
    case 'rider_status': return t('dispatch.planReason.rider_status', { rider: riderName(p.riderId) ?? p.riderId, status: named('dispatch.planReason.riderStatus', p.status) });
    case 'alarm': return t('dispatch.planReason.alarm', { boxId: p.boxId, type: named('alarms.typeName', p.type) });
    default:
      return te(`dispatch.planReason.${r.kind}`) ? t(`dispatch.planReason.${r.kind}`, p) : (p.text || fallback);
  }
}
