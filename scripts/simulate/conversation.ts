/**
 * One simulated shopper's visit, over the real bot's local Direct Line:
 * 1. some look at products of their kind in the shop first (product.view events);
 * 2. they ask for their kind of product, telling the gender at once most of the time;
 * 3. at each list they look down the first five cards, the first most often, and click a
 *    product they want with a chance that grows with its rating (rarely one they do not want);
 *    a product they want and click goes in the cart most of the time, and the visit ends;
 * 4. otherwise they tell one more of their preferences, pressing a suggested button that states
 *    it when there is one, in their own words when not; with all told, "show me more" once.
 * With `session: false` every message and event goes in a conversation of its own: the bot
 * remembers nothing, as before follow-ups existed.
 */
import type { KnowledgeBase } from '../../catalog/index.js';
import { DirectLineClient } from './direct-line-client.js';
import { buttonStating, openingLine, saying, type SimulatedShopper } from './shoppers.js';

/** The chance a shopper reads the card at each position (1-based): shoppers read from the first. */
export const LOOK = [0.95, 0.75, 0.55, 0.4, 0.3];
/** Messages per visit at most. */
export const MAX_TURNS = 6;
/** The chance of clicking a product read that they do not want (curiosity). */
const CURIOUS_CLICK = 0.03;
/** The chance that a product they want and clicked goes in the cart. */
const CART_SHARE = 0.7;
/** Simulated reading time per card, for the dwell from a list to a click. */
export const SECONDS_PER_CARD = 2.5;

export interface VisitOutcome {
  shopper: number;
  /** A product they want was among the first five shown in some reply. */
  success: boolean;
  /** The message whose reply first showed one (1-based). */
  turnsToMatch?: number;
  turns: number;
  /** Products shown in the first five places of lists. */
  impressions: number;
  clicks: number;
  cartAdd: boolean;
  /** Simulated seconds between a list and each click on it (cards read before it). */
  dwellSeconds: number[];
  /** POST of each message until its replies were read, ms. */
  latencies: number[];
  /** Every reply's kind, in order. */
  kinds: string[];
  /** What was said and shown, message by message: for reading a visit that went wrong. */
  transcript: { said: string; kind: string; shown: number; wantedAt: number[] }[];
}

export interface VisitOptions {
  baseUrl: string;
  session: boolean;
  kb: KnowledgeBase;
  random: () => number;
}

export async function visit(shopper: SimulatedShopper, options: VisitOptions): Promise<VisitOutcome> {
  const { kb, random } = options;
  const shared = options.session ? await new DirectLineClient(options.baseUrl, `sim-${shopper.id}`).start() : undefined;
  const client = async () => shared ?? (await new DirectLineClient(options.baseUrl, `sim-${shopper.id}`).start());
  const outcome: VisitOutcome = { shopper: shopper.id, success: false, turns: 0, impressions: 0, clicks: 0, cartAdd: false, dwellSeconds: [], latencies: [], kinds: [], transcript: [] };
  const event = async (name: string, productId: string) => {
    const replies = await (await client()).send({ type: 'event', name, value: { productId } });
    const error = replies.find((reply) => reply.name === 'aisle.error');
    if (error) throw new Error(`simulate: ${name} ${productId} refused: ${JSON.stringify(error.value)}`);
  };
  for (const product of shopper.browses) await event('product.view', product.id);

  const told = new Set(shopper.toldFirst);
  let message = openingLine(shopper, random);
  let askedForMore = false;
  for (let turn = 1; turn <= MAX_TURNS; turn++) {
    const conversation = await client();
    const started = performance.now();
    const replies = await conversation.say(message);
    outcome.latencies.push(performance.now() - started);
    outcome.turns = turn;
    const reply = replies.find((activity) => activity.channelData?.aisle);
    const aisle = reply?.channelData?.aisle ?? {};
    outcome.kinds.push(aisle.kind ?? 'none');
    const shown: string[] = (aisle.products ?? []).map((product: { id: string }) => product.id);
    const firstFive = shown.slice(0, LOOK.length);
    outcome.transcript.push({ said: message, kind: aisle.kind ?? 'none', shown: shown.length, wantedAt: shown.flatMap((id, i) => (shopper.wants({ id }) ? [i + 1] : [])) });
    outcome.impressions += firstFive.length;
    if (!outcome.success && firstFive.some((id) => shopper.wants({ id }))) {
      outcome.success = true;
      outcome.turnsToMatch = turn;
    }
    for (let i = 0; i < firstFive.length; i++) {
      if (random() >= LOOK[i]!) continue;
      const product = kb.product(firstFive[i]!);
      if (!product) continue;
      const wanted = shopper.wants(product);
      if (random() >= (wanted ? shopper.appeal(product) : CURIOUS_CLICK)) continue;
      await event('product.click', product.id);
      outcome.clicks++;
      outcome.dwellSeconds.push((i + 1) * SECONDS_PER_CARD);
      if (wanted && random() < CART_SHARE) {
        await event('cart.add', product.id);
        outcome.cartAdd = true;
        break;
      }
    }
    if (outcome.cartAdd) break;
    const untold = shopper.preferences.filter((preference) => !told.has(preference));
    const buttons: string[] = (reply?.suggestedActions?.actions ?? []).map((action: { title?: string }) => action.title ?? '');
    const viaButton = buttonStating(buttons, untold);
    if (viaButton) {
      message = viaButton.button;
      told.add(viaButton.preference);
    } else if (untold.length) {
      message = saying(untold[0]!, random);
      told.add(untold[0]!);
    } else if (!askedForMore) {
      message = 'show me more';
      askedForMore = true;
    } else break;
  }
  return outcome;
}
