/**
 * Content safety end to end: what the catalog and the FAQ say reaches the chat without markup of
 * their own. An FAQ answer with a link elsewhere, a tracking pixel and raw HTML, and a product whose
 * picture is elsewhere and whose description links out, go through real turns on the real model,
 * over the local Direct Line (Web Chat's) and /api/messages (a channel's, CloudAdapter); the
 * middleware's rules on cards and buttons; the page's Content-Security-Policy and security headers.
 */
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bot/app.js';
import { unauthenticatedBotFramework } from '../../bot/config.js';
import { safeActivity } from '../../bot/content-safety.js';
import { EMPTY_STYLE_HASH } from '../../bot/security-headers.js';
import { productCard } from '../../bot/reply.js';
import type { FaqEntry, Product } from '../../catalog/index.js';
import { ADMIN_TOKEN, demoFaq, DirectLineClient, smallDemoProducts, startTestServer, type TestServer } from '../helpers.js';
import { images, links, markdownProblems, renderLikeWebChat } from './markdown-check.js';

const SHOP = 'https://shop.example';

/** The demo FAQ, its loyalty entry's answer rewritten by someone who should not have. */
const LOYALTY_ANSWER =
  'Pine Club is free: read [the Pine Club terms](https://shop.example/pine-club) or open [your account](/account). ' +
  'Check your points with [our partner](https://evil.example/points?u=1)![](https://tracker.example/pixel.gif?u=1) ' +
  '<img src="https://tracker.example/raw.gif" onerror="alert(1)"> or at www.evil.example/points.';
const faq: FaqEntry[] = demoFaq.map((entry) => (entry.id === 'loyalty-program' ? { ...entry, answer: LOYALTY_ANSWER } : entry));

const base = smallDemoProducts();
const outsidePicture: Product = {
  ...base[0]!,
  imageUrl: 'https://tracker.example/p.gif',
  description: 'Warm and light. Details at [the maker](https://evil.example/maker) or www.evil.example. <img src=x onerror=alert(1)>',
};
const shopPicture: Product = { ...base[1]!, imageUrl: 'https://shop.example/img/p2.jpg' };
const products = [outsidePicture, shopPicture, ...base.slice(2)];

/** Checks bot markdown as Web Chat renders it: no tag of its own, no link or image outside the page and the shop. */
function expectSafe(markdown: string): string {
  const html = renderLikeWebChat(markdown);
  expect(markdownProblems(html, [SHOP]), `${markdown}\n-> ${html}`).toEqual([]);
  return html;
}

function expectLoyaltyAnswerSanitised(text: string): void {
  const html = expectSafe(text);
  expect(links(html)).toEqual(['https://shop.example/pine-club', '/account']);
  expect(images(html)).toEqual([]);
  expect(html).toContain('Check your points with our partner');
  expect(html).toContain('&lt;img');
  expect(text).not.toContain('tracker.example/pixel');
  expect(text).toContain('`www.evil.example/points`');
}

