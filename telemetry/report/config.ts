/** Temperature-report settings. */
import { defineKey } from '../../platform/config/registry';

export const reportKeys = {
  cjkFont: defineKey({
    context: 'telemetry', env: 'REPORT_CJK_FONT', type: 'string', default: '',
    doc: 'TrueType/OpenType file (or .ttc) with Chinese glyphs embedded in report PDFs; empty = the first of WenQuanYi Micro Hei or Noto Sans CJK found under /usr/share/fonts',
  }),
};
