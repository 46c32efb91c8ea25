/** An API failure as a sentence that says what to do next, in the page's language. */
import { ApiError } from '../../../../web-shared/api/client';
import { i18n } from '../../../../web-shared/i18n';

export function apiErrorText(e: unknown): string {
  const t = i18n.global.t;
  if (!(e instanceof ApiError)) return t('apiError.server', { message: (e as Error)?.message ?? String(e) });
  const message = e.message;
  if (e.status === 0) return t('apiError.network');
  if (e.code === 'reason_required') return t('apiError.reason');
  if (e.status === 400 || e.status === 422) return t('apiError.validation', { message: withIssues(e) });
  if (e.status === 401) return t('apiError.unauthenticated');
  if (e.status === 403) return t('apiError.forbidden', { message });
  if (e.status === 404) return t('apiError.notFound', { message });
  if (e.status === 409) return t('apiError.conflict', { message });
  if (e.status === 502 || e.status === 503 || e.status === 504) return t('apiError.unavailable', { message });
  return t('apiError.server', { message });
}

/** The server's message with the fields its validation named (zod issues: path + message). */
function withIssues(e: ApiError): string {
  const issues = (e.details as { issues?: Array<{ path?: Array<string | number> | string; message?: string }> } | null)?.issues;
  if (!Array.isArray(issues) || !issues.length) return e.message;
  // Only what the message does not already say (some messages name their first issue).
  const list = issues.slice(0, 3).filter((i) => !i.message || !e.message.includes(i.message))
    .map((i) => `${Array.isArray(i.path) ? i.path.join('.') : i.path ?? ''}: ${i.message ?? ''}`.replace(/^: /, '')).join('; ');
  return list ? `${e.message} (${list})` : e.message;
}
