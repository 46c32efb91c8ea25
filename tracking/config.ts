/** Tracking settings (declared once; environment overrides). */
import { defineKey } from '../platform/config/registry';

const c = 'tracking';

export const trackingKeys = {
  codeRequiredChannels: defineKey<string[]>({ context: c, env: 'TRACKING_CODE_REQUIRED_CHANNELS', type: 'list', default: ['app', 'mini_program', 'third_party', 'store_pos'], doc: 'Order channels whose handover needs the customer\'s delivery code (prescription orders always need it)' }),
  codeMaxTries: defineKey({ context: c, env: 'TRACKING_CODE_MAX_TRIES', type: 'int', default: 5, min: 1, max: 20, unit: 'tries', doc: 'Wrong delivery codes before the code locks and the dispatcher is told' }),
};
