/**
 * A shopper in a real browser: Debian's Chromium, driven by playwright-core, opens the demo
 * shop's page served by Aisle. In the chat, asks a question and sees the answer and the
 * suggested next questions, then asks for products and sees cards. In the shop beside it,
 * browses a category, opens a product and puts it in the cart, and sees what the page and the
 * chat suggest change to follow it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startTestServer, type TestServer, CHROMIUM_PATH, RUN_BROWSER_TESTS } from '../helpers.js';


describe.runIf(RUN_BROWSER_TESTS)('Web Chat in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM_PATH) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers a typed question with the FAQ answer and suggested actions, then shows product cards', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(server.url);
    const input = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await input.waitFor({ timeout: 30_000 });
    await input.fill('how do I return something?');
    await input.press('Enter');
    await expect.poll(() => page.locator('#webchat').innerText(), { timeout: 30_000 }).toMatch(/return most items within 30 days/);
    const suggestion = page.getByRole('button', { name: 'How do I get a return label?' }).first();
    await suggestion.waitFor({ timeout: 15_000 });

    await suggestion.click();
    await expect.poll(() => page.locator('#webchat').innerText(), { timeout: 30_000 }).toMatch(/print the label or show a QR code/);

    await input.fill('watches under $300');
    await input.press('Enter');
    // The opening line the shopper sees states the catalog's own count of watches under $300 (every word
    // of the request read into a filter; "a warm jacket" would be the closest matches, uncounted), and
    // asks which kind, since the list shows several.
    const total = server.shop.current().kb.countProducts({ category: 'Watches', maxPrice: 300 });
    expect(total).toBeGreaterThan(6);
    await expect.poll(() => page.locator('#webchat').innerText(), { timeout: 30_000 }).toContain(`I found ${total} watches that match. Which kind are you after? Here are 6 of them:`);
    await page.getByRole('button', { name: 'More like this' }).first().waitFor({ timeout: 15_000 });
    // Each card says why it is shown, on the card the shopper sees.
    await expect.poll(() => page.locator('#webchat').innerText(), { timeout: 15_000 }).toMatch(/Why: \$\d+\.\d\d, under \$300/);
    // For people reviewing a CI run: what the shopper saw.
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'web-chat.png') });
  });

  it('browses the shop beside the chat, and the suggestions on the page and in the chat follow what was browsed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
    await page.goto(server.url);
    const { kb } = server.shop.current();
    const chat = page.locator('#webchat');
    const input = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await input.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('#catalog-size').innerText(), { timeout: 15_000 }).toBe(`A generated catalog of ${kb.productCount} products in 15 categories, to try the assistant on.`);
    await expect.poll(() => page.locator('#for-you-empty').isVisible()).toBe(true);

    // Before any browsing, the chat has nothing of this shopper's to go on.
    await input.fill('what would you recommend for me?');
    await input.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 30_000 }).toMatch(/Tell me what you.re after|Here are some picks for you/);
    expect(await chat.innerText()).not.toMatch(/because you viewed|in your cart/);

    // A category's grid, then a tent's page.
    await page.getByRole('button', { name: 'Outdoor & Camping' }).click();
    const grid = page.locator('#grid .card');
    await expect.poll(() => grid.count(), { timeout: 15_000 }).toBe(kb.countProducts({ category: 'Outdoor & Camping' }));
    const tent = kb.products().find((p) => p.category === 'Outdoor & Camping' && p.title.endsWith(' Tent') && p.inStock !== false)!;
    await page.locator(`#grid .card[data-product-id="${tent.id}"]`).click();
    await expect.poll(() => page.locator('#product-page h2').innerText(), { timeout: 15_000 }).toBe(tent.title);
    await expect.poll(() => page.locator('#for-you-items').innerText(), { timeout: 15_000 }).toContain(`because you viewed the ${tent.title}`);
    const suggested = await page.locator('#for-you-items .card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-product-id')));
    expect(suggested.length).toBeGreaterThan(2);
    expect(suggested).not.toContain(tent.id);

    // Into the cart: the page's suggestions now start from the cart.
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('#cart-count').innerText()).toBe('1');
    await expect.poll(() => page.locator('#for-you-items').innerText(), { timeout: 15_000 }).toContain(`similar to the ${tent.title} in your cart`);
    const logged = server.shop.store.db.prepare<[string], { name: string }>('SELECT name FROM events WHERE product_id = ? ORDER BY id').all(tent.id).map((row) => row.name);
    expect(logged).toEqual(['product.view', 'cart.add']);

    // The chat follows the browsing too.
    await input.fill('what would you recommend for me?');
    await input.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 30_000 }).toContain(`Why: similar to the ${tent.title} in your cart`);

    // A chat card's View button opens that product's page in the shop.
    await chat.getByRole('button', { name: 'View' }).last().click();
    await expect.poll(() => page.locator('#product-page h2').innerText(), { timeout: 15_000 }).not.toBe(tent.title);
    const opened = kb.product((await page.locator('#product-page').getAttribute('data-product-id'))!)!;
    expect(await page.locator('#product-page h2').innerText()).toBe(opened.title);
    // One of the chat's picks (their cards name them), and a click the bot recorded from the button itself.
    expect(await chat.innerText()).toContain(opened.title);
    await expect.poll(() => server.shop.store.db.prepare<[string], { name: string }>('SELECT name FROM events WHERE product_id = ? ORDER BY id').all(opened.id).map((row) => row.name)).toContain('product.click');
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(ROOT, 'test-results', 'demo-shop.png') });
  });
});
