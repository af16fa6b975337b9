/**
 * Conversation state in a real Redis (`redis-server`, installed by .ci/run): botbuilder's Storage
 * contract with its eTag checks, expiry, clear errors, and two Aisle replicas sharing one
 * shopper's session, so that a follow-up sent to the second refines the request made to the first.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../../bot/redis-storage.js';
import { startRedis, startTestServer, type TestServer } from '../helpers.js';

describe('RedisStorage', () => {
  let redis: { url: string; stop(): Promise<void> };
  let storage: RedisStorage;
  let raw: ReturnType<typeof createClient>;
  const prefix = `aisle-test:${randomUUID()}:`;

  beforeAll(async () => {
    redis = await startRedis();
    storage = await RedisStorage.connect(redis.url, { keyPrefix: prefix, ttlSeconds: 600 });
    raw = createClient({ url: redis.url });
    await raw.connect();
  }, 30_000);
  afterAll(async () => {
    await storage?.close();
    await raw?.close();
    await redis?.stop();
  });

  it('writes, reads and deletes items, each one JSON value under the prefix that expires', async () => {
    await storage.write({ 'conv-1': { lastQuery: 'warm jacket', shown: ['J1', 'J2'] }, 'conv-2': { lastQuery: 'tents' } });
    const read = await storage.read(['conv-1', 'conv-2', 'conv-none']);
    expect(read['conv-1']).toMatchObject({ lastQuery: 'warm jacket', shown: ['J1', 'J2'] });
    expect(read['conv-2']).toMatchObject({ lastQuery: 'tents' });
    expect(read['conv-none']).toBeUndefined();
    expect(typeof read['conv-1'].eTag).toBe('string');
    const ttl = await raw.ttl(`${prefix}conv-1`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    await storage.delete(['conv-1']);
    expect(await storage.read(['conv-1'])).toEqual({});
    expect(await raw.exists(`${prefix}conv-2`)).toBe(1);
  });

  it('keeps optimistic concurrency: a write with a stale eTag fails and saves nothing; "*" always saves', async () => {
    await storage.write({ shared: { count: 1 } });
    const [replicaA, replicaB] = [await storage.read(['shared']), await storage.read(['shared'])];
    await storage.write({ shared: { ...replicaA.shared, count: 2 } });
    await expect(storage.write({ shared: { ...replicaB.shared, count: 3 } })).rejects.toThrow(/"shared" was changed by another writer/);
    expect((await storage.read(['shared'])).shared.count).toBe(2);
    await storage.write({ shared: { count: 4, eTag: '*' } });
    expect((await storage.read(['shared'])).shared.count).toBe(4);
  });

  it('says which key holds a value it cannot read, instead of treating it as empty', async () => {
    await raw.set(`${prefix}garbled`, 'not json {');
    await expect(storage.read(['garbled'])).rejects.toThrow(`the value under "${prefix}garbled" is not JSON`);
  });

  it('fails to connect with the host named, never the password, and refuses a URL that is not redis', async () => {
    const closed = express().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const error = await RedisStorage.connect(`redis://:s3cret@127.0.0.1:${port}`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${port}`));
    expect((error as Error).message).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(RedisStorage.connect('http://127.0.0.1:6379')).rejects.toThrow(/REDIS_URL must look like redis:\/\/host:6379/);
  }, 20_000);
});

describe('two Aisle replicas sharing one Redis', () => {
  let redis: { url: string; stop(): Promise<void> };
  let replicas: TestServer[] = [];
  let storages: RedisStorage[] = [];
  let channel: { url: string; received: any[]; close(): void };

  beforeAll(async () => {
    redis = await startRedis();
    const prefix = `aisle-test:${randomUUID()}:`;
    storages = [await RedisStorage.connect(redis.url, { keyPrefix: prefix }), await RedisStorage.connect(redis.url, { keyPrefix: prefix })];
    replicas = await Promise.all(storages.map((storage) => startTestServer({ storage })));
    // The Bot Framework channel that receives replies cannot run here: a loopback server plays it.
    const received: any[] = [];
    const app = express();
    app.use(express.json());
    app.post('/v3/conversations/:conversation/activities/:activity', (req, res) => {
      received.push(req.body);
      res.json({ id: `reply-${received.length}` });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    channel = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => server.close() };
  }, 300_000);
  afterAll(async () => {
    channel?.close();
    await Promise.all(replicas.map((replica) => replica.close()));
    await Promise.all(storages.map((storage) => storage.close()));
    await redis?.stop();
  });

  const say = async (replica: TestServer, text: string, id: string) => {
    const before = channel.received.length;
    const response = await fetch(`${replica.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id, text, channelId: 'emulator', serviceUrl: channel.url,
        from: { id: 'shopper-1' }, recipient: { id: 'bot' }, conversation: { id: 'replicated-conversation' }, timestamp: new Date().toISOString(),
      }),
    });
    expect(response.status).toBeLessThan(300);
    return channel.received.slice(before);
  };

  it('a follow-up sent to the second replica refines the request made to the first, and "it" follows too', async () => {
    const [list] = await say(replicas[0]!, 'a warm jacket under $100', 'a1');
    expect(list.channelData.aisle.kind).toBe('products');
    const [blue] = await say(replicas[1]!, 'any in blue?', 'a2');
    expect(blue.channelData.aisle.context).toMatchObject({ refines: 'a warm jacket under $100' });
    const shown: string[] = blue.channelData.aisle.products.map((product: { id: string }) => product.id);
    const [first] = await say(replicas[0]!, 'the first one', 'a3');
    expect(first.channelData.aisle).toMatchObject({ kind: 'product-answer', about: { productId: shown[0] } });
    const [price] = await say(replicas[1]!, 'how much is it?', 'a4');
    expect(price.channelData.aisle).toMatchObject({ kind: 'product-answer', about: { productId: shown[0], asked: 'price' } });
  }, 60_000);
});
