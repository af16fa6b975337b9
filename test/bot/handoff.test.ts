/**
 * Human handoff on the real app: shoppers who ask for a person join a queue and are told their
 * place; an agent claims one in the admin API and writes to them (Web Chat through the local Direct
 * Line, a channel through the Bot Framework connector, played here by a loopback channel); the bot
 * stays quiet meanwhile; the agent hands the conversation back and the bot answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts } from '../../bot/admin/accounts.js';
import { ADMIN_TOKEN, DirectLineClient, startFakeChannel, startTestServer, type FakeChannel, type TestServer } from '../helpers.js';

const PASSWORD = 'a long test passphrase';

interface Agent {
  post(path: string, body?: unknown): Promise<Response>;
}

async function agent(server: TestServer, user: string): Promise<Agent> {
  const login = await fetch(`${server.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password: PASSWORD }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrf } = await login.json();
  return {
    post: (path, body = {}) => fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

const texts = (activities: { type: string; text?: string }[]) => activities.filter((a) => a.type === 'message').map((a) => a.text);

describe('human handoff', () => {
  let server: TestServer;
  let channel: FakeChannel;
  let maria: Agent;
  let sam: Agent;
  let first: DirectLineClient;
  let second: DirectLineClient;
  const queue = async () => (await (await fetch(`${server.url}/api/admin/handoffs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()).items;

  beforeAll(async () => {
    [server, channel] = await Promise.all([startTestServer(), startFakeChannel()]);
    const accounts = new AdminAccounts(server.shop.store.db);
    await accounts.addUser('maria', 'support', PASSWORD);
    await accounts.addUser('sam', 'support', PASSWORD);
    [maria, sam] = [await agent(server, 'maria'), await agent(server, 'sam')];
    [first, second] = await Promise.all([new DirectLineClient(server.url).start(), new DirectLineClient(server.url).start()]);
  }, 120_000);
  afterAll(async () => {
    await channel.close();
    await server.close();
  });

  it('queues shoppers who ask for a person, telling each their place, and again when they write', async () => {
    const asked = await first.say('I want to talk to a real person');
    expect(texts(asked)).toEqual(["Of course — I'm passing you to a person from our support team. You're number 1 in the queue; they will see this whole conversation."]);
    expect(asked.find((a) => a.type === 'event')).toMatchObject({ name: 'handoff', value: { reason: 'asked-for-person', position: 1 } });
    // The offer a fallback makes, taken.
    await second.say('who won the football last night');
    expect(texts(await second.say('Talk to a person'))[0]).toMatch(/You're number 2 in the queue/);
    expect(texts(await first.say('hello? anyone there?'))).toEqual(["You're number 1 in the queue for a person from our support team. They will see everything you write here."]);
    expect((await queue()).map((h: { conversationId: string; position: number }) => [h.conversationId, h.position])).toEqual([[first.conversationId, 1], [second.conversationId, 2]]);
  });

  it('lets a waiting shopper go back to the bot', async () => {
    expect(texts(await second.say('Keep chatting with Aisle'))).toEqual(["OK, I'm here. What can I help you with?"]);
    expect((await queue()).map((h: { conversationId: string }) => h.conversationId)).toEqual([first.conversationId]);
    expect(texts(await second.say('how do returns work?'))[0]).toMatch(/return/i);
  });

  it('lets an agent claim the conversation and write to the shopper while the bot stays quiet', async () => {
    const claimed = await maria.post(`/api/admin/handoffs/${first.conversationId}/claim`);
    expect(await claimed.json()).toMatchObject({ conversationId: first.conversationId, claimedBy: 'maria' });
    expect((await sam.post(`/api/admin/handoffs/${first.conversationId}/claim`)).status).toBe(409);
    const joined = await first.poll();
    expect(joined.find((a) => a.type === 'message')).toMatchObject({ text: 'maria from our support team has joined the conversation.', channelData: { agent: { name: 'maria' }, aisle: { kind: 'handoff' } } });

    // The bot says nothing now; the agent answers.
    expect(await first.say('my parcel never arrived')).toEqual([]);
    expect((await sam.post(`/api/admin/handoffs/${first.conversationId}/messages`, { text: 'I can help' })).status).toBe(409);
    expect((await maria.post(`/api/admin/handoffs/${first.conversationId}/messages`, { text: '' })).status).toBe(400);
    expect((await maria.post(`/api/admin/handoffs/${first.conversationId}/messages`, { text: 'Sorry to hear that! Let me look up your order.' })).status).toBe(201);
    expect(texts(await first.poll())).toEqual(['maria: Sorry to hear that! Let me look up your order.']);
    const transcript = await (await fetch(`${server.url}/api/transcripts/${first.conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(texts(transcript.items).slice(-2)).toEqual(['my parcel never arrived', 'maria: Sorry to hear that! Let me look up your order.']);
  });

  it('hands the conversation back: the shopper is told, and the bot answers again', async () => {
    expect((await sam.post(`/api/admin/handoffs/${first.conversationId}/release`)).status).toBe(409);
    expect((await maria.post(`/api/admin/handoffs/${first.conversationId}/release`)).status).toBe(200);
    expect(texts(await first.poll())).toEqual(["maria has handed you back to Aisle, the shop's assistant. Ask me anything."]);
    expect(await queue()).toEqual([]);
    const answer = (await first.say('do you ship to Canada?')).find((a) => a.type === 'message');
    expect(answer.channelData.aisle.kind).toBe('faq');
    const audit = (await (await fetch(`${server.url}/api/admin/audit?target=${first.conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()).items;
    expect(audit.map((e: { actor: string; action: string }) => `${e.actor} ${e.action}`)).toEqual(['maria handoff.release', 'maria handoff.claim']);
    const list = await (await fetch(`${server.url}/api/admin/conversations?handedOff=true`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(list.items.map((c: { conversationId: string }) => c.conversationId).sort()).toEqual([first.conversationId, second.conversationId].sort());
  });

  it('reaches a shopper on a Bot Framework channel through the connector', async () => {
    const activity = (id: string, text: string) => ({
      type: 'message', id, text, channelId: 'emulator', serviceUrl: channel.url,
      from: { id: 'user-9' }, recipient: { id: 'bot' }, conversation: { id: 'channel-conversation-9' },
    });
    const post = (body: unknown) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(activity('m1', 'can I speak to a human please'))).status).toBeLessThan(300);
    expect(channel.received.at(-2)?.body.text).toMatch(/You're number 1 in the queue/);
    await maria.post('/api/admin/handoffs/channel-conversation-9/claim');
    expect((await maria.post('/api/admin/handoffs/channel-conversation-9/messages', { text: 'Hi, Maria here.' })).status).toBe(201);
    expect(channel.received.map((r) => r.body.text).slice(-2)).toEqual(['maria from our support team has joined the conversation.', 'maria: Hi, Maria here.']);
    expect(channel.received.at(-1)?.path).toMatch(/^\/v3\/conversations\/channel-conversation-9\/activities/);
    await maria.post('/api/admin/handoffs/channel-conversation-9/release');
  });
});
