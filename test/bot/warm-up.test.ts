/** bot/warm-up.ts on the small demo shop: the real model, indexes and decide(). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUp } from '../../bot/warm-up.js';
import { openTestShop, type TestShop } from '../helpers.js';

describe('warmUp', () => {
  let testShop: TestShop;
  beforeAll(async () => {
    testShop = await openTestShop();
  });
  afterAll(() => testShop.close());

  it('asks for every type by name and asks every FAQ entry\'s first question, beside the paths no shop word walks', async () => {
    const services = testShop.shop.current();
    const { kb } = services;
    const { texts, ms } = await warmUp(services, { budgetMs: 60_000 });
    expect(texts).toBe(6 + kb.productTypes.types.length + kb.faqEntries().length);
    expect(ms).toBeGreaterThan(0);
  });

  it('stops when its time is up, whatever is left', async () => {
    const { texts } = await warmUp(testShop.shop.current(), { budgetMs: -1 });
    expect(texts).toBe(0);
  });
});
