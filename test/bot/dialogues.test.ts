/**
 * Hand-written shopper dialogues (dialogues.jsonl), each turn labelled with what the reply must
 * be: a new product request, a follow-up that refines the last one, an FAQ answer, small talk.
 * Product turns carry the constraints every product shown must meet at that point of the
 * conversation, carried ones included; the products meeting them are derived from the catalog by
 * the evaluation's own code (scripts/eval/shopper-requests.ts), which shares nothing with the
 * bot's filters. The session is kept as the bot keeps it (turn/session.ts rememberRequest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../turn/decide.js';
import { formatPrice } from '../../turn/product-claims.js';
import { rememberTurn, type ShopperSession } from '../../turn/session.js';
import type { Product } from '../../catalog/index.js';
import { satisfying, violations, type RequestConstraints } from '../../scripts/eval/shopper-requests.js';
import { demoProducts, openTestShop, type TestShop } from '../helpers.js';

interface Turn {
  text: string;
  expect: 'products' | 'refines' | 'faq' | 'small-talk' | 'about-product' | 'which-product';
  faqId?: string;
  constraints?: RequestConstraints;
  note?: string;
  /** About a shown product: its place in the last list (from 1), the product asked about before ("same"), or the one shown that has this. */
  refersTo?: number | 'same' | { colour?: string; brand?: string; cheapest?: boolean; dearest?: boolean };
  asks?: 'details' | 'price' | 'stock' | 'brand' | 'colour' | 'size' | 'attribute' | 'feature';
  colour?: string;
  size?: string;
  attribute?: string;
  feature?: string;
  /** A known miss of another part of the bot (the FAQ's ranking), why: checked to still miss, so that fixing it shows. */
  miss?: string;
}

interface Dialogue {
  id: string;
  turns: Turn[];
}

const readDialogues = (file: string): Dialogue[] =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Dialogue);

const dialogues = readDialogues('./dialogues.jsonl');
/** Questions about the products just shown ("is the second one waterproof?"), hand-written; "t-" ones were tuned on, "h-" ones held out (see the issue 10 notes). */
const productQuestions = readDialogues('../turn/product-questions.jsonl');

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
      const decision: Decision = await decide(turn.text, services, session);
      rememberTurn(session, turn.text, decision);
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
      expectConstraintsMet(decision, turn, where);
    }
  });

  it('has questions about shown products of every kind, half of them held out', () => {
    expect(productQuestions.length).toBeGreaterThanOrEqual(40);
    const asks = new Set(productQuestions.flatMap((dialogue) => dialogue.turns.flatMap((turn) => turn.asks ?? [])));
    expect([...asks].sort()).toEqual(['attribute', 'brand', 'colour', 'details', 'feature', 'price', 'size', 'stock']);
    expect(productQuestions.filter((dialogue) => dialogue.id.startsWith('h-')).length).toBeGreaterThanOrEqual(20);
  });

  it.each(productQuestions.map((dialogue) => [dialogue.id, dialogue] as const))('%s', async (_id, dialogue) => {
    const services = { ...testShop.shop.current(), options: testShop.shop.decisionOptions };
    const { kb } = services;
    const session: ShopperSession = { lastProductIds: [], viewed: [], clicked: [], cart: [] };
    let askedAbout: string[] = [];
    for (const turn of dialogue.turns) {
      const shown = session.lastProductIds.map((id) => kb.product(id)!);
      const before = structuredClone(session);
      const decision: Decision = await decide(turn.text, services, session);
      const where = `${dialogue.id}: "${turn.text}"`;
      rememberTurn(session, turn.text, decision);
      switch (turn.expect) {
        case 'products':
        case 'refines':
          expect(decision.kind, where).toBe('products');
          expect(decision.kind === 'products' && Boolean(decision.context), `${where} refined`).toBe(turn.expect === 'refines');
          if (turn.miss) expect(constraintsBroken(decision, turn), `${where} (known miss: ${turn.miss})`).not.toEqual([]);
          else expectConstraintsMet(decision, turn, where);
          break;
        case 'faq': {
          // Answered, or offered as one of two close answers ("did you mean one of these?").
          const offered = (decision.kind === 'faq' && decision.entry.id === turn.faqId) || (decision.kind === 'clarify' && decision.options.some((hit) => hit.entry.id === turn.faqId));
          expect(offered, `${where}: ${decision.kind}${turn.miss ? ` (known miss: ${turn.miss})` : ''}`).toBe(!turn.miss);
          break;
        }
        case 'which-product': {
          expect(decision.kind, where).toBe('which-product');
          if (decision.kind !== 'which-product') break;
          // Each choice, sent back as its button sends it, is answered about that product.
          for (const choice of decision.choices) {
            const chosen = await decide(choice.text, services, before);
            expect(chosen.kind === 'product-answer' && chosen.product.id, `${where} -> "${choice.text}"`).toBe(choice.product.id);
          }
          break;
        }
        case 'about-product': {
          expect(decision.kind, where).toBe('product-answer');
          if (decision.kind !== 'product-answer') break;
          const { product, answer } = decision;
          expect(referredTo(product, turn.refersTo!, shown, askedAbout), `${where}: about ${product.title}`).toBe(true);
          expect(answer.asked.about, where).toBe(turn.asks);
          expectTrueAnswer(decision, turn, kb.products(), where);
          askedAbout = [product.id, ...answer.shows.map((item) => item.id)];
          break;
        }
        default:
          throw new Error(`${where}: no check for "${turn.expect}"`);
      }
    }
  });

  /** Every product shown meets the constraints, as far as the catalog has products that do. */
  function expectConstraintsMet(decision: Decision, turn: Turn, where: string): void {
    expect(constraintsBroken(decision, turn), where).toEqual([]);
  }

  /** The products shown that break the constraints, beyond those the catalog could not do without. */
  function constraintsBroken(decision: Decision, turn: Turn): string[] {
    if (decision.kind !== 'products' || !turn.constraints) return [];
    const shown = decision.hits.slice(0, SHOWN).map((hit) => hit.product);
    const meeting = shown.filter((product) => violations(product, turn.constraints!).length === 0);
    const possible = Math.min(shown.length, satisfying(products, turn.constraints).length);
    if (meeting.length >= possible) return [];
    return shown.filter((product) => violations(product, turn.constraints!).length > 0).map((product) => `${product.title} (${violations(product, turn.constraints!).join(', ')})`);
  }
});

