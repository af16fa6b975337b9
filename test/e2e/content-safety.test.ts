/**
 * The demo page under its Content-Security-Policy in a real browser (Debian's Chromium, driven by
 * playwright-core): the chat loads and answers with no policy violation, and bot text carrying an
 * image or a link from another origin (a second server on another port plays it, counting what
 * reaches it) never makes the browser fetch from there: not from the bot's sanitised answer, not
 * from an activity that got past the bot (injected into the Direct Line), not from an image the
 * page itself would add.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFaq, startTestServer, type TestServer, CHROMIUM_PATH, RUN_BROWSER_TESTS } from '../helpers.js';


/** Another origin: a server on another port that records every request reaching it. */
async function startOutside(): Promise<{ url: string; requests: string[]; close(): void }> {
  const requests: string[] = [];
  const app = express();
  app.use((req, res) => {
    requests.push(req.url);
    res.type('image/gif').send(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() };
}

/** Policy violations the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

describe.runIf(RUN_BROWSER_TESTS)('content safety in Chromium', () => {
  let server: TestServer;
  let outside: Awaited<ReturnType<typeof startOutside>>;
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM_PATH) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
    outside = await startOutside();
    const answer =
      `Pine Club is free: open [your account](/account). Check your points with [our partner](${outside.url}/points)` +
      `![](${outside.url}/pixel.gif) <img src="${outside.url}/raw.gif"> or at ${outside.url}/bare.`;
    server = await startTestServer({ faq: demoFaq.map((entry) => (entry.id === 'loyalty-program' ? { ...entry, answer } : entry)) });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    outside?.close();
  });

  it('loads the chat and answers under the policy with no violation, and the sanitised answer fetches nothing from elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
    const violations = await watchViolations(page);
    await page.goto(server.url);
    const chat = page.locator('#webchat');
    const input = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await input.waitFor({ timeout: 30_000 });

    await input.fill('Do you have a loyalty program?');
    await input.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 30_000 }).toContain('Pine Club is free');
    const text = await chat.innerText();
    expect(text).toContain('Check your points with our partner');
    expect(text).toContain('<img src=');
    // The bot sent the bare URL as code (bot/safe-markdown.ts), which no renderer links.
    expect(await chat.locator('code').allInnerTexts()).toContain(`${outside.url}/bare`);
    // The one link is the page's own (Web Chat links absolute URLs only: the page makes the relative one absolute).
    expect(await chat.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([`${server.url}/account`]);
    expect(await chat.locator(`img[src^="${outside.url}"]`).count()).toBe(0);

    // Product cards: their pictures come from the page's own origin, and show.
    await input.fill('watches under $300');
    await input.press('Enter');
    const picture = chat.locator('img[src^="/img/products/"]').first();
    await picture.waitFor({ timeout: 30_000 });
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 15_000 }).toBe(true);

    expect(outside.requests).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps an image or link from elsewhere out of the page even in bot text that did not go through the bot, and the policy blocks the page adding one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watchViolations(page);
    const marker = 'Injected after the bot';
    let injected = false;
    // An activity the bot never sent, added to the first poll that brings a bot reply.
    await page.route('**/v3/directline/conversations/*/activities*', async (route) => {
      if (route.request().method() !== 'GET' || injected) return route.continue();
      const response = await route.fetch();
      const body = await response.json();
      const reply = body.activities?.find((activity: { type: string; from?: { role?: string }; replyToId?: string }) => activity.type === 'message' && activity.from?.role === 'bot' && activity.replyToId);
      if (reply) {
        injected = true;
        body.activities.push({
          ...reply,
          id: `${reply.id}-injected`,
          text: `${marker}: ![pixel](${outside.url}/injected.gif) [a page](${outside.url}/page) <img src="${outside.url}/injected-raw.gif"> ${outside.url}/bare`,
          attachments: [],
          suggestedActions: undefined,
          channelData: {},
        });
      }
      await route.fulfill({ response, json: body });
    });
    await page.goto(server.url);
    const chat = page.locator('#webchat');
    const input = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await input.waitFor({ timeout: 30_000 });
    await input.fill('How much does shipping cost?');
    await input.press('Enter');
    await expect.poll(() => chat.innerText(), { timeout: 30_000 }).toContain(marker);
    const text = await chat.innerText();
    expect(text).toContain('a page');
    expect(await chat.locator(`a[href^="${outside.url}"]`).count()).toBe(0);
    expect(await chat.locator(`img[src^="${outside.url}"]`).count()).toBe(0);
    expect(outside.requests).toEqual([]);
    expect(await violations()).toEqual([]);

    // Past the chat too: an image from elsewhere the page itself adds is blocked by the policy.
    await page.evaluate((src) => {
      const image = document.createElement('img');
      image.src = src;
      document.body.append(image);
    }, `${outside.url}/added-by-page.gif`);
    await expect.poll(violations, { timeout: 10_000 }).toEqual([`img-src ${outside.url}/added-by-page.gif`]);
    expect(outside.requests).toEqual([]);
  });
});
