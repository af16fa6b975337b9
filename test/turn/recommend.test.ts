/**
 * Suggestions from what this shopper did and what other shoppers chose (turn/recommend.ts), on a
 * small shop with a real SQLite event log and real product index: each candidate source, recency
 * decay, the shop's rules, maximal marginal relevance, and reasons whose counts are the log's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../turn/decide.js';
import { behaviourSignals, diversified, recommend } from '../../turn/recommend.js';
import { newSession, rememberTurn, type ShopperSession } from '../../turn/session.js';
import type { Product } from '../../catalog/index.js';
import { openTestShop, type TestShop } from '../helpers.js';

const tent = (id: string, colour: string, inStock = true): Product => ({
  id, title: 'Northpeak Ridge 2-Person Tent', brand: 'Northpeak', category: 'Outdoor & Camping', price: 220, currency: 'USD',
  description: `A light ${colour} two-person tent for backpacking.`, attributes: { colour, capacity: '2-person' }, inStock,
});

const PRODUCTS: Product[] = [
  tent('T1', 'green'),
  tent('T2', 'orange'),
  tent('T3', 'grey'),
  tent('T4', 'blue', false),
  { id: 'T5', title: 'Kestrel Aero 1-Person Tent', brand: 'Kestrel', category: 'Outdoor & Camping', price: 180, currency: 'USD', description: 'An ultralight one-person backpacking tent.', attributes: { colour: 'sand' }, inStock: true },
  { id: 'S1', title: 'Fjellby Fjell Sleeping Bag', brand: 'Fjellby', category: 'Outdoor & Camping', price: 150, currency: 'USD', description: 'A down sleeping bag for three-season backpacking.', attributes: { colour: 'red' }, inStock: true },
  { id: 'P1', title: 'Northpeak Trail Sleeping Pad', brand: 'Northpeak', category: 'Outdoor & Camping', price: 90, currency: 'USD', description: 'An insulated sleeping pad for camping.', attributes: { colour: 'blue' }, inStock: true },
  { id: 'K1', title: 'Brew Theory Electric Kettle', brand: 'Brew Theory', category: 'Kitchen & Cookware', price: 45, currency: 'USD', description: 'Boils a litre in three minutes.', attributes: { colour: 'silver' }, inStock: true },
  { id: 'M1', title: 'Corecraft Studio Yoga Mat', brand: 'Corecraft', category: 'Sports & Fitness', price: 30, currency: 'USD', description: 'A grippy yoga mat.', attributes: { colour: 'pink' }, inStock: true },
];

const none = { viewed: [], clicked: [], cart: [] };

describe('suggestions from behaviour', () => {
  let testShop: TestShop;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString();

  beforeAll(async () => {
    testShop = await openTestShop(PRODUCTS);
    const store = testShop.shop.store;
    // Other shoppers: two put the tent T1 and the sleeping bag in the cart together, one more clicked both;
    // the kettle was popular this week, the yoga mat only a month ago.
    store.recordEvents([
      { conversationId: 'a', name: 'cart.add', productId: 'T1' }, { conversationId: 'a', name: 'cart.add', productId: 'S1' },
      { conversationId: 'b', name: 'cart.add', productId: 'T1' }, { conversationId: 'b', name: 'cart.add', productId: 'S1' },
      { conversationId: 'c', name: 'product.click', productId: 'T1' }, { conversationId: 'c', name: 'product.click', productId: 'S1' },
      { conversationId: 'c', name: 'product.impression', productId: 'P1' },
      { conversationId: 'd', name: 'product.click', productId: 'K1', at: at(1) }, { conversationId: 'e', name: 'cart.add', productId: 'K1', at: at(2) },
      { conversationId: 'f', name: 'cart.add', productId: 'M1', at: at(30) }, { conversationId: 'g', name: 'cart.add', productId: 'M1', at: at(31) },
      { conversationId: 'h', name: 'cart.add', productId: 'M1', at: at(32) },
    ]);
  }, 120_000);
  afterAll(() => testShop.close());

  const kb = () => testShop.shop.current().kb;
  const store = () => testShop.shop.store;

  it('weighs a cart add over a click over a view, and fades each the further back it is', () => {
    const signals = behaviourSignals({ viewed: ['K1', 'P1'], clicked: ['S1'], cart: ['T5'] });
    expect(signals.map((signal) => signal.productId)).toEqual(['T5', 'S1', 'P1', 'K1']);
    expect(signals.map((signal) => signal.weight)).toEqual([3, 2, 1, 0.7]);
  });

  it('counts other shoppers\' choices from the event log: both carted, both engaged, impressions not', () => {
    expect(store().chosenTogether('T1')).toEqual([{ productId: 'S1', shoppers: 3, carted: 2 }]);
    // The asking conversation is no other shopper.
    expect(store().chosenTogether('T1', 20, 'a')).toEqual([{ productId: 'S1', shoppers: 2, carted: 1 }]);
    expect(store().popularSince(at(7)).map((row) => row.productId)).not.toContain('M1');
    const kettle = store().popularSince(at(7)).find((row) => row.productId === 'K1')!;
    expect(kettle).toMatchObject({ productId: 'K1', shoppers: 2, carted: 1 });
    // Heat: a click a day ago and a cart add two days ago, halved every 48 hours.
    expect(kettle.heat).toBeCloseTo(0.5 ** 0.5 + 0.5 ** 1, 3);
  });

  it('ranks what shoppers chose today over what more of them chose days ago, and says the week\'s counts', async () => {
    const { CatalogStore } = await import('../../catalog/index.js');
    const { tempDir } = await import('../helpers.js');
    const { join } = await import('node:path');
    const log = CatalogStore.open(join(tempDir(), 'aisle.db'));
    const now = Date.parse('2026-06-10T12:00:00.000Z');
    const ago = (hours: number) => new Date(now - hours * 3600 * 1000).toISOString();
    log.recordEvents([
      ...['a', 'b', 'c'].map((c) => ({ conversationId: c, name: 'cart.add', productId: 'M1', at: ago(5 * 24) })),
      ...['d', 'e'].map((c) => ({ conversationId: c, name: 'product.click', productId: 'K1', at: ago(2) })),
      // One conversation's two acts on a product are one shopper, counted at its latest.
      { conversationId: 'd', name: 'cart.add', productId: 'K1', at: ago(1) },
    ]);
    const rows = log.popularSince(ago(7 * 24), 20, new Date(now).toISOString());
    expect(rows.map((row) => row.productId)).toEqual(['K1', 'M1']);
    expect(rows[0]).toMatchObject({ shoppers: 2, carted: 1 });
    expect(rows[0]!.heat).toBeCloseTo(0.5 ** (1 / 48) + 0.5 ** (2 / 48), 6);
    expect(rows[1]).toMatchObject({ shoppers: 3, carted: 3 });
    expect(rows[1]!.heat).toBeCloseTo(3 * 0.5 ** 2.5, 6);
    const picks = recommend(kb(), none, log, { now });
    expect(picks.slice(0, 2).map((pick) => pick.product.id)).toEqual(['K1', 'M1']);
    expect(picks.find((pick) => pick.product.id === 'M1')!.reason).toBe('3 shoppers put it in their cart this week');
    await log.close();
  });

  it('from a viewed product: its neighbours, and what other shoppers chose with it, said with their counts', () => {
    const picks = recommend(kb(), { viewed: ['T1'], clicked: [], cart: [] }, store(), { conversationId: 'me' });
    const bag = picks.find((pick) => pick.product.id === 'S1')!;
    expect(bag).toMatchObject({ source: 'together', reason: 'added to the cart with the Northpeak Ridge 2-Person Tent by 2 shoppers' });
    expect(picks[0]!.product.id).toBe('S1');
    const neighbour = picks.find((pick) => pick.source === 'viewed')!;
    expect(neighbour.reason).toBe('because you viewed the Northpeak Ridge 2-Person Tent');
  });

  it('keeps the shop\'s rules: nothing out of stock, nothing in the cart, nothing the shopper already chose', () => {
    const picks = recommend(kb(), { viewed: ['T2'], clicked: ['T1'], cart: ['S1'] }, store(), { count: 9 });
    const ids = picks.map((pick) => pick.product.id);
    for (const excluded of ['T4', 'S1', 'T1', 'T2']) expect(ids).not.toContain(excluded);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('suggests one colour of a model, and no other colour of a model the shopper already engaged with', () => {
    const ridge = (picks: { product: Product }[]) => picks.filter((pick) => pick.product.title === 'Northpeak Ridge 2-Person Tent');
    const fromPad = recommend(kb(), { viewed: ['P1'], clicked: [], cart: [] }, store(), { count: 9, conversationId: 'me' });
    expect(fromPad.length).toBeGreaterThan(2);
    expect(ridge(fromPad)).toHaveLength(1);
    const fromTent = recommend(kb(), { viewed: ['T1'], clicked: [], cart: [] }, store(), { count: 9, conversationId: 'me' });
    expect(ridge(fromTent)).toEqual([]);
  });

  it('with nothing done yet, suggests what other shoppers chose this week, and nothing from a month ago', () => {
    const picks = recommend(kb(), none, store());
    expect(picks.map((pick) => pick.product.id)).toContain('K1');
    expect(picks.map((pick) => pick.product.id)).not.toContain('M1');
    expect(picks.find((pick) => pick.product.id === 'K1')!.reason).toBe('1 shopper put it in their cart this week');
  });

  it('diversifies: the colours of one tent do not fill the list while other products score close', () => {
    const items = PRODUCTS.map((product, i) => ({ product, score: product.title.includes('Ridge') ? 1 - i * 0.01 : 0.9 - i * 0.01 }));
    const relevanceOnly = diversified(items, 3, 1, kb()).map((item) => item.product.id);
    expect(relevanceOnly).toEqual(['T1', 'T2', 'T3']);
    const mixed = diversified(items, 3, 0.7, kb()).map((item) => item.product.title);
    expect(new Set(mixed).size).toBe(3);
  });

  describe('"what would you recommend for me?" in the conversation', () => {
    const services = () => ({ ...testShop.shop.current(), events: store(), options: testShop.shop.decisionOptions });

    it('picks from what the shopper viewed, and "the first one" then points into the picks', async () => {
      const session: ShopperSession = { lastProductIds: [], viewed: ['T1'], clicked: [], cart: [] };
      const decision = await decide('what would you recommend for me?', services(), session, { conversationId: 'me' });
      expect(decision.kind).toBe('recommendations');
      if (decision.kind !== 'recommendations') return;
      expect(decision.picks[0]).toMatchObject({ product: { id: 'S1' }, reason: 'added to the cart with the Northpeak Ridge 2-Person Tent by 2 shoppers' });
      rememberTurn(session, 'what would you recommend for me?', decision);
      expect(session.lastProductIds[0]).toBe('S1');
      const first = await decide('how much is the first one', services(), { ...newSession(), lastProductIds: session.lastProductIds });
      expect(first).toMatchObject({ kind: 'product-answer', product: { id: 'S1' }, asked: { about: 'price' } });
    });

    it('with no behaviour and no events, asks what the shopper is after instead of showing anything', async () => {
      const decision = await decide('any suggestions?', { ...services(), events: undefined });
      expect(decision).toMatchObject({ kind: 'recommendations', picks: [] });
    });

    it('"can you recommend a tent" names a kind: a search, not suggestions', async () => {
      expect((await decide('can you recommend a tent', services())).kind).toBe('products');
    });
  });
});