/** The product the label points to: by place in the list shown, the one asked about before, or the one shown that has what was said. */
function referredTo(product: Product, refersTo: NonNullable<Turn['refersTo']>, shown: readonly Product[], askedAbout: readonly string[]): boolean {
  if (typeof refersTo === 'number') return shown[refersTo - 1]?.id === product.id;
  if (refersTo === 'same') return askedAbout.includes(product.id);
  if (!shown.some((item) => item.id === product.id)) return false;
  const prices = shown.flatMap((item) => item.price ?? []);
  if (refersTo.cheapest) return product.price === Math.min(...prices);
  if (refersTo.dearest) return product.price === Math.max(...prices);
  if (refersTo.brand) return product.brand?.toLowerCase() === refersTo.brand.toLowerCase();
  if (refersTo.colour) return (product.attributes?.colour ?? '').toLowerCase().includes(refersTo.colour.toLowerCase());
  return false;
}

/**
 * The answer says only what the catalog holds, checked here from the catalog itself: each piece of
 * evidence is the product's own value, a price said is its price, and a colour or size said to
 * exist (or not) does (or does not) among the products of its model (same title and brand).
 */
function expectTrueAnswer(decision: Extract<Decision, { kind: 'product-answer' }>, turn: Turn, catalog: readonly Product[], where: string): void {
  const { product, answer } = decision;
  const byId = new Map(catalog.map((item) => [item.id, item]));
  for (const evidence of answer.evidence) {
    const item = byId.get(evidence.productId)!;
    const [field, key] = evidence.field.split('.');
    const value = field === 'attributes' ? item.attributes?.[key!] : field === 'description' ? item.description : String(item[field as keyof Product]);
    // A sentence quoted from the description is part of it; any other field is the value itself.
    if (field === 'description') expect(value, where).toContain(evidence.value);
    else expect(value?.toLowerCase(), `${where}: ${evidence.field}`).toBe(evidence.value.toLowerCase());
  }
  if (!answer.known) {
    expect(answer.text, where).toMatch(/^I don't know/);
    return;
  }
  const model = catalog.filter((item) => item.brand === product.brand && item.title.toLowerCase() === product.title.toLowerCase());
  switch (turn.asks) {
    case 'price':
      expect(answer.text, where).toContain(formatPrice(product)!);
      break;
    case 'stock':
      expect(answer.text.startsWith('Yes'), where).toBe(product.inStock === true);
      break;
    case 'brand':
      expect(answer.text, where).toContain(product.brand!);
      break;
    case 'colour': {
      const inColour = model.filter((item) => (item.attributes?.colour ?? '').toLowerCase() === turn.colour!.toLowerCase());
      // "Yes" only when one in that colour is in stock; listed but sold out is said so; not listed, "No".
      if (inColour.some((item) => item.inStock === true)) expect(answer.text, where).toMatch(/^Yes/);
      else if (inColour.length) expect(answer.text, where).toMatch(/out of stock/);
      else expect(answer.text, where).toMatch(/^(No|Not in)\b/);
      // Whatever is shown beside the answer is of this model.
      for (const item of answer.shows) expect(model.map((other) => other.id), where).toContain(item.id);
      break;
    }
    case 'size': {
      const listed = product.attributes?.sizes?.split(/\s*,\s*/);
      const inSize = listed ? (listed.some((size) => size.toLowerCase() === turn.size!.toLowerCase()) ? [product] : []) : model.filter((item) => item.attributes?.size?.toLowerCase() === turn.size!.toLowerCase());
      if (inSize.some((item) => item.inStock === true)) expect(answer.text, where).toMatch(/^Yes/);
      else if (inSize.length) expect(answer.text, where).toMatch(/out of stock|whether it is in stock/);
      else expect(answer.text, where).toMatch(/^No\b/);
      break;
    }
    case 'attribute':
    case 'feature':
      expect(answer.evidence.length, where).toBeGreaterThan(0);
      break;
  }
}
