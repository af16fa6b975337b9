/**
 * A SYNTHETIC click log, for trying and testing the click-through model: simulated
 * shoppers send labelled product requests to the real bot (its own search decides what
 * is shown), then click with a probability that falls with the position, is much higher
 * for products that meet the request (its `expected` ids) and grows with the product's
 * rating (its `rating` attribute, when it has one), and sometimes add to cart. Position
 * alone would teach a text model nothing: the bot already shows mostly matching products,
 * so the rating is the part of the shoppers' taste that the product text carries. Events go into the store exactly as real ones do (product.impression,
 * product.click, cart.add), under conversation ids `synthetic-...` so they can be told
 * apart (and deleted). Not shopper behaviour: never report a model trained on it as such.
 *
 *   const counts = await writeSyntheticClickLog(shop, requests, { sessions: 300, seed: 1 });
 */
import { decide } from '../../turn/decide.js';
import type { Shop } from '../../bot/shop.js';
import { mulberry32 } from '../seeded-random.js';

/** How much a rating draws clicks: 0.15 at 3 stars or less, 1 at 5 stars; 0.6 when unrated. */
function appeal(rating: string | undefined): number {
  const stars = Number(rating);
  if (!Number.isFinite(stars)) return 0.6;
  return Math.min(1, Math.max(0.15, 0.15 + 0.85 * ((stars - 3) / 2) ** 2));
}

export interface LabelledRequest {
  text: string;
  expected: string[];
}

export interface ClickLogOptions {
  sessions: number;
  seed?: number;
  /** Click probability at the top position for a 5-star product that meets the request. Default 0.8. */
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
  const random = mulberry32(options.seed ?? 1);
  const relevantClick = options.relevantClick ?? 0.8;
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
    decision.hits.forEach(({ product }, rank) => {
      const productId = product.id;
      // Position bias: shoppers look at the first cards far more than at later ones.
      const examined = 1 / (1 + rank) ** 0.7;
      if (random() >= examined * appeal(product.attributes?.rating) * (relevant.has(productId) ? relevantClick : otherClick)) return;
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
