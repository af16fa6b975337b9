/**
 * Runs messages of the shop's own words through `decide()` once, when a snapshot is loaded and
 * before it serves: otherwise the first shoppers after a start or a model switch pay for what is
 * read once per shop and kept (each type's words, WordNet's entries for the shop's types, the
 * buttons a type's list offers, compiled code). A first turn of "do you sell laptops?" took 30 ms
 * after other traffic, against 10 ms the second time; in the turn bench, the first of three
 * paced runs had the worst p99 each time (83 ms against 43 and 47).
 *
 *   const { texts, failed, ms } = await warmUp({ encoder, kb, vocabulary, spelling });
 */
import { decide, type DecisionServices } from '../turn/decide.js';
import { newSession } from '../turn/session.js';

/** Paths that no word of a shop's own walks: a present, a need, a thing not sold, an order, a sort, a ruled-out value. */
const EVERY_PATH = [
  'a present for my sister under $40',
  'something to keep the kids busy on a rainy afternoon',
  'do you sell laptops?',
  'cheapest one you have',
  'anything but black, under 50',
  'how long does delivery take and do you take paypal',
];

export interface WarmUpOptions {
  /** Stop after this long, whatever is left (a shop with thousands of types still starts). Default 5000 ms. */
  budgetMs?: number;
}

/**
 * `texts`: messages run; `failed`: those whose turn threw (a turn that fails here would fail for a
 * shopper too, but a snapshot that can answer the rest still serves: the warm-up never fails a start
 * or a model switch). The budget is checked between messages.
 */
export async function warmUp(services: DecisionServices, options: WarmUpOptions = {}): Promise<{ texts: number; failed: string[]; ms: number }> {
  const { budgetMs = 5000 } = options;
  const { kb } = services;
  const texts = [
    ...EVERY_PATH,
    // A make no one has heard of before a type's name ("PS5 games"): the shop's every word is read
    // once for it (130 ms on the demo shop, paid by the first shopper who asks such a thing otherwise).
    ...kb.productTypes.types.slice(0, 1).map((type) => `do you have any zorbix ${type.plural}?`),
    // Each type asked for by its name: its words, its list's buttons and whether they lead anywhere.
    ...kb.productTypes.types.map((type) => type.plural),
    // Each FAQ entry's first question: the answer path and its follow-up buttons.
    ...kb.faqEntries().map((entry) => entry.questions[0]!).filter(Boolean),
  ];
  const started = performance.now();
  let done = 0;
  const failed: string[] = [];
  // A question about a product shown: each word's share of FAQ entries and products, and each
  // model's variants, are counted once per shop (turn/product-questions.ts).
  const shown = kb.products().slice(0, 2).map((product) => product.id);
  if (shown.length === 2 && performance.now() - started <= budgetMs) {
    try {
      await decide('does the second one come in black?', services, { ...newSession(), lastProductIds: shown });
      await decide('is the first one waterproof?', services, { ...newSession(), lastProductIds: shown });
    } catch {
      failed.push('is the first one waterproof?');
    }
    done += 2;
  }
  for (const text of texts) {
    if (performance.now() - started > budgetMs) break;
    try {
      await decide(text, services);
    } catch {
      failed.push(text);
    }
    done++;
  }
  return { texts: done, failed, ms: Math.round(performance.now() - started) };
}
