/**
 * Issue 11, findings 2 and 3: no rate limits (5,000 conversations in 4.7 s), forged events in bulk
 * reaching the click model's data, a `value` 5,000 levels deep accepted and then breaking every
 * poll, tokens that never expired and refreshed to themselves, idle state never dropped. A real
 * server on loopback with the limits of each test.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectLineAdapter, directLineRouter } from '../../bot/direct-line.js';
import { ExpiringMemoryStorage } from '../../bot/expiring-memory-storage.js';
import { errorHandler } from '../../bot/http-errors.js';
import { jsonShapeProblem } from '../../bot/json-shape.js';
import { EventBudget } from '../../bot/limits.js';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, type TestServer } from '../helpers.js';

const deep = (levels: number) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { v: value };
  return value;
};

describe('per-client rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { conversationsPerMinute: 3, activitiesPerMinute: 6 } });
  });
  afterAll(() => server.close());

  it('answers the conversation past the limit with 429 and Retry-After, starting nothing', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused!.json()).error).toMatchObject({ code: 'TooManyRequests', message: expect.stringMatching(/at most 3 a minute/) });
    expect(server.aisle.directLine.conversationCount).toBe(3);
  });

  it('answers the activity past the limit with 429 over both channels together, keeping nothing of it', async () => {
    // The conversation limit is spent by the test before; this one is started on the adapter itself.
    const conversation = server.aisle.directLine.startConversation();
    const client = Object.assign(new DirectLineClient(server.url), { conversationId: conversation.id, token: conversation.token });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post({ type: 'message', text: `hello ${i}` })).status);
    const channel = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    statuses.push(channel.status);
    const refused = await client.post({ type: 'message', text: 'one too many' });
    statuses.push(refused.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 400, 429]);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const texts = server.aisle.directLine.activitiesSince(conversation, 0).activities.map((a) => a.text);
    expect(texts).not.toContain('one too many');
  });
});

describe('bounded input and state', () => {
  let server: TestServer;
  let client: DirectLineClient;
  beforeAll(async () => {
    server = await startTestServer({ limits: { eventBurst: 5, eventsPerMinute: 6 } });
    client = await new DirectLineClient(server.url).start();
  });
  afterAll(() => server.close());

  it('refuses a value nested 5,000 levels deep with 400, keeps nothing of it, and the conversation goes on', async () => {
    // Written as text: the test's own JSON.stringify would overflow on it.
    const body = `{"type":"message","text":"hi","value":${'{"v":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    const response = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
      body,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/nested deeper than 16 levels/);
    const wide = await client.post({ type: 'event', name: 'cart.add', value: { productId: 'x', extra: Array.from({ length: 2_000 }, (_, i) => i) } });
    expect(wide.status).toBe(400);
    const poll = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(poll.status).toBe(200);
    expect((await poll.json()).activities).toEqual([]);
    expect((await client.say('Is shipping free?'))[0].channelData.aisle.kind).toBe('faq');
  });

  it('records shopper events at a browsing pace and refuses a flood, so bulk events never reach the training data', async () => {
    const productId = server.shop.current().kb.products()[0]!.id;
    const shopper = await new DirectLineClient(server.url).start();
    const answers: unknown[] = [];
    for (let i = 0; i < 8; i++) answers.push(...(await shopper.send({ type: 'event', name: 'cart.add', value: { productId } })));
    expect(server.shop.store.eventsFor(shopper.conversationId).filter((e) => e.name === 'cart.add')).toHaveLength(5);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatchObject({ name: 'aisle.error', value: { reason: expect.stringMatching(/too many events in this conversation; not recorded \(try again in \d+ s\)/) } });
    // Another conversation has its own budget.
    const other = await new DirectLineClient(server.url).start();
    expect(await other.send({ type: 'event', name: 'product.view', value: { productId } })).toEqual([]);
  });

  it('spends the same budget for the cards\' Add to cart and View buttons: no path around it into the click data', async () => {
    const productId = server.shop.current().kb.products()[1]!.id;
    const shopper = await new DirectLineClient(server.url).start();
    for (let i = 0; i < 4; i++) await shopper.send({ type: 'message', value: { action: 'cart-add', productId } });
    for (let i = 0; i < 4; i++) await shopper.send({ type: 'message', value: { action: 'view', productId } });
    const recorded = server.shop.store.eventsFor(shopper.conversationId).filter((e) => e.name === 'cart.add' || e.name === 'product.click');
    expect(recorded.map((e) => e.name)).toEqual(['cart.add', 'cart.add', 'cart.add', 'cart.add', 'product.click']);
  });

  it('erases a conversation from memory too: after DELETE its Direct Line conversation is gone', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('do you have rain jackets?');
    const erased = await fetch(`${server.url}/api/transcripts/${shopper.conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(erased.status).toBe(200);
    const poll = await fetch(`${server.url}/v3/directline/conversations/${shopper.conversationId}/activities`, { headers: { authorization: `Bearer ${shopper.token}` } });
    expect(poll.status).toBe(404);
  });
});

describe('idle conversations on a timer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { idleConversationMs: 300, sweepIntervalMs: 50 } });
  });
  afterAll(() => server.close());

  it('drops an idle conversation and its state by the app\'s own sweep, with no new conversation to trigger it', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('a warm jacket under $100');
    expect(server.aisle.directLine.conversationCount).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(server.aisle.directLine.conversationCount).toBe(0);
    const poll = await fetch(`${server.url}/v3/directline/conversations/${shopper.conversationId}/activities`, { headers: { authorization: `Bearer ${shopper.token}` } });
    expect(poll.status).toBe(404);
    expect(server.aisle.conversationStates()).toBe(0);
  });
});

/**
 * The real in-memory state storage, slowed by a gate the test opens: a turn waits on its state as it
 * would on a slow Redis, so the test knows which turns are still running when it drains.
 */