describe('content safety through real turns', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ faq, products, shopOrigins: [SHOP] });
  });
  afterAll(() => server?.close());

  it('sends an FAQ answer over Direct Line with links only to the shop, no pixel and no HTML; the transcript keeps what was sent', async () => {
    const client = await new DirectLineClient(server.url).start();
    const [reply] = await client.say('Do you have a loyalty program?');
    expect(reply.channelData.aisle).toMatchObject({ kind: 'faq', faqId: 'loyalty-program' });
    expectLoyaltyAnswerSanitised(reply.text);
    const transcript = await (await fetch(`${server.url}/api/transcripts/${client.conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    const sent = transcript.items.filter((item: Activity) => item.from?.role === 'bot' && item.type === 'message');
    expect(sent.length).toBeGreaterThan(0);
    for (const item of sent) expect(item.text).not.toContain('](https://evil.example');
  });

  it('sends the same answer sanitised through /api/messages (CloudAdapter) to a channel', async () => {
    const received: any[] = [];
    const channelApp = express();
    channelApp.use(express.json());
    channelApp.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
      received.push(req.body);
      res.json({ id: `reply-${received.length}` });
    });
    const channel = channelApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => channel.once('listening', resolve));
    try {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'safety-1',
          text: 'Do you have a loyalty program?',
          channelId: 'emulator',
          serviceUrl: `http://127.0.0.1:${(channel.address() as AddressInfo).port}`,
          from: { id: 'user-1', name: 'Shopper' },
          recipient: { id: 'bot', name: 'Aisle' },
          conversation: { id: 'safety-conversation-1' },
          timestamp: new Date().toISOString(),
        }),
      });
      expect(response.status).toBeLessThan(300);
      expect(received).toHaveLength(1);
      expect(received[0].channelData.aisle).toMatchObject({ kind: 'faq', faqId: 'loyalty-program' });
      expectLoyaltyAnswerSanitised(received[0].text);
    } finally {
      channel.close();
    }
  });

  it("shows a product's card without a picture from elsewhere or links in its description, and keeps a picture from the shop", async () => {
    const client = await new DirectLineClient(server.url).start();
    const [outside] = await client.send({ type: 'message', value: { action: 'view', productId: outsidePicture.id } });
    const card = outside.attachments[0].content;
    expect(card.images).toEqual([]);
    expect(card.title).toBe(outsidePicture.title);
    const html = expectSafe(card.text);
    expect(links(html)).toEqual([]);
    expect(html).toContain('Details at the maker or <code>www.evil.example</code>.');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const [inShop] = await client.send({ type: 'message', value: { action: 'view', productId: shopPicture.id } });
    expect(inShop.attachments[0].content.images).toEqual([{ url: 'https://shop.example/img/p2.jpg' }]);
  });

  it('serves the page with a strict Content-Security-Policy, a fresh style nonce each time, and the usual security headers', async () => {
    const first = await fetch(`${server.url}/`);
    const second = await fetch(`${server.url}/`);
    const csp = first.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    const nonce = /'nonce-([^']+)'/.exec(directives['style-src'] ?? '')?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': `'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
      'img-src': `'self' data: blob: ${SHOP}`,
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'self'",
      'object-src': "'none'",
    });
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    // The page hands its nonce and the shop's origins to shop.js, which hands them to Web Chat.
    const page = await first.text();
    expect(page).toContain(`<script src="/shop.js" nonce="${nonce}" data-shop-origins="${SHOP}"></script>`);
    expect(first.headers.get('cache-control')).toBe('no-store');
    for (const response of [first, await fetch(`${server.url}/shop.js`), await fetch(`${server.url}/webchat/webchat.js`), await fetch(`${server.url}/img/products/${shopPicture.id}.svg`)]) {
      expect(response.status, response.url).toBe(200);
      expect(response.headers.get('content-security-policy'), response.url).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), response.url).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), response.url).toBe('SAMEORIGIN');
      expect(response.headers.get('cross-origin-opener-policy'), response.url).toBe('same-origin');
      expect(response.headers.get('x-powered-by'), response.url).toBeNull();
    }
  });
});

describe('the page before the shop has loaded, with no SHOP_ORIGINS', () => {
  it('allows images from the page itself only', async () => {
    const aisle = createApp({ config: { adminToken: ADMIN_TOKEN, botFramework: unauthenticatedBotFramework }, log: () => undefined });
    const server = aisle.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(/(^|;)img-src 'self' data: blob:(;|$)/);
      expect(await response.text()).toContain('data-shop-origins=""');
    } finally {
      aisle.close();
      server.close();
    }
  });
});

describe('ContentSafetyMiddleware rules (safeActivity)', () => {
  it('cleans a hero card: its text, its pictures and its buttons', () => {
    const activity = safeActivity(
      {
        type: 'message',
        text: '[x](https://evil.example) **ok**',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: {
              title: 'Tent <img src=x onerror=alert(1)>',
              subtitle: '$99 · Fjellby',
              text: 'Why: [cheap](https://evil.example/c)',
              images: [{ url: 'https://tracker.example/p.gif' }, { url: '/img/products/p1.svg', tap: { type: 'openUrl', title: 'Open', value: 'javascript:alert(1)' } }],
              buttons: [
                { type: 'postBack', title: 'View', value: { action: 'view', productId: 'p1' } },
                { type: 'openUrl', title: 'Buy', value: 'https://evil.example/buy' },
                { type: 'openUrl', title: 'Terms', value: 'https://shop.example/terms' },
              ],
            },
          },
        ],
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Returns?', value: 'Returns?' }, { type: 'openUrl', title: 'Win', value: 'data:text/html,hi' }] },
      },
      [SHOP],
    );
    expect(activity.text).toBe('x **ok**');
    expect(activity.attachments![0]!.content).toEqual({
      title: 'Tent \\<img src=x onerror=alert(1)>',
      subtitle: '$99 · Fjellby',
      text: 'Why: cheap',
      images: [{ url: '/img/products/p1.svg' }],
      buttons: [
        { type: 'postBack', title: 'View', value: { action: 'view', productId: 'p1' } },
        { type: 'openUrl', title: 'Terms', value: 'https://shop.example/terms' },
      ],
    });
    expect(activity.suggestedActions!.actions).toEqual([{ type: 'imBack', title: 'Returns?', value: 'Returns?' }]);
  });

  it('cleans an Adaptive Card and drops a file attachment from elsewhere; plain text stays as written', () => {
    const activity = safeActivity(
      {
        type: 'message',
        text: 'see https://evil.example',
        textFormat: 'plain',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              version: '1.5',
              body: [
                { type: 'TextBlock', text: '![p](https://tracker.example/p.gif) hi' },
                { type: 'Image', url: 'https://tracker.example/i.png' },
                { type: 'Image', url: 'https://shop.example/i.png' },
                { type: 'FactSet', facts: [{ title: 'Maker', value: '[site](https://evil.example)' }] },
                { type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://evil.example/v.mp4' }] },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Go', url: 'javascript:alert(1)' }, { type: 'Action.Submit', title: 'Ask' }],
            },
          },
          { contentType: 'image/png', contentUrl: 'https://tracker.example/i.png' },
          { contentType: 'text/markdown', content: '<b>bold</b>' },
        ],
      },
      [SHOP],
    );
    expect(activity.text).toBe('see https://evil.example');
    expect(activity.attachments).toEqual([
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            { type: 'TextBlock', text: ' hi' },
            { type: 'Image', url: 'https://shop.example/i.png' },
            { type: 'FactSet', facts: [{ title: 'Maker', value: 'site' }] },
          ],
          actions: [{ type: 'Action.Submit', title: 'Ask' }],
        },
      },
      { contentType: 'text/markdown', content: '\\<b>bold\\</b>' },
    ]);
  });

  it('never puts a picture that is not http(s) on a product card (a row stored before ingest checked)', () => {
    const card = productCard({ id: 'p1', title: 'Lamp', imageUrl: 'javascript:alert(1)' });
    expect(card.content.images).toEqual([]);
    expect(productCard({ id: 'p2', title: 'Rug', imageUrl: '/img/products/p2.svg' }).content.images).toEqual([{ url: '/img/products/p2.svg' }]);
  });
});
