/** Customer messages in English. No drug names, no customer name (COMPLIANCE 52). */
import type { MessageCatalog } from './kinds';

export const en: MessageCatalog = {
  kinds: {
    picked_up: (p) => `Your order has been picked up and is on its way. Delivery code: ${p.code}. Tell it to the rider only at handover. Track it: ${p.link}`,
    arriving: (p) => `Your rider is almost there; please be ready to receive your order. Track it: ${p.link}`,
    delivered: (p) => `Your order has been delivered. Thank you for waiting. Delivery and temperature record: ${p.link}`,
    failed: (p) => `Sorry, we could not deliver your order: ${p.reasonText}. We will contact you to arrange what happens next. Details: ${p.link}`,
    delayed: (p) => `Sorry, your order will arrive later than promised${p.eta ? `; it is now expected at ${p.eta}` : ''}. Track it: ${p.link}`,
    excursion_review: (p) => `Important: the temperature of your order went outside its allowed range during delivery, and pharmacy QA is reviewing it. If you have received it, do not use it until we tell you it is safe. Details: ${p.link}`,
  },
  reasons: {
    customer_absent: 'the rider could not reach you',
    refused: 'the order was refused',
    wrong_address: 'the address was wrong or could not be found',
    cold_chain_breach: 'its temperature could not be kept within range on the way, so for your safety it goes back to the pharmacy',
    damaged: 'the parcel was damaged on the way',
    other: 'the delivery could not be completed',
  },
};
