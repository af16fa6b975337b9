/**
 * /api/messages through botbuilder's CloudAdapter, as the Bot Framework Emulator or a
 * channel would call it. The channel service that receives the bot's replies is the one
 * thing that cannot run here, so a small loopback server plays it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChannel, startTestServer, type FakeChannel, type TestServer } from '../helpers.js';

function activity(channel: FakeChannel, text: string, id: string) {
  return {
    type: 'message',
    id,
    text,
    channelId: 'emulator',
    serviceUrl: channel.url,
    from: { id: 'user-1', name: 'Shopper' },
    recipient: { id: 'bot', name: 'Aisle' },
    conversation: { id: 'emulator-conversation-1' },
    timestamp: new Date().toISOString(),
  };
}

describe('/api/messages (CloudAdapter)', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    [server, channel] = await Promise.all([startTestServer(), startFakeChannel()]);
  });
  afterAll(async () => {
    await channel.close();
    await server.close();
  });

  it('answers through the channel that sent the activity, with auth off when no app id is set', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(channel, 'Is shipping free?', 'act-1')),
    });
    expect(response.status).toBeLessThan(300);
    expect(channel.received).toHaveLength(1);
    const { path, body } = channel.received[0]!;
    expect(path).toBe('/v3/conversations/emulator-conversation-1/activities/act-1');
    expect(body.text).toMatch(/free on orders over \$50/);
    expect(body.channelData.aisle).toMatchObject({ kind: 'faq', faqId: 'shipping-cost' });
  });

  it('logs the emulator conversation as a transcript too', async () => {
    const transcript = await (await fetch(`${server.url}/api/transcripts/emulator-conversation-1`, { headers: { authorization: 'Bearer test-admin-token-123' } })).json();
    expect(transcript.channelId).toBe('emulator');
    expect(transcript.items.map((a: { text: string }) => a.text)).toContain('Is shipping free?');
  });

  it('answers a malformed post with 400 naming what is missing, not a 500, and runs no turn for it', async () => {
    const post = (body: unknown) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = channel.received.length;
    for (const [body, named] of [[{}, /type: /], [[], /body: .*expected object/], [{ type: 'message', text: 'hi' }, /channelId: /], [{ ...activity(channel, 'hi', 'act-x'), conversation: {} }, /conversation\.id: /]] as const) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: 'BadArgument', message: expect.stringMatching(named) });
    }
    expect(channel.received.length).toBe(before);
  });

  it('refuses with 400 what a reply could not carry back, so no turn runs to fail after a 200; answers an invoke 400, not 501', async () => {
    const post = (body: unknown) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const errors = async () => (await server.aisle.metrics.errors.get()).values.reduce((sum, { value }) => sum + value, 0);
    const errorsBefore = await errors();
    const before = channel.received.length;
    // Each was a 200 whose turn then failed: the connector could not serialise the reply, put the id in its URL or
    // the conversation id in its header, or the bot could not read the text.
    for (const [patch, named] of [
      [{ recipient: { id: 5 } }, /recipient\.id: /],
      [{ conversation: { id: 'emulator-conversation-1', isGroup: 'no' } }, /conversation\.isGroup: /],
      [{ conversation: { id: 'emulator-\u0000' } }, /conversation\.id: must be characters an HTTP header can carry/],
      [{ id: 'act-\ud800' }, /id: must be well-formed Unicode/],
      [{ text: {} }, /text: /],
    ] as const) {
      const response = await post({ ...activity(channel, 'hi', 'act-bad'), ...patch });
      expect(response.status, JSON.stringify(patch)).toBe(400);
      expect((await response.json()).error.message).toMatch(named);
    }
    expect(channel.received.length).toBe(before);
    // botbuilder answers an invoke no handler implements 501 with no body.
    const invoke = await post({ ...activity(channel, 'hi', 'act-invoke'), type: 'invoke', name: 'adaptiveCard/action' });
    expect(invoke.status).toBe(400);
    expect((await invoke.json()).error).toEqual({ code: 'NotSupported', message: 'this bot handles no invoke activities (got "adaptiveCard/action")' });
    // A timestamp that is no date: the shopper's message is logged at its arrival, not lost from the transcript.
    const odd = await post({ ...activity(channel, 'Is shipping free?', 'act-odd-time'), conversation: { id: 'emulator-odd-time' }, timestamp: 'not a date' });
    expect(odd.status).toBeLessThan(300);
    const transcript = await (await fetch(`${server.url}/api/transcripts/emulator-odd-time`, { headers: { authorization: 'Bearer test-admin-token-123' } })).json();
    expect(transcript.items.map((a: { text: string }) => a.text)).toContain('Is shipping free?');
    expect(await errors()).toBe(errorsBefore);
  });

  it('answers a page token it never handed out with 400, not a 500', async () => {
    const headers = { authorization: 'Bearer test-admin-token-123' };
    for (const path of ['/api/transcripts?continuationToken=abc', '/api/transcripts/emulator-conversation-1?continuationToken=1e9x', '/api/transcripts?continuationToken=-5']) {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.message).toMatch(/continuationToken: expected a token from a previous page/);
    }
    expect((await fetch(`${server.url}/api/transcripts?continuationToken=0`, { headers })).status).toBe(200);
  });
});

describe('/api/messages with MicrosoftAppId configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ botFramework: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(() => server.close());

  it('rejects a request without a valid Bot Framework JWT', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } }),
    });
    expect(response.status).toBe(401);
  });
});
