/**
 * Catalog changes through the admin API reach the running bot (real model, real HNSW index, real
 * SQLite) with no restart: a product uploaded is found in chat, a changed one is shown changed, a
 * deleted one is gone (hnswlib markDelete); FAQ entries too. The index saved after a change is the
 * one the next start loads, and every change is in the audit log with its author and diff.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../catalog/index.js';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, type TestServer } from '../helpers.js';

// A new kind of product: its file names the type (a type derived from titles needs three titles from two brands).
const WAFFLE = {
  id: 'KIT-9001',
  type: 'waffle maker',
  title: 'Hearth & Pine Cast Iron Waffle Maker',
  description: 'Stovetop waffle iron in seasoned cast iron. Makes two deep Belgian waffles at a time on gas or electric hobs.',
  category: 'Kitchen & Cookware',
  brand: 'Hearth & Pine',
  price: 44.99,
  attributes: { colour: 'black', material: 'cast iron' },
};

async function upload(server: TestServer, body: string, type: string, kind = 'products') {
  const response = await fetch(`${server.url}/api/admin/catalog?kind=${kind}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': type }, body });
  return { status: response.status, body: await response.json() };
}

async function ask(server: TestServer, text: string) {
  const shopper = await new DirectLineClient(server.url).start();
  const replies = await shopper.say(text);
  return replies.filter((a: { type: string }) => a.type === 'message').map((a: { text?: string; channelData?: { aisle?: { kind: string; faqId?: string; products?: { id: string }[] } } }) => ({ text: a.text ?? '', ...a.channelData?.aisle }));
}

const audit = async (server: TestServer) => (await (await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()).items;

describe('live catalog changes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxUploadBytes: 64 * 1024 } });
  }, 120_000);
  afterAll(() => server.close());

  it('finds a product uploaded as CSV in chat at once, applying the good rows and reporting the bad ones by line', async () => {
    const before = await ask(server, 'cast iron waffle maker');
    expect(before.flatMap((reply) => reply.products ?? []).map((p) => p.id)).not.toContain(WAFFLE.id);
    const csv = [
      'id,type,title,description,category,brand,price,attributes.colour,attributes.material',
      `${WAFFLE.id},${WAFFLE.type},${WAFFLE.title},"${WAFFLE.description}",${WAFFLE.category},${WAFFLE.brand},${WAFFLE.price},black,cast iron`,
      'KIT-9002,saucepan,Broken Pan,A pan,Kitchen & Cookware,Hearth & Pine,-5,black,steel',
      'KIT-9003,saucepan,"Unclosed title,Kitchen & Cookware,Hearth & Pine,12,red,steel',
    ].join('\n');
    const { status, body } = await upload(server, csv, 'text/csv');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'products', format: 'csv', total: 3, added: 1, updated: 0, unchanged: 0, rejectedTotal: 2 });
    expect(body.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason])).toEqual([
      [3, expect.stringMatching(/price/)],
      [4, 'a quoted field starting on line 4 is never closed'],
    ]);
    const after = await ask(server, 'do you sell waffle makers?');
    expect(after[0]).toMatchObject({ kind: 'products', text: 'Here is the 1 waffle maker that matches:', products: [{ id: WAFFLE.id }] });
    const search = await (await fetch(`${server.url}/api/products?q=${encodeURIComponent('belgian waffle iron')}&limit=3`)).json();
    expect(search.items[0].id).toBe(WAFFLE.id);
  });

  it('shows a changed product changed, counting unchanged rows, and saves the index the next start loads', async () => {
    const rows = [{ ...WAFFLE, price: 39.99 }, server.shop.current().kb.products().find((p) => p.id !== WAFFLE.id)!];
    const { body } = await upload(server, rows.map((row) => JSON.stringify(row)).join('\n'), 'application/x-ndjson');
    expect(body).toMatchObject({ format: 'ndjson', total: 2, added: 0, updated: 1, unchanged: 1, rejected: [] });
    expect((await (await fetch(`${server.url}/api/products/${WAFFLE.id}`)).json()).price).toBe(39.99);
    const cheaper = await ask(server, 'waffle maker under $40');
    expect(cheaper[0]).toMatchObject({ kind: 'products', text: 'Here is the 1 waffle maker that matches:', products: [{ id: WAFFLE.id, price: 39.99 }] });
    // A start now would load the saved product index, not rebuild it.
    const { encoder } = server.shop.current();
    const { rebuilt } = await openKnowledgeBase({ store: server.shop.store, encoder, indexDir: join(server.dataDir, 'indexes') });
    expect(rebuilt).not.toContain('products');
  });

  it('deletes a product from the live index: search and chat stop showing it, and a second delete is 404', async () => {
    const remove = () => fetch(`${server.url}/api/admin/catalog/${WAFFLE.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const first = await remove();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ deleted: WAFFLE.id, kind: 'products' });
    expect((await remove()).status).toBe(404);
    expect((await fetch(`${server.url}/api/products/${WAFFLE.id}`)).status).toBe(404);
    const search = await (await fetch(`${server.url}/api/products?q=${encodeURIComponent('cast iron waffle maker')}&limit=10`)).json();
    expect(search.items.map((p: { id: string }) => p.id)).not.toContain(WAFFLE.id);
    const replies = await ask(server, 'cast iron waffle maker');
    expect(replies.flatMap((reply) => reply.products ?? []).map((p) => p.id)).not.toContain(WAFFLE.id);
  });

  it('answers from an FAQ entry uploaded live, and stops when it is deleted', async () => {
    const entry = {
      id: 'engraving',
      questions: ['Can you engrave a watch?', 'Do you offer personalised engraving?', 'can i get my initials put on the back of a watch'],
      answer: 'Yes: we engrave up to 20 characters on any watch for $15. Add engraving at checkout.',
    };
    const { body } = await upload(server, JSON.stringify([entry]), 'application/json', 'faq');
    expect(body).toMatchObject({ kind: 'faq', format: 'json', added: 1, rejected: [] });
    const answered = await ask(server, 'could you engrave my initials on a watch?');
    expect(answered[0]).toMatchObject({ kind: 'faq', faqId: 'engraving', text: entry.answer });
    const removed = await fetch(`${server.url}/api/admin/catalog/engraving?kind=faq`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(removed.status).toBe(200);
    const after = await ask(server, 'could you engrave my initials on a watch?');
    expect(after[0]!.faqId).not.toBe('engraving');
  });

  it('writes every change to the audit log with its author and diff', async () => {
    const entries = await audit(server);
    const mine = entries.filter((e: { target: string }) => e.target === WAFFLE.id).reverse();
    expect(mine.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`)).toEqual(['ADMIN_TOKEN product.add', 'ADMIN_TOKEN product.update', 'ADMIN_TOKEN product.delete']);
    expect(mine[0].diff.title).toEqual([null, WAFFLE.title]);
    expect(mine[1].diff).toEqual({ price: [44.99, 39.99] });
    expect(mine[2].diff.price).toEqual([39.99, null]);
    expect(entries.filter((e: { target: string }) => e.target === 'engraving').map((e: { action: string }) => e.action)).toEqual(['faq.delete', 'faq.add']);
  });

  it('refuses what it cannot read: another content type (415), a CSV without ids (400), an upload over the limit (413)', async () => {
    expect((await upload(server, 'id,title\nx,y', 'text/plain')).status).toBe(415);
    const noIds = await upload(server, 'sku,title\nx,y', 'text/csv');
    expect(noIds.status).toBe(400);
    expect(noIds.body.error.message).toMatch(/"id" column/);
    const big = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `BIG-${i}`, title: `Big Product ${i}`, price: 10 })).join('\n');
    const tooBig = await upload(server, big, 'application/x-ndjson');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/at most 0 MB|at most/);
  });
});
