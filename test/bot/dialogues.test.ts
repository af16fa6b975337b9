/**
 * Hand-written shopper dialogues (dialogues.jsonl), each turn labelled with what the reply must
 * be: a new product request, a follow-up that refines the last one, an FAQ answer, small talk.
 * Product turns carry the constraints every product shown must meet at that point of the
 * conversation, carried ones included; the products meeting them are derived from the catalog by
 * the evaluation's own code (scripts/eval/shopper-requests.ts), which shares nothing with the
 * bot's filters. The session is kept as the bot keeps it (bot/session.ts rememberRequest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../bot/decide.js';
import { rememberRequest, type ShopperSession } from '../../bot/session.js';
import { satisfying, violations, type RequestConstraints } from '../../scripts/eval/shopper-requests.js';
import { demoProducts, openTestShop, type TestShop } from '../helpers.js';

interface Turn {
  text: string;
  expect: 'products' | 'refines' | 'faq' | 'small-talk';
  faqId?: string;
  constraints?: RequestConstraints;
  note?: string;
}

interface Dialogue {
  id: string;
  turns: Turn[];
}

const dialogues: Dialogue[] = readFileSync(new URL('./dialogues.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Dialogue);

/** The first products shown, as a carousel shows them. */
const SHOWN = 5;

describe('labelled dialogues on the demo shop', () => {
  let testShop: TestShop;
  const products = demoProducts;

  // The whole demo shop, as a shopper meets it: in a quarter of it some kinds have one product and are no kind of their own.
  beforeAll(async () => {
    testShop = await openTestShop(demoProducts);
  }, 300_000);
  afterAll(() => testShop.close());

  it('has at least 60 dialogues of two or more turns, refining and starting fresh', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(60);
    for (const dialogue of dialogues) expect(dialogue.turns.length, dialogue.id).toBeGreaterThanOrEqual(2);
    const kinds = new Set(dialogues.flatMap((dialogue) => dialogue.turns.map((turn) => turn.expect)));
    expect([...kinds].sort()).toEqual(['faq', 'products', 'refines', 'small-talk']);
  });

  it.each(dialogues.map((dialogue) => [dialogue.id, dialogue] as const))('%s', async (_id, dialogue) => {
    const services = { ...testShop.shop.current(), options: testShop.shop.decisionOptions };
    const session: ShopperSession = { lastProductIds: [], viewed: [], clicked: [], cart: [] };
    let request: string | undefined;
    let shownForRequest: string[] = [];
    for (const turn of dialogue.turns) {
      const decision: Decision = await decide(turn.text, services, { lastRequest: session.lastRequest });
      rememberRequest(session, turn.text, decision);
      const where = `${dialogue.id}: "${turn.text}"`;
      switch (turn.expect) {
        case 'products':
          expect(decision.kind, where).toBe('products');
          expect(decision.kind === 'products' && decision.context, `${where} refined an earlier request`).toBeFalsy();
          request = turn.text;
          break;
        case 'refines':
          expect(decision.kind, where).toBe('products');
          expect(decision.kind === 'products' && decision.context?.refines, where).toBe(request);
          break;
        case 'faq':
          expect(decision.kind === 'faq' && decision.entry.id, where).toBe(turn.faqId);
          request = undefined;
          break;
        case 'small-talk':
          expect(decision.kind, where).toBe('small-talk');
          break;
      }
      // "Show me more" never shows a product of the same request twice.
      if (decision.kind === 'products' && decision.context?.more) {
        const before = new Set(shownForRequest);
        for (const hit of decision.hits) expect(before.has(hit.product.id), `${where}: ${hit.product.title} shown again`).toBe(false);
      }
      if (decision.kind === 'products') shownForRequest = decision.context?.more ? [...shownForRequest, ...decision.hits.map((hit) => hit.product.id)] : decision.hits.map((hit) => hit.product.id);
      if (decision.kind !== 'products' || !turn.constraints) continue;
      // Every product shown meets the constraints, as far as the catalog has products that do.
      const shown = decision.hits.slice(0, SHOWN).map((hit) => hit.product);
      const meeting = shown.filter((product) => violations(product, turn.constraints!).length === 0);
      const possible = Math.min(shown.length, satisfying(products, turn.constraints).length);
      const broken = shown.filter((product) => violations(product, turn.constraints!).length > 0).map((product) => `${product.title} (${violations(product, turn.constraints!).join(', ')})`);
      expect(meeting.length, `${where}: ${broken.join('; ')}`).toBeGreaterThanOrEqual(possible);
    }
  });
});
