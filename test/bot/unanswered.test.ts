/**
 * "Questions we could not answer" (bot/admin/unanswered.ts): declined and unsure answers grouped by
 * meaning, biggest first; a group is fixed from the API by a new FAQ entry or new phrasings, live,
 * and then leaves the list because the FAQ now answers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterByMeaning } from '../../bot/admin/unanswered.js';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, type TestServer } from '../helpers.js';

const unit = (values: number[]) => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / norm));
};

describe('clusterByMeaning', () => {
  it('merges the groups that are alike on average, and leaves an outlier alone', () => {
    const vectors = [unit([1, 0.1, 0]), unit([1, 0, 0.1]), unit([0.9, 0.1, 0.1]), unit([0, 1, 0.1]), unit([0.1, 1, 0]), unit([0, 0, 1])];
    const clusters = clusterByMeaning(['a1', 'a2', 'a3', 'b1', 'b2', 'c'], vectors, 0.8);
    expect(clusters.map((c) => c.members.sort().join(' ')).sort()).toEqual(['a1 a2 a3', 'b1 b2', 'c']);
    // Under a threshold nothing reaches, every item is its own group; over one everything reaches, one group.
    expect(clusterByMeaning(['a1', 'a2', 'b1'], vectors.slice(0, 3), 1.01)).toHaveLength(3);
    expect(clusterByMeaning(['a1', 'a2', 'a3', 'b1', 'b2', 'c'], vectors, -1)).toHaveLength(1);
  });
});

describe('GET /api/admin/unanswered', () => {
  let server: TestServer;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const unanswered = async () => (await fetch(`${server.url}/api/admin/unanswered`, { headers: admin })).json();
  const say = async (text: string) => {
    const shopper = await new DirectLineClient(server.url).start();
    const [reply] = (await shopper.say(text)).filter((a: { type: string }) => a.type === 'message');
    return reply.channelData.aisle as { kind: string; faqId?: string };
  };
  beforeAll(async () => {
    server = await startTestServer();
    // Engraving is not in the demo FAQ: asked three ways, twice one of them; and an unrelated question.
    for (const text of ['do you offer engraving?', 'do you offer engraving?', 'is engraving possible on the watches', 'who won the football last night']) await say(text);
  }, 120_000);
  afterAll(() => server.close());

  it('groups the declined questions by meaning, biggest first, with the nearest FAQ entries', async () => {
    const found = await unanswered();
    expect(found).toMatchObject({ declined: 3, stillUnanswered: 3 });
    expect(found.clusters.map((c: { size: number; messages: { text: string }[] }) => [c.size, c.messages.map((m) => m.text)])).toEqual([
      [3, ['do you offer engraving?', 'is engraving possible on the watches']],
      [1, ['who won the football last night']],
    ]);
    expect(found.clusters[0].messages[0]).toMatchObject({ count: 2, kind: 'fallback' });
    expect(found.clusters[0].nearest).toHaveLength(3);
  });

  it('drops a group once a new FAQ entry answers it, live, and the entry answers shoppers at once', async () => {
    const [group] = (await unanswered()).clusters;
    const entry = { id: 'engraving', questions: [...group.messages.map((m: { text: string }) => m.text), 'Can you engrave a watch?'], answer: 'Yes: we engrave up to 20 characters on any watch for $15. Add engraving at checkout.' };
    const created = await fetch(`${server.url}/api/admin/faq`, { method: 'POST', headers: admin, body: JSON.stringify(entry) });
    expect(created.status).toBe(201);
    expect((await fetch(`${server.url}/api/admin/faq`, { method: 'POST', headers: admin, body: JSON.stringify(entry) })).status).toBe(409);
    const after = await unanswered();
    expect(after.clusters.map((c: { label: string }) => c.label)).toEqual(['who won the football last night']);
    expect(await say('any chance you could engrave my watch?')).toMatchObject({ kind: 'faq', faqId: 'engraving' });
  });

  it('adds phrasings to an entry, skipping those it has, and refuses an unknown entry', async () => {
    const url = `${server.url}/api/admin/faq/engraving/phrasings`;
    const added = await fetch(url, { method: 'POST', headers: admin, body: JSON.stringify({ questions: ['can you engrave a watch?', 'will you put initials on a watch for me'] }) });
    expect(await added.json()).toMatchObject({ id: 'engraving', added: ['will you put initials on a watch for me'] });
    expect((await fetch(`${server.url}/api/admin/faq/nope/phrasings`, { method: 'POST', headers: admin, body: JSON.stringify({ questions: ['x'] }) })).status).toBe(404);
    expect((await fetch(url, { method: 'POST', headers: admin, body: JSON.stringify({ questions: [] }) })).status).toBe(400);
    const audit = (await (await fetch(`${server.url}/api/admin/audit?target=engraving`, { headers: admin })).json()).items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['faq.update', 'faq.add']);
    expect(audit[0].diff.questions[1]).toContain('will you put initials on a watch for me');
  });
});
