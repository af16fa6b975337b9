/**
 * A SYNTHETIC click log, for trying and testing the click-through model: simulated
 * shoppers send labelled product requests to the real bot (its own search decides what
 * is shown), then click with a probability that falls with the position and is much
 * higher for products that meet the request (its `expected` ids), and sometimes add to
 * cart. Events go into the store exactly as real ones do (product.impression,
 * product.click, cart.add), under conversation ids `synthetic-...` so they can be told
 * apart (and deleted). Not shopper behaviour: never report a model trained on it as such.
 *
 *   const counts = await writeSyntheticClickLog(shop, requests, { sessions: 300, seed: 1 });
 */
import { decide } from '../../bot/decide.js';
import type { Shop } from '../../bot/shop.js';
import { seededRandom } from '../../nlu/training/pairs.js';

export interface LabelledRequest {
  text: string;
  expected: string[];
}

export interface ClickLogOptions {
  sessions: number;
  seed?: number;
  /** Click probability at the top position for a product that meets the request. Default 0.55. */
  relevantClick?: number;
  /** ... and for one that does not. Default 0.04. */
  otherClick?: number;
  /** Share of clicks followed by a cart add. Default 0.3. */
  cartShare?: number;
}

export interface ClickLogCounts {
  sessions: number;
  impressions: number;
  clicks: number;
  cartAdds: number;
}

export async function writeSyntheticClickLog(shop: Shop, requests: readonly LabelledRequest[], options: ClickLogOptions): Promise<ClickLogCounts> {
  const random = seededRandom(options.seed ?? 1);
  const relevantClick = options.relevantClick ?? 0.55;
  const otherClick = options.otherClick ?? 0.04;
  const cartShare = options.cartShare ?? 0.3;
  const counts: ClickLogCounts = { sessions: 0, impressions: 0, clicks: 0, cartAdds: 0 };
  const run = `${Date.now().toString(36)}`;
  for (let session = 0; session < options.sessions && requests.length; session++) {
    const request = requests[Math.floor(random() * requests.length)]!;
    const decision = await shop.use((snapshot) => decide(request.text, { ...snapshot, options: shop.decisionOptions }));
    if (decision.kind !== 'products') continue;
    const conversationId = `synthetic-${run}-${session}`;
    const relevant = new Set(request.expected);
    const shown = decision.hits.map((hit) => hit.product.id);
    const events: { conversationId: string; name: string; productId: string; query: string }[] = shown.map((productId) => ({
      conversationId, name: 'product.impression', productId, query: request.text,
    }));
    shown.forEach((productId, rank) => {
      // Position bias: shoppers look at the first cards far more than at later ones.
      const examined = 1 / (1 + rank) ** 0.7;
      if (random() >= examined * (relevant.has(productId) ? relevantClick : otherClick)) return;
      events.push({ conversationId, name: 'product.click', productId, query: request.text });
      counts.clicks++;
      if (random() < cartShare) {
        events.push({ conversationId, name: 'cart.add', productId, query: request.text });
        counts.cartAdds++;
      }
    });
    shop.store.recordEvents(events);
    counts.sessions++;
    counts.impressions += shown.length;
  }
  return counts;
}
