/**
 * Events a client sends as `event` activities:
 * - shopper events, `value: { productId }`: recorded per conversation and folded into the session
 *   (what was viewed, clicked, carted);
 * - `recommendations.request`, `value: { count? }`: the client (the demo shop's page) asks for
 *   suggestions from the session as it is now; the bot answers with an `aisle.recommendations` event.
 *
 *   parseClientEvent({ type: 'event', name: 'cart.add', value: { productId: 'JKT-0001' } })
 *   // { ok: true, name: 'cart.add', productId: 'JKT-0001' }
 *   parseClientEvent({ type: 'event', name: 'recommendations.request', value: { count: 4 } })
 *   // { ok: true, name: 'recommendations.request', count: 4 }
 */
import { quote } from './http-errors.js';

export const SHOPPER_EVENTS = ['product.view', 'product.click', 'cart.add'] as const;
export type ShopperEventName = (typeof SHOPPER_EVENTS)[number];
export const RECOMMENDATIONS_REQUEST = 'recommendations.request';
/** The bot's answer to a recommendations request. */
export const RECOMMENDATIONS_EVENT = 'aisle.recommendations';
/** Suggestions one request may ask for. */
export const MAX_RECOMMENDATIONS = 12;
const DEFAULT_RECOMMENDATIONS = 6;
/** The longest product id an event may name: the catalog's own limit (catalog/schemas.ts). */
export const MAX_PRODUCT_ID_CHARS = 128;

export type ClientEvent =
  | { ok: true; name: ShopperEventName; productId: string }
  | { ok: true; name: typeof RECOMMENDATIONS_REQUEST; count: number }
  | { ok: false; reason: string };

const EVENT_NAMES = [...SHOPPER_EVENTS, RECOMMENDATIONS_REQUEST];

export function parseClientEvent(activity: { name?: string; value?: unknown }): ClientEvent {
  const name = activity.name ?? '';
  if (name === RECOMMENDATIONS_REQUEST) {
    const count = (activity.value as { count?: unknown } | undefined)?.count;
    if (count === undefined) return { ok: true, name, count: DEFAULT_RECOMMENDATIONS };
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RECOMMENDATIONS) {
      return { ok: false, reason: `event "${name}": value.count must be a whole number from 1 to ${MAX_RECOMMENDATIONS}, got ${quote(count)}` };
    }
    return { ok: true, name, count };
  }
  if (!(SHOPPER_EVENTS as readonly string[]).includes(name)) {
    // Quoted short: a client's name may be 60 KB, or an object with no string form.
    return { ok: false, reason: `unknown event name ${quote(name)}; expected one of ${EVENT_NAMES.join(', ')}` };
  }
  const productId = (activity.value as { productId?: unknown } | undefined)?.productId;
  if (typeof productId !== 'string' || productId.trim() === '') {
    return { ok: false, reason: `event "${name}" needs value.productId (a non-empty string)` };
  }
  // Never echoed back whole: a reply quoting a 10 KB id is the sender's payload, not an error message.
  if (productId.length > MAX_PRODUCT_ID_CHARS) {
    return { ok: false, reason: `event "${name}": value.productId is ${productId.length.toLocaleString('en-US')} characters; product ids have at most ${MAX_PRODUCT_ID_CHARS}` };
  }
  return { ok: true, name: name as ShopperEventName, productId };
}

/** A page's request for suggestions or the bot's answer to one: traffic beside the conversation, not part of it. */
export function isPageSuggestionTraffic(activity: { type?: string; name?: string }): boolean {
  return activity.type === 'event' && (activity.name === RECOMMENDATIONS_REQUEST || activity.name === RECOMMENDATIONS_EVENT);
}
