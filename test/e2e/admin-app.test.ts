/**
 * The admin app in a real browser (Debian's Chromium through playwright-core), on the real bot:
 * shoppers chat through Direct Line, then a support user logs in, finds the conversation the bot
 * declined by filtering, opens it, sees the bot's decision, and corrects it with the keyboard; the
 * correction is a review that fine-tuning reads, and an entry in the audit log an admin sees. All of
 * it under the page's Content-Security-Policy, with no violation and no console error.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts } from '../../bot/admin/accounts.js';
import { CHROMIUM_PATH, DirectLineClient, RUN_BROWSER_TESTS, startTestServer, type TestServer } from '../helpers.js';

const PASSWORD = 'a long test passphrase';

async function openAdmin(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // A missing element fails the step in 10 s, naming it, rather than the whole test timing out.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // A 401 before login (GET /api/admin/session) is how the app learns it must show the login; anything else is a problem.
  page.on('console', (message) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !/status of 401/.test(message.text())) problems.push(message.text());
  });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)));
  await page.goto(`${url}/admin`);
  return { page, problems };
}

async function logIn(page: Page, user: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe.runIf(RUN_BROWSER_TESTS)('the admin app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let declined: DirectLineClient;
  let answered: DirectLineClient;
  beforeAll(async () => {
    if (!CHROMIUM_PATH) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
    server = await startTestServer();
    const accounts = new AdminAccounts(server.shop.store.db);
    await accounts.addUser('sam', 'support', PASSWORD);
    await accounts.addUser('ada', 'admin', PASSWORD);
    await accounts.addUser('cora', 'catalog', PASSWORD);
    answered = await new DirectLineClient(server.url).start();
    await answered.say('how much does shipping cost?');
    const productId = server.shop.current().kb.products()[0]!.id;
    await answered.send({ type: 'event', name: 'cart.add', value: { productId } });
    declined = await new DirectLineClient(server.url).start();
    await declined.say('who won the football last night');
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password on the page, saying so, and keeps the login', async () => {
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'sam', 'not the password at all');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('wrong user name or password');
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.close();
  });

  it('lets support filter to the declined conversation, open it, see the decision and correct it by keyboard', async () => {
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'sam');
    const rows = page.locator('table.conversations tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    // Only support's pages: no audit log.
    await expect.poll(() => page.locator('nav a').allInnerTexts()).toEqual(['Dashboard', 'Conversations', 'Unanswered', 'Handoffs']);

    await page.getByLabel('Reply kind').selectOption('fallback');
    await expect.poll(() => page.locator('table.conversations tbody tr').allInnerTexts()).toEqual([expect.stringContaining('who won the football last night')]);
    await page.getByLabel('Cart add').selectOption('true');
    await expect.poll(() => page.locator('.count').innerText()).toBe('No conversation matches.');
    await page.getByLabel('Cart add').selectOption('');
    await expect.poll(() => rows.count()).toBe(1);

    // Keyboard: the first row is selected; Enter opens it.
    await page.locator('h1').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').innerText()).toBe(`Conversation ${declined.conversationId}`);
    const reply = page.locator('.transcript li.bot').first();
    await expect.poll(() => reply.locator('.decision').innerText()).toMatch(/Kind\s+fallback\s+Confidence\s+0\.\d\d\s+FAQ candidates\s+[a-z-]+ 0\.\d\d · [a-z-]+ 0\.\d\d · [a-z-]+ 0\.\d\d/);

    await page.keyboard.press('n');
    const picker = page.getByLabel('The right entry for “who won the football last night”');
    await expect.poll(() => picker.evaluate((element) => element === document.activeElement)).toBe(true);
    await picker.selectOption('contact-hours');
    await picker.press('Enter');
    await expect.poll(() => reply.locator('.saved').innerText()).toBe('Reviewed: wrong, should be contact-hours');
    expect(server.shop.store.reviewedAnswers().map(({ query, faqId, verdict }) => ({ query, faqId, verdict }))).toEqual([
      { query: 'who won the football last night', faqId: 'contact-hours', verdict: 'corrected' },
    ]);

    await page.locator('a', { hasText: '← Conversations' }).click();
    await page.getByLabel('Reviewed').selectOption('false');
    await expect.poll(() => page.locator('table.conversations tbody tr').allInnerTexts()).toEqual([expect.stringContaining('how much does shipping cost?')]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets support correct a product list to the right product, picked from a search for the shopper\'s words', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('show me backpacks');
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'sam');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Conversations');
    await page.evaluate((id) => (location.hash = `#/conversations/${encodeURIComponent(id)}`), shopper.conversationId);
    const reply = page.locator('.transcript li.bot').first();
    await expect.poll(() => reply.locator('.decision').innerText()).toMatch(/Kind\s+products/);
    await page.locator('h1').click();
    await page.keyboard.press('n');
    const picker = page.getByLabel('The right product for “show me backpacks”');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
    const [, , second] = await picker.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await picker.selectOption(second!);
    await picker.press('Enter');
    await expect.poll(() => reply.locator('.saved').innerText()).toBe(`Reviewed: wrong, should be ${second}`);
    expect(server.shop.store.reviewedProducts().map(({ query, productId, verdict }) => ({ query, productId, verdict }))).toEqual([{ query: 'show me backpacks', productId: second, verdict: 'corrected' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets support fix a group of unanswered questions with a new FAQ entry, which the bot answers at once', async () => {
    for (const text of ['do you offer engraving?', 'is engraving possible on the watches']) await (await new DirectLineClient(server.url).start()).say(text);
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'sam');
    await page.locator('nav a', { hasText: 'Unanswered' }).click();
    const group = page.locator('li.cluster', { hasText: 'is engraving possible on the watches' });
    await expect.poll(async () => (await group.locator('ul.messages li').allInnerTexts()).map((text) => text.trim().split(' · ')[0]).sort(), { timeout: 20_000 }).toEqual([
      'do you offer engraving?',
      'is engraving possible on the watches',
    ]);
    await group.getByRole('button', { name: 'New FAQ entry…' }).click();
    // An id is suggested from the group's label ("offer-engraving" or "engraving-possible-watches").
    expect(await group.getByLabel('Id').inputValue()).toMatch(/engraving/);
    await group.getByLabel('Id').fill('engraving');
    await group.getByLabel('Answer').fill('Yes: we engrave up to 20 characters on any watch for $15. Add engraving at checkout.');
    await group.getByRole('button', { name: 'Create with 2 questions' }).click();
    await expect.poll(() => page.locator('.saved').innerText(), { timeout: 30_000 }).toBe('Created the FAQ entry engraving. It is live; the questions it answers have left this list.');
    await expect.poll(() => page.locator('li.cluster', { hasText: 'engraving' }).count()).toBe(0);
    const replies = await (await new DirectLineClient(server.url).start()).say('any chance you could engrave my watch?');
    expect(replies.find((a: { type: string }) => a.type === 'message')?.channelData?.aisle).toMatchObject({ kind: 'faq', faqId: 'engraving' });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('lets support take a shopper from the handoff queue, write to them, and hand them back to the bot', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('can I speak to a human please');
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'sam');
    await page.locator('nav a', { hasText: 'Handoffs' }).click();
    const row = page.locator(`tr[data-conversation="${shopper.conversationId}"]`);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toMatch(/^1\s+just now\s+/);
    await row.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(async () => (await shopper.poll()).map((a: { text?: string }) => a.text)).toContain('sam from our support team has joined the conversation.');
    await page.getByLabel('Message to the shopper').fill('Hello! What can I do for you?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(async () => (await shopper.poll()).map((a: { text?: string }) => a.text)).toContain('sam: Hello! What can I do for you?');
    // The shopper's answer reaches the agent's screen, and the bot stays quiet.
    expect(await shopper.say('where is my order 4411?')).toEqual([]);
    await expect.poll(() => page.locator('.live-transcript').innerText(), { timeout: 10_000 }).toMatch(/Shopper\s+where is my order 4411\?/);
    await page.getByRole('button', { name: 'Hand back to Aisle' }).click();
    await expect.poll(() => page.locator('.count').innerText()).toBe('No shopper is waiting for a person.');
    await expect.poll(async () => (await shopper.poll()).map((a: { text?: string }) => a.text)).toContain("sam has handed you back to Aisle, the shop's assistant. Ask me anything.");
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('lets a catalog manager upload a CSV, read the report, find the new product in chat, and delete it', async () => {
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'cora');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Catalog');
    await expect.poll(() => page.locator('nav a').allInnerTexts()).toEqual(['Dashboard', 'Catalog']);
    const csv = [
      'id,type,title,description,category,brand,price',
      'KIT-9001,waffle maker,Hearth & Pine Cast Iron Waffle Maker,Stovetop waffle iron in seasoned cast iron.,Kitchen & Cookware,Hearth & Pine,44.99',
      'KIT-9002,saucepan,Broken Pan,A pan,Kitchen & Cookware,Hearth & Pine,-5',
    ].join('\n');
    await page.getByLabel('File (CSV, JSON array, NDJSON)').setInputFiles({ name: 'new-products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('.report').innerText(), { timeout: 30_000 }).toMatch(/^Read 2 rows \(csv\): 1 added, 0 updated, 0 unchanged, 1 rejected\. Live in search after \d+\.\d s\./);
    expect(await page.locator('table.rejected tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^3\s+KIT-9002\s+price/)]);

    const shopper = await new DirectLineClient(server.url).start();
    const replies = await shopper.say('do you sell waffle makers?');
    expect(replies.find((a: { type: string }) => a.type === 'message')?.channelData?.aisle?.products?.map((p: { id: string }) => p.id)).toEqual(['KIT-9001']);

    await page.getByLabel('Find products').fill('waffle maker');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('tr[data-product="KIT-9001"]');
    await row.getByRole('button', { name: 'Delete…' }).click();
    await row.getByRole('button', { name: 'Delete KIT-9001' }).click();
    await expect.poll(() => page.locator('.saved').innerText()).toBe('Deleted KIT-9001: it is no longer shown in chat.');
    expect((await fetch(`${server.url}/api/products/KIT-9001`)).status).toBe(404);

    // A full rebuild in the background, its progress on the page, and the old indexes kept to roll back to.
    await page.getByRole('button', { name: 'Rebuild every index' }).click();
    await expect.poll(() => page.locator('.index-status').innerText(), { timeout: 120_000 }).toMatch(/^Rebuilt every index in [\d.]+ s; serving /);
    await expect.poll(() => page.locator('table.snapshots tbody tr').count()).toBe(1);
    expect(await page.locator('table.snapshots tbody tr').innerText()).toMatch(/reindex/);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows an admin the audit log with who corrected what', async () => {
    const { page, problems } = await openAdmin(browser, server.url);
    await logIn(page, 'ada');
    await expect.poll(() => page.locator('nav a').allInnerTexts()).toEqual(['Dashboard', 'Conversations', 'Unanswered', 'Handoffs', 'Catalog', 'Audit log']);
    // An admin lands on the dashboard: today's replies are charted, and the figures are the API's.
    await expect.poll(() => page.locator('h1').innerText()).toBe('Dashboard');
    const api = await (await page.request.get(`${server.url}/api/admin/dashboard?days=14`)).json();
    const today = api.days[api.days.length - 1];
    expect(today.replies).toBeGreaterThan(5);
    expect(today.handoffs).toBe(1);
    expect(today.reviews).toBe(2);
    expect(today.reviewedWrong).toBe(1);
    await expect.poll(() => page.locator('.totals').innerText()).toMatch(new RegExp(`^${api.days.reduce((n: number, d: { replies: number }) => n + d.replies, 0)} replies, 1 handoff and 2 reviews in 14 days`));
    expect(await page.locator('figure.chart').count()).toBe(6);
    expect(await page.locator('figure.chart polyline, figure.chart circle').count()).toBeGreaterThan(0);
    await page.locator('nav a', { hasText: 'Audit log' }).click();
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.allInnerTexts(), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/^\S.*\s+cora\s+indexes\.reindex\s+/),
      expect.stringMatching(/^\S.*\s+cora\s+product\.delete\s+KIT-9001\s+/),
      expect.stringMatching(/^\S.*\s+cora\s+product\.add\s+KIT-9001\s+/),
      expect.stringMatching(/^\S.*\s+sam\s+handoff\.release\s+/),
      expect.stringMatching(/^\S.*\s+sam\s+handoff\.claim\s+/),
      expect.stringMatching(/^\S.*\s+sam\s+faq\.add\s+engraving\s+/),
      expect.stringMatching(/^\S.*\s+sam\s+review\.product\.correct\s+/),
      expect.stringMatching(new RegExp(`sam\\s+review\\.correct\\s+${declined.conversationId}\\s+faqId: — → contact-hours`)),
    ]);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
