/**
 * `npm run simulate`'s parts: shoppers whose hidden wishes the catalog meets, buttons read as a
 * shopper would, a visit over the real server whose counted clicks and cart adds are the ones the
 * server recorded, and the figures computed from visits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TURNS, visit, type VisitOutcome } from '../../scripts/simulate/conversation.js';
import { learningCurve, summariseArm } from '../../scripts/simulate/report.js';
import { mulberry32 } from '../../scripts/seeded-random.js';
import { buttonStating, drawShoppers, meetsPreference } from '../../scripts/simulate/shoppers.js';
import { understand } from '../../nlu/index.js';
import { startTestServer, type TestServer } from '../helpers.js';

/** The test shop holds a quarter of the demo's products: three or so of each kind. */
const SMALL_SHOP = { minOfKind: 3, specificShare: 0.5 };

describe('simulated shoppers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(() => server.close());

  it('want products the catalog has in stock, each meeting every hidden preference, and the same ones for the same seed', () => {
    const { kb, vocabulary } = server.shop.current();
    const shoppers = drawShoppers(kb, vocabulary, 40, 3, SMALL_SHOP);
    const ofKind = (shopper: (typeof shoppers)[number], product: { category?: string }) => (shopper.kind.scope === 'type' ? kb.typeOf(product as never) === shopper.kind.name : product.category === shopper.kind.name);
    // Both: shoppers who know the type, and shoppers who name only a category, in the shop's own word for all of it.
    expect(new Set(shoppers.map((shopper) => shopper.kind.scope))).toEqual(new Set(['type', 'category']));
    for (const shopper of shoppers.filter((s) => s.kind.scope === 'category')) expect(understand(shopper.noun, vocabulary).filters).toMatchObject({ category: shopper.kind.name });
    expect(shoppers).toHaveLength(40);
    for (const shopper of shoppers) {
      expect(shopper.preferences.length).toBeGreaterThanOrEqual(1);
      expect(shopper.matches.size).toBeGreaterThan(0);
      const sameKind = kb.products().filter((product) => ofKind(shopper, product) && product.inStock !== false);
      expect(shopper.matches.size).toBeLessThanOrEqual(SMALL_SHOP.specificShare * sameKind.length);
      for (const id of shopper.matches) {
        const product = kb.product(id)!;
        expect(ofKind(shopper, product)).toBe(true);
        expect(product.inStock).not.toBe(false);
        for (const preference of shopper.preferences) expect(meetsPreference(product, preference)).toBe(true);
      }
      // And nothing else of their kind is wanted.
      const others = kb.products().filter((product) => ofKind(shopper, product) && !shopper.matches.has(product.id) && product.inStock !== false);
      for (const product of others) expect(shopper.preferences.every((preference) => meetsPreference(product, preference))).toBe(false);
    }
    expect(drawShoppers(kb, vocabulary, 40, 3, SMALL_SHOP).map((s) => [s.kind, s.preferences])).toEqual(shoppers.map((s) => [s.kind, s.preferences]));
    expect(drawShoppers(kb, vocabulary, 40, 4, SMALL_SHOP).map((s) => [s.kind, s.preferences])).not.toEqual(shoppers.map((s) => [s.kind, s.preferences]));
  });

  it('press a suggested button only when it states one of their wishes', () => {
    const wishes = [{ kind: 'colour' as const, value: 'blue' }, { kind: 'price' as const, value: '80' }, { kind: 'size' as const, value: 'M' }];
    expect(buttonStating(['black', 'blue'], wishes)?.button).toBe('blue');
    expect(buttonStating(['under $70'], wishes)?.preference.kind).toBe('price');
    expect(buttonStating(['under $120'], wishes)).toBeUndefined();
    // Far below their budget: it would hide what they would buy.
    expect(buttonStating(['under $40'], wishes)).toBeUndefined();
    expect(buttonStating(['bluetooth speakers', 'size L'], wishes)).toBeUndefined();
    expect(buttonStating(['size M'], wishes)?.preference.kind).toBe('size');
  });

  it('visit the real bot: the clicks and cart adds they count are the ones the server recorded, each reply is counted', async () => {
    const { kb, vocabulary } = server.shop.current();
    const store = server.shop.store;
    const count = (name: string) => (store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE name = ?').get(name) as { n: number }).n;
    const shoppers = drawShoppers(kb, vocabulary, 6, 9, SMALL_SHOP);
    const before = { clicks: count('product.click'), carts: count('cart.add'), views: count('product.view') };
    const outcomes: VisitOutcome[] = [];
    for (const shopper of shoppers) outcomes.push(await visit(shopper, { baseUrl: server.url, session: true, kb, random: mulberry32(shopper.id + 1) }));
    expect(count('product.click') - before.clicks).toBe(outcomes.reduce((sum, outcome) => sum + outcome.clicks, 0));
    expect(count('cart.add') - before.carts).toBe(outcomes.filter((outcome) => outcome.cartAdd).length);
    expect(count('product.view') - before.views).toBe(shoppers.reduce((sum, shopper) => sum + shopper.browses.length, 0));
    for (const outcome of outcomes) {
      expect(outcome.kinds).toHaveLength(outcome.turns);
      expect(outcome.latencies).toHaveLength(outcome.turns);
      if (outcome.success) expect(outcome.turnsToMatch).toBeLessThanOrEqual(outcome.turns);
    }
    // Most of these shoppers find something they want when the bot keeps their conversation.
    expect(outcomes.filter((outcome) => outcome.success).length).toBeGreaterThanOrEqual(3);
  });

  it('report success@5, turns to the first match, CTR and the learning curve from the visits', () => {
    const outcome = (success: boolean, turnsToMatch: number | undefined, clicks: number, impressions: number, cartAdd: boolean): VisitOutcome => ({
      shopper: 0, success, ...(turnsToMatch ? { turnsToMatch } : {}), turns: 3, impressions, clicks, cartAdd, dwellSeconds: Array.from({ length: clicks }, () => 5), latencies: [10, 20, 30], kinds: ['products', 'products', 'faq'], transcript: [],
    });
    const outcomes = [outcome(true, 1, 1, 5, true), outcome(true, 3, 2, 10, false), outcome(false, undefined, 0, 15, false), outcome(false, undefined, 1, 10, false)];
    const summary = summariseArm(outcomes);
    expect(summary).toMatchObject({ sessions: 4, successAt5: 0.5, turnsToFirstMatch: (1 + 3 + 2 * (MAX_TURNS + 1)) / 4, turnsToFirstMatchWhenFound: 2, clicksPerSession: 1, ctr: 0.1, addToCartRate: 0.25, dwellSecondsMedian: 5, replyKinds: { products: 8, faq: 4 } });
    expect(learningCurve(outcomes, 2)).toEqual([
      { sessions: '1-2', successAt5: 1, ctr: 0.2 },
      { sessions: '3-4', successAt5: 0, ctr: 0.04 },
    ]);
  });
});
