/**
 * The real server end to end over HTTP on loopback: Direct Line round trips, card
 * buttons, shopper events, bad input, transcripts auth, health, metrics and the catalog API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../bot/app.js';
import { unauthenticatedBotFramework } from '../../bot/config.js';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, type TestServer } from '../helpers.js';

describe('Aisle over the local Direct Line', () => {
  let server: TestServer;
  let client: DirectLineClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = await new DirectLineClient(server.url).start();
  });
  afterAll(() => server.close());

  it('answers an FAQ question with suggested next questions', async () => {
    const [reply, ...rest] = await client.say('how do I return something?');
    expect(rest).toEqual([]);
    expect(reply.type).toBe('message');
    expect(reply.text).toMatch(/return most items within 30 days/);
    expect(reply.suggestedActions.actions.length).toBeGreaterThanOrEqual(2);
    expect(reply.channelData.aisle).toMatchObject({ kind: 'faq', faqId: 'returns-policy' });
    expect(reply.from).toMatchObject({ id: 'aisle', role: 'bot' });
  });

  it('answers a product request with a carousel of hero cards', async () => {
    const [reply] = await client.say('a warm jacket under $100');
    expect(reply.attachmentLayout).toBe('carousel');
    expect(reply.attachments.length).toBeGreaterThanOrEqual(3);
    expect(reply.attachments[0].content.images[0].url).toMatch(/^\/img\/products\/.+\.svg$/);
    const { aisle } = reply.channelData;
    expect(aisle.kind).toBe('products');
    for (const product of aisle.products) expect(product.price).toBeLessThanOrEqual(100);
    const image = await fetch(`${server.url}${reply.attachments[0].content.images[0].url}`);
    expect(image.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    // A tile names the product's type as its title spells it, not the title's last two words
    // ("... Women's Parka" is a "Parka", "... Building Blocks Set" a "Building Blocks Set").
    const { kb } = server.shop.current();
    const labelOf = (id: string) => kb.productTypes.types.find((t) => t.name === kb.typeOf(kb.product(id)!))?.label;
    const odd = kb.products().find((p) => { const label = labelOf(p.id); return label !== undefined && label.split(' ').length !== 2; })!;
    const svg = await (await fetch(`${server.url}/img/products/${odd.id}.svg`)).text();
    expect(odd.title.endsWith(labelOf(odd.id)!)).toBe(true);
    expect(svg).toContain(`>${labelOf(odd.id)}</text>`);
  });

  it('refines the last request with a follow-up, shows the context applied, and starts fresh after an FAQ answer', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('a warm jacket under $100');
    const [blue] = await shopper.say('any in blue?');
    const { aisle } = blue.channelData;
    expect(aisle.kind).toBe('products');
    expect(aisle.context).toMatchObject({ refines: 'a warm jacket under $100' });
    expect(aisle.context.applied).toEqual(expect.arrayContaining(['blue', 'under 100']));
    const { kb } = server.shop.current();
    for (const { id, price } of aisle.products) {
      expect(price).toBeLessThanOrEqual(100);
      expect(kb.product(id)!.category).toBe('Jackets & Coats');
      expect(kb.product(id)!.attributes?.colour).toMatch(/blue|navy|teal|indigo/);
    }
    const [answer] = await shopper.say('how long does delivery take');
    expect(answer.channelData.aisle.kind).toBe('faq');
    // Had the FAQ answer not ended the request, this would refine it.
    const [after] = await shopper.say('under 50');
    expect(after.channelData.aisle.context).toBeUndefined();
  });

  it('answers questions about a shown product from its data, and "it" follows what the shopper singled out, viewed or browsed', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const { kb } = server.shop.current();
    const [list] = await shopper.say('headphones with noise cancelling');
    const shown: string[] = list.channelData.aisle.products.map((p: { id: string }) => p.id);
    const [second] = await shopper.say('tell me about the second one');
    expect(second.channelData.aisle).toMatchObject({ kind: 'product-answer', confidence: 1, about: { productId: shown[1], asked: 'details', known: true } });
    expect(second.attachments[0].content.title).toBe(kb.product(shown[1]!)!.title);
    // Asked about in the chat, it counts as viewed: in the event log, and for what is suggested next.
    expect(server.shop.store.eventsFor(shopper.conversationId).filter((e) => e.name === 'product.view').map((e) => e.productId)).toEqual([shown[1]]);
    const [price] = await shopper.say('how much is it?');
    expect(price.channelData.aisle.about).toMatchObject({ productId: shown[1], asked: 'price' });
    expect(price.text).toContain(`$${kb.product(shown[1]!)!.price!.toFixed(2)}`);
    // Viewed from its card: the third is what "it" means now.
    await shopper.send({ type: 'message', value: { action: 'view', productId: shown[2] } });
    const [maker] = await shopper.say('who makes it?');
    expect(maker.channelData.aisle.about).toMatchObject({ productId: shown[2], asked: 'brand' });
    expect(maker.text).toContain(kb.product(shown[2]!)!.brand!);
    // Browsed on the shop's page, beside the chat.
    const browsed = kb.products().find((product) => product.inStock === true && !shown.includes(product.id))!;
    expect(await shopper.send({ type: 'event', name: 'product.view', value: { productId: browsed.id } })).toEqual([]);
    const [stock] = await shopper.say('is it in stock?');
    expect(stock.channelData.aisle.about).toMatchObject({ productId: browsed.id, asked: 'stock', known: true });
    expect(stock.text).toMatch(/^Yes, we have .+ in stock\.$/);
  });

  it('asks which one is meant when "it" could be any product of a list, each button asking about one', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const [list] = await shopper.say('hiking backpacks');
    const shown: string[] = list.channelData.aisle.products.map((p: { id: string }) => p.id);
    const [which] = await shopper.say('does it have a rain cover?');
    expect(which.channelData.aisle.kind).toBe('which-product');
    const buttons: { title: string; value: string }[] = which.suggestedActions.actions;
    expect(buttons.length).toBe(Math.min(shown.length, 6));
    expect(buttons[1]!.value).toBe('does the second one have a rain cover');
    const [answer] = await shopper.say(buttons[1]!.value);
    expect(answer.channelData.aisle).toMatchObject({ kind: 'product-answer', about: { productId: shown[1], asked: 'feature' } });
  });

  it('suggests from what the shopper browsed: products viewed on the page steer "what would you recommend?"', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const { kb } = server.shop.current();
    const tent = kb.products().find((product) => product.category === 'Outdoor & Camping' && product.inStock === true)!;
    expect(await shopper.send({ type: 'event', name: 'product.view', value: { productId: tent.id } })).toEqual([]);
    const [picks] = await shopper.say('what would you recommend for me?');
    expect(picks.channelData.aisle.kind).toBe('recommendations');
    const reasons: string[] = picks.channelData.aisle.products.map((product: { reason: string }) => product.reason);
    expect(reasons[0]).toBe(`because you viewed the ${tent.title}`);
    expect(picks.channelData.aisle.products.map((product: { id: string }) => product.id)).not.toContain(tent.id);
    // Every card says its reason.
    expect(picks.attachments[0].content.text).toMatch(new RegExp(`^Why: because you viewed the ${tent.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('answers a recommendations request from the page with an event of suggestions, leaving the chat as it was', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const { kb } = server.shop.current();
    const [list] = await shopper.say('hiking backpacks');
    const shown: string[] = list.channelData.aisle.products.map((p: { id: string }) => p.id);
    const tent = kb.products().find((product) => product.category === 'Outdoor & Camping' && product.inStock === true && !shown.includes(product.id))!;
    await shopper.send({ type: 'event', name: 'product.view', value: { productId: tent.id } });
    const [answer, ...rest] = await shopper.send({ type: 'event', name: 'recommendations.request', value: { count: 4 } });
    expect(rest).toEqual([]);
    expect(answer).toMatchObject({ type: 'event', name: 'aisle.recommendations', value: { from: { viewed: 1, clicked: 0, cart: 0 } } });
    const products = answer.value.products as { id: string; title: string; reason: string; source: string; imageUrl: string }[];
    expect(products).toHaveLength(4);
    expect(products[0]).toMatchObject({ reason: `because you viewed the ${tent.title}`, source: 'viewed', imageUrl: `/img/products/${products[0]!.id}.svg` });
    expect(products.map((p) => p.id)).not.toContain(tent.id);
    expect(answer.channelData.aisle).toMatchObject({ kind: 'recommendations', confidence: 1 });
    // Nothing said in the chat changed: "the second one" is still the second backpack.
    const [second] = await shopper.say('tell me about the second one');
    expect(second.channelData.aisle.about.productId).toBe(shown[1]);
    const badCount = await shopper.post({ type: 'event', name: 'recommendations.request', value: { count: 500 } });
    expect(badCount.status).toBe(400);
    expect((await badCount.json()).error.message).toMatch(/value.count must be a whole number from 1 to 12/);
    // The transcript is the conversation: the view is in it, the page's request and its answer are not.
    const transcript = await (await fetch(`${server.url}/api/transcripts/${shopper.conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    const logged = transcript.items.map((a: { type: string; name?: string; text?: string }) => a.name ?? a.text ?? a.type);
    expect(logged).toEqual(expect.arrayContaining(['hiking backpacks', 'product.view', 'tell me about the second one']));
    expect(logged).not.toContain('recommendations.request');
    expect(logged).not.toContain('aisle.recommendations');
  });

  it('runs one turn at a time per conversation, so events sent while a message is answered are all kept', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const { kb } = server.shop.current();
    const viewed = kb.products().filter((product) => product.category === 'Watches').slice(0, 5).map((product) => product.id);
    // A page sends views as the shopper browses while the chat's message is still being answered.
    const responses = await Promise.all([
      shopper.post({ type: 'message', text: 'a warm jacket under $100' }),
      ...viewed.map((productId) => shopper.post({ type: 'event', name: 'product.view', value: { productId } })),
    ]);
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    const all = await shopper.poll();
    expect(all.filter((a) => a.from?.role === 'bot').map((a) => a.channelData.aisle.kind)).toEqual(['products']);
    const [answer] = await shopper.send({ type: 'event', name: 'recommendations.request' });
    expect(answer.value.from.viewed).toBe(5);
  });

  it('follows the View, More like this and Add to cart buttons, and records them', async () => {
    const [list] = await client.say('noise cancelling headphones');
    const productId = list.channelData.aisle.products[0].id;
    const [detail] = await client.send({ type: 'message', value: { action: 'view', productId } });
    expect(detail.channelData.aisle.products).toEqual([expect.objectContaining({ id: productId, reason: 'viewed' })]);
    expect(detail.attachments[0].content.buttons.map((b: { title: string }) => b.title)).toEqual(['Add to cart', 'More like this']);
    const [similar] = await client.send({ type: 'message', value: { action: 'more-like', productId } });
    expect(similar.channelData.aisle.products.map((p: { id: string }) => p.id)).not.toContain(productId);
    const [added] = await client.send({ type: 'message', value: { action: 'cart-add', productId } });
    expect(added.text).toMatch(/Added the .+ to your cart/);
    const shown: string[] = list.channelData.aisle.products.map((p: { id: string }) => p.id);
    // (This conversation asked for other products before; those impressions carry their own query.)
    const events = server.shop.store.eventsFor(client.conversationId).filter((e) => e.query === 'noise cancelling headphones');
    expect(events.map((e) => [e.name, e.productId])).toEqual([
      ...shown.map((id) => ['product.impression', id]),
      ['product.click', productId],
      ['cart.add', productId],
    ]);
    // The click-through model's view: every shown product, labelled by whether it was then clicked or carted.
    const labelled = server.shop.store.labelledImpressions().filter((row) => shown.includes(row.productId) && row.query === 'noise cancelling headphones');
    expect(labelled.filter((row) => row.clicked).map((row) => row.productId)).toEqual([productId]);
    expect(labelled.length).toBe(shown.length);
  });

  it('logs each ranked list with positions and propensities, and teaches the click model from a click on it', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const [list] = await shopper.say('hiking backpacks');
    const shown: string[] = list.channelData.aisle.products.map((p: { id: string }) => p.id);
    const clicked = shown[2]!;
    const coordinate = (name: string) => server.shop.store.rankerCoordinates().find(([key]) => key === name)?.[1];
    const before = coordinate(`item:${clicked}`);
    expect(await shopper.send({ type: 'event', name: 'product.click', value: { productId: clicked } })).toEqual([]);
    // Evidence for it (z falls as clicks outrun predictions); the others wait for the next list.
    expect(coordinate(`item:${clicked}`)!.z).toBeLessThan(before?.z ?? 0);
    const [next] = await shopper.say('water bottles');
    expect(next.channelData.aisle.kind).toBe('products');
    const slates = server.shop.store.loggedSlates().filter((slate) => slate.conversationId === shopper.conversationId);
    expect(slates.map((slate) => slate.query)).toEqual(['hiking backpacks', 'water bottles']);
    expect(slates[0]!.items.map((item) => [item.productId, item.position, item.propensity, item.clicked])).toEqual(shown.map((id, i) => [id, i + 1, 1, id === clicked]));
    // Shown and not clicked, now that the next list replaced theirs: learnt as negatives.
    for (const id of shown.filter((id) => id !== clicked)) expect(coordinate(`item:${id}`)!.z).toBeGreaterThan(0);
  });

  it('accepts product.view, product.click and cart.add events and records them per conversation', async () => {
    const other = await new DirectLineClient(server.url).start();
    const productId = server.shop.current().kb.products()[3]!.id;
    for (const name of ['product.view', 'product.click', 'cart.add']) {
      expect(await other.send({ type: 'event', name, value: { productId } })).toEqual([]);
    }
    expect(server.shop.store.eventsFor(other.conversationId).map((e) => e.name)).toEqual(['product.view', 'product.click', 'cart.add']);
  });

  it('answers the shopper when an analytics write fails, and counts the failure', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const { db } = server.shop.store;
    const failures = async () => Number(/aisle_errors_total\{where="analytics"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
    const before = await failures();
    // The event log refuses every row, as a full disk or a locked database would.
    db.exec("CREATE TEMP TRIGGER events_refused BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
    try {
      const [list] = await shopper.say('hiking backpacks');
      expect(list.channelData.aisle.kind).toBe('products');
      const productId = list.channelData.aisle.products[0].id;
      const [added] = await shopper.send({ type: 'message', value: { action: 'cart-add', productId } });
      expect(added.text).toMatch(/^Added the .+ to your cart/);
      expect(await shopper.send({ type: 'event', name: 'product.view', value: { productId } })).toEqual([]);
      // The list, the cart add and the view were refused; the session still knows the cart.
      expect(await failures()).toBeGreaterThanOrEqual(before + 3);
      const [picks] = await shopper.send({ type: 'event', name: 'recommendations.request' });
      expect(picks.value.from).toMatchObject({ cart: 1 });
    } finally {
      db.exec('DROP TRIGGER events_refused');
    }
    expect(server.shop.store.eventsFor(shopper.conversationId)).toEqual([]);
  });

  it('rejects an unknown event name or product with a 400 and a reason, and stays up', async () => {
    const unknownName = await client.post({ type: 'event', name: 'wishlist.add', value: { productId: 'x' } });
    expect(unknownName.status).toBe(400);
    expect((await unknownName.json()).error.message).toMatch(/unknown event name "wishlist.add"/);
    const noProduct = await client.post({ type: 'event', name: 'cart.add', value: {} });
    expect(noProduct.status).toBe(400);
    const [error] = await client.send({ type: 'event', name: 'cart.add', value: { productId: 'NO-SUCH' } });
    expect(error).toMatchObject({ type: 'event', name: 'aisle.error', value: { reason: 'unknown product "NO-SUCH"' } });
    // A 10 KB id is refused by its length, never echoed back.
    const huge = await client.post({ type: 'event', name: 'product.view', value: { productId: 'A'.repeat(10_000) } });
    expect(huge.status).toBe(400);
    const refusal = await huge.text();
    expect(refusal).toMatch(/value.productId is 10,000 characters; product ids have at most 128/);
    expect(refusal.length).toBeLessThan(500);
    expect((await client.say('Is shipping free?'))[0].channelData.aisle.kind).toBe('faq');
  });

  it('quotes a client\'s event name, type or count short in a refusal, whatever it is', async () => {
    // A 60 KB name was echoed whole (to the channel too, in the aisle.error event); an object with no string form was a 500.
    for (const body of [
      { type: 'event', name: 'n'.repeat(60_000), value: {} },
      { type: 'event', name: { toString: 1 } },
      { type: { toString: 1 } },
      { type: 'event', name: 'recommendations.request', value: { count: 'c'.repeat(60_000) } },
    ]) {
      const response = await client.post(body);
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.message.length).toBeLessThan(300);
    }
    expect((await client.say('Is shipping free?'))[0].channelData.aisle.kind).toBe('faq');
  });

  it('bounds every error message, and answers a Range past a file\'s end with a JSON error that says it is JSON', async () => {
    // The path, echoed in a 404, was as long as Node lets a URL be (16 KB).
    for (const path of [`/api/products/${'x'.repeat(10_000)}`, `/${'y'.repeat(10_000)}`, `/img/products/${'z'.repeat(10_000)}.svg`]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.message.length).toBeLessThanOrEqual(500);
    }
    // The file's Content-Type stayed on the error: a JSON body served as text/javascript.
    const range = await fetch(`${server.url}/shop.js`, { headers: { range: 'bytes=99999999-' } });
    expect(range.status).toBe(416);
    expect(range.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await range.json()).error.code).toBe('BadArgument');
  });

  it('answers an empty message with examples and a 30,000-character message with a clear reason, keeping only what shows it is too long', async () => {
    const [empty] = await client.say('');
    expect(empty.channelData.aisle.kind).toBe('fallback');
    expect(empty.suggestedActions.actions.length).toBeGreaterThanOrEqual(2);
    const [huge] = await client.say('x'.repeat(30_000));
    expect(huge.text).toMatch(/too long for me\. Please ask in under 2,000 characters/);
    // Kept (in the conversation and its transcript) only as far as the bot read it: 249 KB messages were stored whole.
    const kept = server.aisle.directLine.activitiesSince(server.aisle.directLine.conversation(client.conversationId)!, 0).activities;
    const long = kept.find((a) => a.from?.role === 'user' && (a.text?.length ?? 0) > 1000)!;
    expect(long.text!.length).toBe(2001);
    const transcript = await (await fetch(`${server.url}/api/transcripts/${client.conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(Math.max(...transcript.items.map((a: { text?: string }) => a.text?.length ?? 0))).toBe(2001);
  });

  it('says I do not know and offers a person for gibberish', async () => {
    const replies = await client.say('qwpeoriu zxmcnvb lkjh');
    expect(replies[0].channelData.aisle.kind).toBe('fallback');
    expect(replies[0].text).toMatch(/not sure|don't know/);
    expect(replies.find((a) => a.type === 'event')).toMatchObject({ name: 'handoff', channelData: { aisle: { kind: 'fallback' } } });
  });

  it('answers invalid JSON, a wrong activity type, an unknown conversation and a wrong token with 4xx and a reason', async () => {
    const url = `${server.url}/v3/directline/conversations/${client.conversationId}/activities`;
    const auth = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
    const invalid = await fetch(url, { method: 'POST', headers: auth, body: '{"type": "message", "text": ' });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: 'BadSyntax', message: expect.stringMatching(/invalid JSON/) });
    const typing = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'typing' }) });
    expect(typing.status).toBe(400);
    const unknown = await fetch(`${server.url}/v3/directline/conversations/nope/activities`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/unknown conversation id "nope"/);
    const wrongToken = await fetch(url, { headers: { authorization: 'Bearer stolen' } });
    expect(wrongToken.status).toBe(403);
    const badWatermark = await fetch(`${url}?watermark=-1`, { headers: auth });
    expect(badWatermark.status).toBe(400);
    const tooLarge = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }) });
    expect(tooLarge.status).toBe(413);
  });

  it('returns only activities after the watermark', async () => {
    const fresh = await new DirectLineClient(server.url).start();
    await fresh.say('hello');
    const response = await fetch(`${server.url}/v3/directline/conversations/${fresh.conversationId}/activities?watermark=1`, {
      headers: { authorization: `Bearer ${fresh.token}` },
    });
    const body = await response.json();
    expect(body.activities.every((a: { from: { role: string } }) => a.from.role === 'bot')).toBe(true);
    expect(Number(body.watermark)).toBe(1 + body.activities.length);
  });

  it('keeps every activity in and out as a transcript, behind the admin token', async () => {
    expect((await fetch(`${server.url}/api/transcripts`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/transcripts`, { headers: { authorization: 'Bearer wrong-token-xyz' } })).status).toBe(401);
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const list = await (await fetch(`${server.url}/api/transcripts`, { headers })).json();
    expect(list.items.map((t: { id: string }) => t.id)).toContain(client.conversationId);
    const transcript = await (await fetch(`${server.url}/api/transcripts/${client.conversationId}`, { headers })).json();
    const texts = transcript.items.map((a: { text?: string }) => a.text);
    expect(texts).toContain('how do I return something?');
    expect(transcript.items.some((a: { from: { role: string }; channelData?: { aisle?: { kind: string } } }) => a.from.role === 'bot' && a.channelData?.aisle?.kind === 'faq')).toBe(true);
    expect((await fetch(`${server.url}/api/transcripts/unknown-conversation`, { headers })).status).toBe(404);
  });

  it("takes a reviewer's verdict on an answer, checking the conversation and the FAQ entry", async () => {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const url = `${server.url}/api/transcripts/${client.conversationId}/reviews`;
    const review = { query: 'how do I return something?', faqId: 'returns-policy', verdict: 'confirmed' };
    expect((await fetch(url, { method: 'POST', body: JSON.stringify(review), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const saved = await fetch(url, { method: 'POST', body: JSON.stringify(review), headers });
    expect(saved.status).toBe(201);
    const unknownEntry = await fetch(url, { method: 'POST', body: JSON.stringify({ ...review, faqId: 'no-such-entry' }), headers });
    expect(unknownEntry.status).toBe(400);
    expect((await unknownEntry.json()).error.message).toMatch(/no FAQ entry "no-such-entry"/);
    const badVerdict = await fetch(url, { method: 'POST', body: JSON.stringify({ ...review, verdict: 'meh' }), headers });
    expect(badVerdict.status).toBe(400);
    expect((await fetch(`${server.url}/api/transcripts/nobody/reviews`, { method: 'POST', body: JSON.stringify(review), headers })).status).toBe(404);
    expect(server.shop.store.reviewedAnswers()).toEqual([expect.objectContaining({ conversationId: client.conversationId, faqId: 'returns-policy', verdict: 'confirmed' })]);
  });

  it('reports health and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', products: 300, faq: 88 });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/aisle_turn_duration_seconds_bucket\{le="0.05",type="message"\} \d+/);
    expect(metrics).toMatch(/aisle_replies_total\{kind="faq"\} [1-9]/);
    expect(metrics).toMatch(/aisle_replies_total\{kind="products"\} [1-9]/);
  });

  it('serves the catalog API with filters and clear errors', async () => {
    const search = await (await fetch(`${server.url}/api/products?q=warm+jacket&maxPrice=100&limit=5`)).json();
    expect(search.items).toHaveLength(5);
    for (const item of search.items) expect(item.price).toBeLessThanOrEqual(100);
    const byCategory = await (await fetch(`${server.url}/api/products?category=${encodeURIComponent('Watches')}&limit=100`)).json();
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((p: { category: string }) => p.category === 'Watches')).toBe(true);
    const one = await (await fetch(`${server.url}/api/products/${search.items[0].id}`)).json();
    expect(one.id).toBe(search.items[0].id);
    // A product page names each colour of its model, each a product of its own.
    const { kb } = server.shop.current();
    const modelOf = (p: { brand?: string; title: string }) => `${p.brand}|${p.title}`;
    const sibling = kb.products().find((p) => kb.products().some((q) => q.id !== p.id && modelOf(q) === modelOf(p)))!;
    const withVariants = await (await fetch(`${server.url}/api/products/${sibling.id}`)).json();
    const expected = kb.products().filter((p) => modelOf(p) === modelOf(sibling));
    expect(withVariants.variants.map((v: { id: string }) => v.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(withVariants.variants.find((v: { id: string }) => v.id === sibling.id)).toEqual({ id: sibling.id, colour: sibling.attributes!.colour, inStock: sibling.inStock !== false });
    expect((await fetch(`${server.url}/api/products/NOPE`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/products?maxPrice=cheap`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/maxPrice/);
    const categories = await (await fetch(`${server.url}/api/categories`)).json();
    expect(categories).toHaveLength(15);
    expect(categories[0]).toEqual({ name: expect.any(String), count: 20 });
  });

  it('serves the Web Chat page and bundle from the project (no CDN)', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('<script src="/webchat/webchat.js"></script>');
    expect(page).not.toMatch(/https?:\/\/cdn/);
    // The shop beside the chat: its script and styles from the project too.
    for (const [path, type] of [['/shop.js', /javascript/], ['/shop.css', /text\/css/]] as const) {
      const asset = await fetch(`${server.url}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
      expect(await asset.text()).not.toMatch(/https?:\/\//);
    }
    const bundle = await fetch(`${server.url}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect(Number(bundle.headers.get('content-length'))).toBeGreaterThan(1_000_000);
  });
});

describe('Aisle over the local Direct Line before its shop has loaded', () => {
  it('answers a turn with 503 and Retry-After, keeping nothing of it; /healthz is alive and /readyz is not ready', async () => {
    const logged: unknown[][] = [];
    const aisle = createApp({ config: { adminToken: ADMIN_TOKEN, botFramework: unauthenticatedBotFramework }, log: (...args: unknown[]) => logged.push(args) });
    const server = aisle.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = await new DirectLineClient(base).start();
      const refused = await client.post({ type: 'message', text: 'do you sell tents?' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await refused.json()).error.message).toMatch(/still loading/);
      expect(aisle.directLine.activitiesSince(aisle.directLine.conversation(client.conversationId)!, 0).activities).toEqual([]);
      const health = await fetch(`${base}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'loading' }]);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(logged.filter(([message]) => String(message).includes('failed'))).toEqual([]);
    } finally {
      aisle.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
