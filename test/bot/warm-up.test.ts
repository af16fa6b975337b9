/** bot/warm-up.ts on the small demo shop: the real model, indexes and decide(). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShop } from '../../bot/startup.js';
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
    // Six paths, an unheard-of make before the first type's name, each type, each entry.
    expect(texts).toBe(2 + 6 + 1 + kb.productTypes.types.length + kb.faqEntries().length);
    expect(ms).toBeGreaterThan(0);
  });

  it('stops when its time is up, whatever is left', async () => {
    const { texts } = await warmUp(testShop.shop.current(), { budgetMs: -1 });
    expect(texts).toBe(0);
  });

  it('carries on past a turn that fails, and never fails the load', async () => {
    const services = testShop.shop.current();
    const { encoder } = services;
    // The real encoder, failing for one message as a broken model input would.
    const failing = { ...services, encoder: { ...encoder, embed: (texts: readonly string[]) => (texts.some((t) => t.includes('laptops')) ? Promise.reject(new Error('model failed')) : encoder.embed(texts)) } };
    const { texts, failed } = await warmUp(failing, { budgetMs: 60_000 });
    expect(failed).toEqual(['do you sell laptops?']);
    expect(texts).toBe(2 + 6 + 1 + services.kb.productTypes.types.length + services.kb.faqEntries().length);
  });

  it('runs when a shop opens, unless it is told not to', async () => {
    const log: string[] = [];
    const shop = await openShop(testShop.config, { log: (m) => log.push(m) });
    shop.store.close();
    await shop.current().encoder.dispose();
    expect(log.find((line) => line.startsWith('warm-up:'))).toMatch(/^warm-up: \d+ messages in \d+ ms$/);
    const quiet: string[] = [];
    const unwarmed = await openShop(testShop.config, { log: (m) => quiet.push(m), warmUp: false });
    unwarmed.store.close();
    await unwarmed.current().encoder.dispose();
    expect(quiet.some((line) => line.startsWith('warm-up:'))).toBe(false);
  });
});
