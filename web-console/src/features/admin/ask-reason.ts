/** Asks for the reason a change needs (kept in the audit trail); null when the user cancels. */
import { ElMessageBox } from 'element-plus';
import { i18n } from '../../../../web-shared/i18n';

export async function askReason(what: string): Promise<string | null> {
  const t = i18n.global.t;
  try {
    const r = await ElMessageBox.prompt(t('admin.reason.prompt'), `${t('admin.reason.title')} · ${what}`, {
      confirmButtonText: t('common.ok'), cancelButtonText: t('common.cancel'),
      inputValidator: (v) => (v ?? '').trim().length >= 3 || t('admin.reason.short'),
      inputPlaceholder: t('admin.reason.short'),
      customClass: 'reason-box',
      inputType: 'textarea',
    });
    return r.value.trim();
  } catch {
    return null;
  }
}
