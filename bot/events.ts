/**
 * Shopper events a client sends as `event` activities, with `value: { productId }`.
 * They are recorded per conversation and update the session (what was viewed, clicked, carted).
 *
 *   parseShopperEvent({ type: 'event', name: 'cart.add', value: { productId: 'JKT-0001' } })
 *   // { ok: true, name: 'cart.add', productId: 'JKT-0001' }
 */
export const SHOPPER_EVENTS = ['product.view', 'product.click', 'cart.add'] as const;
export type ShopperEventName = (typeof SHOPPER_EVENTS)[number];

export type ParsedEvent = { ok: true; name: ShopperEventName; productId: string } | { ok: false; reason: string };

export function parseShopperEvent(activity: { name?: string; value?: unknown }): ParsedEvent {
  const name = activity.name ?? '';
  if (!(SHOPPER_EVENTS as readonly string[]).includes(name)) {
    return { ok: false, reason: `unknown event name "${name}"; expected one of ${SHOPPER_EVENTS.join(', ')}` };
  }
  const productId = (activity.value as { productId?: unknown } | undefined)?.productId;
  if (typeof productId !== 'string' || productId.trim() === '') {
    return { ok: false, reason: `event "${name}" needs value.productId (a non-empty string)` };
  }
  return { ok: true, name: name as ShopperEventName, productId };
}
