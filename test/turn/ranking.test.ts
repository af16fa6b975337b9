/**
 * The online click model in a running shop (turn/ranking.ts), on a small demo shop with its real
 * encoder, product index and SQLite store: an untrained model keeps the search's order; clicks
 * move the clicked product up, for the same request and for a similar one; unclicked products
 * shown become negatives when the next list replaces theirs; the lists are logged with positions
 * and propensities; and what was learnt is saved as it is learnt, so a reopened shop ranks alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../turn/decide.js';
import { ShopRanking, type PendingSlate } from '../../turn/ranking.js';
import { openTestShop, type TestShop } from '../helpers.js';

type Products = Extract<Decision, { kind: 'products' }>;
const none = { viewed: [] as string[], clicked: [] as string[], cart: [] as string[] };

describe('the online click model', () => {
  let testShop: TestShop;
  beforeAll(async () => {
    testShop = await openTestShop();
  }, 120_000);
  afterAll(() => testShop.close());

  const services = () => ({ ...testShop.shop.current(), events: testShop.shop.store, options: testShop.shop.decisionOptions });
  async function listFor(text: string, ranking?: ShopRanking, behaviour = none, conversationId = 'probe'): Promise<Products> {
    const turn = ranking?.forTurn(services().kb, behaviour, conversationId);
    const decision = await decide(text, { ...services(), ...(turn ? { ranking: turn } : {}) });
    expect(decision.kind).toBe('products');
    return decision as Products;
  }
  const ids = (decision: Products) => decision.hits.map((hit) => hit.product.id);

  it('ranks as the search does until it has learnt something, and says how each product was placed', async () => {
    const ranking = ShopRanking.open(testShop.shop.store, { explore: 0 });
    const plain = await listFor('warm jacket');
    const ranked = await listFor('warm jacket', ranking);
    expect(ids(ranked)).toEqual(ids(plain));
    expect(ranked.ranking!.explored).toBe(false);
    expect(ranked.ranking!.items.map((item) => [item.productId, item.position, item.propensity])).toEqual(ids(plain).map((id, i) => [id, i + 1, 1]));
    expect(ranked.ranking!.items[0]!.features).toMatchObject({ bias: 1, [`item:${ids(plain)[0]}`]: 1 });
    // An order asked for is the shopper's: never reranked, never shuffled.
    const cheapest = await listFor('cheapest warm jackets', ShopRanking.open(testShop.shop.store, { explore: 1 }));
    expect(cheapest.ranking).toBeUndefined();
  });

  it('moves a product shoppers keep clicking up the list, for the same request and a similar one, and keeps it across a reopen', async () => {
    const store = testShop.shop.store;
    const ranking = ShopRanking.open(store, { explore: 0 });
    const before = ids(await listFor('warm jacket', ranking));
    const target = before[4]!;
    const similarBefore = ids(await listFor('a warm winter jacket', ranking));
    // Shoppers in 12 conversations ask, and each clicks the fifth product shown.
    for (let shopper = 0; shopper < 12; shopper++) {
      const session: { slate?: PendingSlate } = {};
      const list = await listFor('warm jacket', ranking, none, `c${shopper}`);
      ranking.shown(session, `c${shopper}`, 'warm jacket', list.ranking!);
      // As the bot does on a click: the event logged, and the model taught.
      store.recordEvent({ conversationId: `c${shopper}`, name: 'product.click', productId: target, query: 'warm jacket' });
      expect(ranking.learnFromClick(session, target)).toBe(true);
      // A second click on it (a cart add after the click) is not learnt twice.
      expect(ranking.learnFromClick(session, target)).toBe(false);
      ranking.settle(session);
    }
    const after = ids(await listFor('warm jacket', ranking));
    expect(after.indexOf(target)).toBeLessThan(2);
    expect(ranking.ranker.model.weight(`item:${target}`)).toBeGreaterThan(0);
    // Those shown and never clicked were learnt as negatives.
    expect(ranking.ranker.model.weight(`item:${before[0]}`)).toBeLessThan(0);
    const similarAfter = ids(await listFor('a warm winter jacket', ranking));
    if (similarBefore.includes(target)) expect(similarAfter.indexOf(target)).toBeLessThan(similarBefore.indexOf(target));
    else expect(similarAfter).toContain(target);
    // Saved as learnt: a shop opened on the same store ranks the same way.
    expect(ids(await listFor('warm jacket', ShopRanking.open(store, { explore: 0 })))).toEqual(after);
    // The log: 12 lists, each with its positions, and the clicks on the target only.
    const logged = store.loggedSlates().filter((slate) => slate.query === 'warm jacket');
    expect(logged).toHaveLength(12);
    for (const slate of logged) {
      expect(slate.items.filter((item) => item.clicked).map((item) => item.productId)).toEqual([target]);
      expect(slate.items.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6].slice(0, slate.items.length));
    }
  });

  it('reads the session: a product like the ones viewed is closer to the session than one unlike them', async () => {
    const ranking = ShopRanking.open(testShop.shop.store, { explore: 0 });
    const jackets = await listFor('warm jacket');
    const viewed = jackets.hits[0]!.product;
    const list = await listFor('something for the weekend', ranking, { viewed: [viewed.id], clicked: [], cart: [] });
    const session = list.ranking!.items.map((item) => item.features.session!);
    expect(session.every((value) => Number.isFinite(value))).toBe(true);
    const { kb } = services();
    const sameType = (await listFor('warm jacket', ranking, { viewed: [viewed.id], clicked: [], cart: [] })).ranking!.items;
    // The jacket list, read after viewing a jacket: each of its jackets shares the viewed type (share 1).
    for (const item of sameType) if (kb.typeOf(kb.product(item.productId)!) === kb.typeOf(viewed)) expect(item.features['same-type']).toBe(1);
    expect(Math.max(...sameType.map((item) => item.features.session!))).toBeGreaterThan(Math.max(...session));
  });

  it('draws candidates near the session too: the query\'s own top k unchanged, the others scored by the query alone', async () => {
    const { kb, encoder } = services();
    const [vector] = await encoder.embed(['warm jacket']);
    const plain = kb.searchProducts({ vector: vector! }, { k: 8 });
    const [kettleVector] = await encoder.embed(['electric kettle']);
    const kettle = kb.searchProducts({ vector: kettleVector! }, { k: 1 })[0]!.product;
    const session = kb.productVector(kettle.id)!;
    const withSession = kb.searchProducts({ vector: vector! }, { k: 8, session });
    expect(withSession.slice(0, 8).map((hit) => hit.product.id)).toEqual(plain.map((hit) => hit.product.id));
    const extra = withSession.slice(8);
    expect(extra.length).toBeGreaterThan(0);
    // Kitchen things the jacket search alone would not have proposed.
    expect(extra.some((hit) => hit.product.category === kettle.category)).toBe(true);
    for (const hit of extra) expect(hit.cosine).toBeCloseTo([...kb.productVector(hit.product.id)!].reduce((sum, x, i) => sum + x * vector![i]!, 0), 5);
  });

  it('shuffles a share of lists to explore, logging each product\'s propensity at the place it was shown', async () => {
    let draws = 0;
    // A random source that always explores and reverses the list (each swap picks the first element left).
    const ranking = ShopRanking.open(testShop.shop.store, { explore: 0.2, random: () => (draws++ === 0 ? 0.1 : 0) });
    const unshuffled = await listFor('warm jacket', ShopRanking.open(testShop.shop.store, { explore: 0 }));
    const plain = ids(unshuffled);
    const shuffled = await listFor('warm jacket', ranking);
    expect(shuffled.ranking!.explored).toBe(true);
    expect(new Set(ids(shuffled))).toEqual(new Set(plain));
    expect(ids(shuffled)).not.toEqual(plain);
    const k = plain.length;
    shuffled.ranking!.items.forEach((item, i) => expect(item.propensity).toBeCloseTo((plain[i] === item.productId ? 0.8 : 0) + 0.2 / k, 10));
    // Each product's reason is still its own after the shuffle.
    const reasonOf = new Map(unshuffled.hits.map((hit, i) => [hit.product.id, unshuffled.reasons[i]]));
    shuffled.hits.forEach((hit, i) => expect(shuffled.reasons[i]).toBe(reasonOf.get(hit.product.id)));
  });
});