class GatedStorage extends ExpiringMemoryStorage {
  private opened: Promise<void> = Promise.resolve();
  open: () => void = () => undefined;
  close(): void {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
  override async read(keys: string[]) {
    await this.opened;
    return super.read(keys);
  }
}

describe('draining before a stop', () => {
  let server: TestServer;
  const storage = new GatedStorage({ idleMs: 3_600_000, maxItems: 100 });
  beforeAll(async () => {
    server = await startTestServer({ storage });
  });
  afterAll(() => server.close());

  it('waits for every turn taken, queued ones and one whose client hung up included, then refuses new turns with 503', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    const texts = ['a warm jacket under $100', 'do you ship to Canada?', 'cheaper', 'what about boots?'];
    storage.close();
    const hangUp = new AbortController();
    const posts = texts.map((text, i) =>
      fetch(`${server.url}/v3/directline/conversations/${shopper.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shopper.token}` },
        body: JSON.stringify({ type: 'message', text }),
        ...(i === texts.length - 1 ? { signal: hangUp.signal } : {}),
      }).then((response) => response.status, () => 'hung up'),
    );
    // All four taken: one waiting on its state, three queued behind it in their conversation.
    while (server.aisle.turnsInFlight() < texts.length) await new Promise((resolve) => setTimeout(resolve, 2));
    hangUp.abort();
    let drained = false;
    const draining = server.aisle.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBe(false);
    storage.open();
    await draining;
    expect(server.aisle.turnsInFlight()).toBe(0);
    // Every turn had finished when the drain resolved, the hung-up one's reply included.
    const conversation = server.aisle.directLine.conversation(shopper.conversationId)!;
    const replies = server.aisle.directLine.activitiesSince(conversation, 0).activities.filter((a) => a.from?.role === 'bot' && a.type === 'message');
    expect(replies).toHaveLength(texts.length);
    expect(await Promise.all(posts)).toEqual([200, 200, 200, 'hung up']);
    const late = await shopper.post({ type: 'message', text: 'hello?' });
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });
});

describe('jsonShapeProblem', () => {
  it('measures depth and size without recursion, so no input overflows the stack', () => {
    expect(jsonShapeProblem(deep(16), { maxDepth: 16, maxKeys: 100 })).toBeUndefined();
    expect(jsonShapeProblem(deep(17), { maxDepth: 16, maxKeys: 100 })).toMatch(/deeper than 16/);
    expect(jsonShapeProblem(deep(1_000_000), { maxDepth: 16, maxKeys: 100 })).toMatch(/deeper than 16/);
    expect(jsonShapeProblem({ a: [1, 2, 3], b: { c: 4 } }, { maxDepth: 4, maxKeys: 5 })).toMatch(/more than 5 keys/);
    expect(jsonShapeProblem({ a: [1, 2], b: { c: 4 } }, { maxDepth: 4, maxKeys: 5 })).toBeUndefined();
  });
});

describe('EventBudget', () => {
  it('spends a burst, then refills at the steady rate', () => {
    const budget = new EventBudget({ eventBurst: 3, eventsPerMinute: 6 });
    expect([0, 0, 0, 0].map(() => budget.take('c', 0))).toEqual([true, true, true, false]);
    expect(budget.retryAfterSeconds('c', 0)).toBe(10);
    expect(budget.take('c', 9_000)).toBe(false);
    expect(budget.take('c', 10_000)).toBe(true);
    expect(budget.take('other', 10_000)).toBe(true);
  });
});

