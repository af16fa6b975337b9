/**
 * A full reindex while shoppers chat: 20 Direct Line conversations talk throughout, none of their
 * turns fails, the progress is visible while it runs, and the indexes served before are kept as a
 * snapshot that one request rolls back to (indexes the catalog changed since are rebuilt, so what
 * is served never disagrees with the catalog).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, type TestServer } from '../helpers.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const MESSAGES = ['warm waterproof jacket under $150', 'cheaper', 'do you ship to Canada?', 'how do returns work?', 'something for a rainy afternoon with kids', 'show me backpacks', 'in blue'];

interface IndexesView {
  status: { state: string; operation?: string; progress?: { index: string; done: number; total: number }; seconds?: number; error?: string };
  snapshots: { id: string; reason: string; modelId: string; files: string[] }[];
}

const indexes = async (server: TestServer): Promise<IndexesView> => (await fetch(`${server.url}/api/admin/indexes`, { headers: admin })).json() as Promise<IndexesView>;

async function untilSettled(server: TestServer, seen: string[] = []): Promise<IndexesView> {
  for (;;) {
    const view = await indexes(server);
    const { state, progress } = view.status;
    seen.push(progress ? `${state} ${progress.index}` : state);
    if (state === 'done' || state === 'failed') return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a full reindex while 20 conversations chat', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(() => server.close());

  it('fails no turn, shows its progress, swaps the new indexes in whole and keeps the old ones as a snapshot', async () => {
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => new DirectLineClient(server.url).start()));
    let chatting = true;
    const turns: { ok: boolean; text: string; error?: string }[] = [];
    const chat = shoppers.map(async (shopper, i) => {
      for (let n = i; chatting; n++) {
        const text = MESSAGES[n % MESSAGES.length]!;
        // A failed turn: an HTTP error from the post, or no reply from the bot.
        const outcome = await shopper.say(text).then(
          (replies) => ({ ok: replies.length > 0, text }),
          (error: Error) => ({ ok: false, text, error: error.message }),
        );
        turns.push(outcome);
      }
    });
    const started = await fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: admin });
    expect(started.status).toBe(202);
    expect((await started.json()).operation).toBe('reindex');
    expect((await fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: admin })).status).toBe(409);
    const seen: string[] = [];
    const done = await untilSettled(server, seen);
    const duringReindex = turns.length;
    // A few more turns on the new indexes, then stop.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    chatting = false;
    await Promise.all(chat);

    expect(done.status).toMatchObject({ state: 'done', operation: 'reindex' });
    expect(seen.some((s) => s.startsWith('indexing products'))).toBe(true);
    expect(duringReindex).toBeGreaterThan(40);
    expect(turns.filter((turn) => !turn.ok)).toEqual([]);
    expect(done.snapshots).toEqual([expect.objectContaining({ reason: 'reindex', files: expect.arrayContaining(['products.hnsw', 'products.manifest.json', 'faq.hnsw']) })]);
    console.log(`reindex: ${done.status.seconds} s for ${server.shop.current().kb.productCount} products and ${server.shop.current().kb.faqCount} FAQ entries; ${duringReindex} turns during it, ${turns.length} in all, none failed`);
  }, 300_000);

  it('rolls back to the snapshot in one request, rebuilding what the catalog changed since', async () => {
    const product = { id: 'KIT-9101', type: 'waffle maker', title: 'Hearth & Pine Cast Iron Waffle Maker', category: 'Kitchen & Cookware', brand: 'Hearth & Pine', price: 44.99 };
    const uploaded = await fetch(`${server.url}/api/admin/catalog`, { method: 'POST', headers: admin, body: JSON.stringify([product]) });
    expect((await uploaded.json()).added).toBe(1);
    const [snapshot] = (await indexes(server)).snapshots;
    const rollback = await fetch(`${server.url}/api/admin/indexes/rollback`, { method: 'POST', headers: admin, body: JSON.stringify({}) });
    expect(rollback.status).toBe(202);
    expect(await rollback.json()).toMatchObject({ operation: 'rollback', snapshot: snapshot!.id });
    const done = await untilSettled(server);
    expect(done.status).toMatchObject({ state: 'done', operation: 'rollback' });
    // The index served before the rollback is itself a snapshot now; the product uploaded after the first snapshot is still found.
    expect(done.snapshots.map((s) => s.reason)).toEqual(['rollback', 'reindex']);
    const shopper = await new DirectLineClient(server.url).start();
    const replies = await shopper.say('do you sell waffle makers?');
    expect(replies.find((a: { type: string }) => a.type === 'message')?.channelData?.aisle?.products?.map((p: { id: string }) => p.id)).toEqual(['KIT-9101']);
    const unknown = await fetch(`${server.url}/api/admin/indexes/rollback`, { method: 'POST', headers: admin, body: JSON.stringify({ snapshot: '20200101T000000000Z' }) });
    expect(unknown.status).toBe(404);
    const audit = (await (await fetch(`${server.url}/api/admin/audit`, { headers: admin })).json()).items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['indexes.reindex', 'indexes.rollback', 'product.add']));
  }, 300_000);
});