describe('Direct Line tokens and idle conversations', () => {
  let now = 1_000_000;
  const adapter = new DirectLineAdapter({ tokenLifetimeS: 1800, idleTimeoutMs: 3_600_000, now: () => now });
  let base = '';
  let close = () => undefined as unknown;
  beforeAll(async () => {
    const app = express();
    app.use('/v3/directline', directLineRouter(adapter, async () => undefined));
    app.use(errorHandler(() => undefined));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
    close = () => server.close();
  });
  afterAll(() => close());
  const poll = (id: string, token: string) => fetch(`${base}/conversations/${id}/activities`, { headers: { authorization: `Bearer ${token}` } });
  const refresh = (token: string) => fetch(`${base}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('refreshes to a new token (as Web Chat does, with the token alone); the old one works a minute more, then not', async () => {
    const started = await (await fetch(`${base}/conversations`, { method: 'POST' })).json();
    expect(started.expires_in).toBe(1800);
    now += 15 * 60_000;
    const refreshed = await (await refresh(started.token)).json();
    expect(refreshed).toMatchObject({ conversationId: started.conversationId, expires_in: 1800 });
    expect(refreshed.token).not.toBe(started.token);
    expect((await poll(started.conversationId, refreshed.token)).status).toBe(200);
    expect((await poll(started.conversationId, started.token)).status).toBe(200);
    now += 61_000;
    const old = await poll(started.conversationId, started.token);
    expect(old.status).toBe(403);
    expect((await old.json()).error.message).toMatch(/replaced by a refresh/);
    expect((await refresh(started.token)).status).toBe(403);
    expect((await poll(started.conversationId, refreshed.token)).status).toBe(200);
  });

  it('expires a token after expires_in seconds', async () => {
    const started = await (await fetch(`${base}/conversations`, { method: 'POST' })).json();
    now += 1_799_000;
    expect((await poll(started.conversationId, started.token)).status).toBe(200);
    now += 2_000;
    const expired = await poll(started.conversationId, started.token);
    expect(expired.status).toBe(403);
    expect((await expired.json()).error.message).toMatch(/expired/);
    expect((await refresh(started.token)).status).toBe(403);
  });

  it('drops conversations idle past the timeout on a sweep, with their tokens', async () => {
    const idle = adapter.startConversation();
    now += 30 * 60_000;
    const active = adapter.startConversation();
    now += 31 * 60_000;
    expect(adapter.sweep()).toContain(idle.id);
    expect(adapter.owns(idle.id)).toBe(false);
    expect(adapter.owns(active.id)).toBe(true);
    expect(adapter.byToken(idle.token)).toBeUndefined();
  });
});

describe('Direct Line memory caps', () => {
  it('keeps at most its bytes per conversation (oldest dropped, watermarks still valid) and in all (least recently used conversation dropped)', async () => {
    const adapter = new DirectLineAdapter({ maxBytesPerConversation: 10_000, maxHeldBytes: 25_000 });
    const noTurn = async () => undefined;
    const filler = { type: 'message', text: 'x'.repeat(2_000) } as const;
    const first = adapter.startConversation();
    for (let i = 0; i < 12; i++) await adapter.receive(first, { ...filler }, noTurn);
    const kept = adapter.activitiesSince(first, 0);
    expect(kept.watermark).toBe('12');
    expect(kept.activities.length).toBeLessThan(12);
    expect(kept.activities.reduce((bytes, a) => bytes + JSON.stringify(a).length, 0)).toBeLessThanOrEqual(10_000);
    expect(adapter.activitiesSince(first, 11).activities).toHaveLength(1);
    const second = adapter.startConversation();
    const third = adapter.startConversation();
    for (let i = 0; i < 5; i++) await adapter.receive(second, { ...filler }, noTurn);
    for (let i = 0; i < 5; i++) await adapter.receive(third, { ...filler }, noTurn);
    expect(adapter.bytesHeld).toBeLessThanOrEqual(25_000);
    expect(adapter.owns(first.id)).toBe(false);
    expect([adapter.owns(second.id), adapter.owns(third.id)]).toEqual([true, true]);
  });
});

describe('ExpiringMemoryStorage', () => {
  it('forgets state idle past the timeout and beyond the cap, least recently used first, and keeps eTag checks', async () => {
    let now = 0;
    const storage = new ExpiringMemoryStorage({ idleMs: 1000, maxItems: 3, now: () => now });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    now = 600;
    await storage.read(['a']);
    now = 1200;
    expect(storage.sweep()).toBe(1);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['a']);
    await storage.write({ c: {}, d: {}, e: {} });
    expect(storage.size).toBe(3);
    expect(Object.keys(await storage.read(['a', 'c', 'd', 'e']))).toEqual(['c', 'd', 'e']);
    const { c } = await storage.read(['c']);
    await storage.write({ c: { ...c, n: 3 } });
    await expect(storage.write({ c: { ...c, n: 4 } })).rejects.toThrow(/eTag conflict/);
  });
});
