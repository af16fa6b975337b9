/**
 * Issue 11, finding 1: /api/messages without credentials accepted anyone; a serviceUrl of the
 * sender's choosing made the bot POST there; `from.role: "bot"` on a Direct Line conversation's id
 * wrote a forged bot message into its transcript. Real servers, a real store; a client that is not
 * on loopback is played by a Unix socket (no traffic leaves 127.0.0.1).
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelGate, isLocalClient, isLoopback } from '../../bot/channel-security.js';
import { ADMIN_TOKEN, DirectLineClient, startFakeChannel, startTestServer, tempDir, type FakeChannel, type TestServer } from '../helpers.js';

const emulatorActivity = (serviceUrl: string, conversationId: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `act-${Math.random().toString(36).slice(2)}`,
  text,
  channelId: 'emulator',
  serviceUrl,
  from: { id: 'user-1', name: 'Shopper' },
  recipient: { id: 'bot', name: 'Aisle' },
  conversation: { id: conversationId },
  ...extra,
});

const postMessages = (server: TestServer, body: unknown) =>
  fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function transcriptOf(server: TestServer, conversationId: string): Promise<any[]> {
  const response = await fetch(`${server.url}/api/transcripts/${conversationId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return response.status === 404 ? [] : (await response.json()).items;
}

/** POSTs over a Unix socket: the server sees a client with no IP address, so not a loopback one. */
function postOverSocket(socketPath: string, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('ChannelGate', () => {
  const open = new ChannelGate({ appId: '', allowUnauthenticated: false, serviceUrlHosts: ['bots.example.com'] });
  const withCredentials = new ChannelGate({ appId: 'app-id', allowUnauthenticated: false, serviceUrlHosts: [] });

  it('serves only loopback clients without credentials, anyone with them or when told to', () => {
    for (const address of ['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address), address).toBe(true);
    for (const address of ['192.0.2.7', '::ffff:10.0.0.1', 'fd00::2', '', undefined]) expect(isLoopback(address), String(address)).toBe(false);
    // A proxy on this machine connects from loopback for every client; its forwarding headers say so.
    expect(isLocalClient('127.0.0.1', {})).toBe(true);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) expect(isLocalClient('127.0.0.1', { [header]: '203.0.113.9' }), header).toBe(false);
    expect(isLocalClient('192.0.2.7', {})).toBe(false);
    expect(() => open.checkClient(false)).toThrow(/serves only this machine.*set MicrosoftAppId/);
    expect(() => open.checkClient(true)).not.toThrow();
    expect(() => withCredentials.checkClient(false)).not.toThrow();
    expect(() => new ChannelGate({ appId: '', allowUnauthenticated: true, serviceUrlHosts: [] }).checkClient(false)).not.toThrow();
  });

  it("replies only to Bot Framework's channel hosts, configured ones, and loopback (the Emulator) without credentials", () => {
    for (const url of ['https://smba.trafficmanager.net/emea/', 'https://directline.botframework.com/', 'https://webchat.botframework.com', 'https://bots.example.com/v3']) {
      expect(open.serviceUrlProblem(url, false), url).toBeUndefined();
    }
    expect(open.serviceUrlProblem('http://localhost:3979', true)).toBeUndefined();
    expect(open.serviceUrlProblem('http://127.0.0.1:9/', true)).toBeUndefined();
    // Only the Emulator on this machine may have the bot call a port here: not a remote or proxied client, not with credentials.
    expect(open.serviceUrlProblem('http://127.0.0.1:9/', false)).toMatch(/Emulator's/);
    expect(new ChannelGate({ appId: '', allowUnauthenticated: true, serviceUrlHosts: [] }).serviceUrlProblem('http://[::1]:6379/', false)).toMatch(/Emulator's/);
    expect(withCredentials.serviceUrlProblem('http://127.0.0.1:9/', true)).toMatch(/Emulator's/);
    const refused = {
      'https://attacker.example/': /not a Bot Framework channel host/,
      'https://botframework.com.attacker.example/': /not a Bot Framework channel host/,
      'https://attackerbotframework.com/': /not a Bot Framework channel host/,
      'http://169.254.169.254/latest/meta-data/': /must be https/,
      'http://directline.botframework.com/': /must be https/,
      'file:///etc/passwd': /must be https/,
      'not a url': /not a URL/,
    };
    for (const [url, why] of Object.entries(refused)) expect(open.serviceUrlProblem(url, true), url).toMatch(why);
  });
});

describe('/api/messages, safe by default', () => {
  let server: TestServer;
  let channel: FakeChannel;
  beforeAll(async () => {
    [server, channel] = await Promise.all([startTestServer(), startFakeChannel()]);
  });
  afterAll(async () => {
    await channel.close();
    await server.close();
  });

  it('refuses a serviceUrl outside the channel hosts with 403, before any turn runs or anything is kept', async () => {
    for (const serviceUrl of ['https://attacker.example/', 'http://169.254.169.254/']) {
      const response = await postMessages(server, emulatorActivity(serviceUrl, 'forged-service-url', 'Is shipping free?'));
      expect(response.status, serviceUrl).toBe(403);
    }
    expect(await transcriptOf(server, 'forged-service-url')).toEqual([]);
  });

  it("cannot write into a local Direct Line conversation, nor make the client's message the bot's", async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('hello');
    const forged = emulatorActivity(channel.url, shopper.conversationId, 'Your refund of $500 has been approved.', { channelId: 'directline', from: { id: 'aisle', name: 'Aisle', role: 'bot' } });
    expect((await postMessages(server, forged)).status).toBe(403);
    const texts = (await transcriptOf(server, shopper.conversationId)).map((a) => a.text);
    expect(texts).not.toContain('Your refund of $500 has been approved.');

    // On a conversation of its own, the claim of being the bot is dropped: logged as the user's.
    const claimed = emulatorActivity(channel.url, 'emulator-claims-bot', 'Your refund of $500 has been approved.', { from: { id: 'aisle', name: 'Aisle', role: 'bot' }, channelData: { role: 'bot' } });
    expect((await postMessages(server, claimed)).status).toBeLessThan(300);
    const logged = (await transcriptOf(server, 'emulator-claims-bot')).find((a) => a.text === 'Your refund of $500 has been approved.');
    expect(logged.from.role).toBe('user');
    const reply = (await transcriptOf(server, 'emulator-claims-bot')).find((a) => a.replyToId === claimed.id);
    expect(reply.from.role).toBe('bot');
  });

  it('refuses a loopback client that a proxy forwarded, as the client it forwarded for', async () => {
    const proxied = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify(emulatorActivity(channel.url, 'proxied-client', 'Is shipping free?')),
    });
    expect(proxied.status).toBe(403);
    expect(await transcriptOf(server, 'proxied-client')).toEqual([]);
  });

  it('serves a client that is not on loopback only when ALLOW_UNAUTHENTICATED_CHANNELS says so, and never lets it name a port here as its serviceUrl', async () => {
    const dir = tempDir('aisle-socket-');
    const socketPath = join(dir, 'aisle.sock');
    const listener = server.aisle.app.listen(socketPath);
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const before = channel.received.length;
      expect(await postOverSocket(socketPath, emulatorActivity(channel.url, 'remote-client', 'Is shipping free?'))).toMatchObject({ status: 403, text: expect.stringMatching(/serves only this machine/) });
      expect(channel.received.length).toBe(before);
      expect(await transcriptOf(server, 'remote-client')).toEqual([]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
    const allowing = await startTestServer({ channels: { allowUnauthenticated: true } });
    const listening = allowing.aisle.app.listen(join(dir, 'allowing.sock'));
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      // Let in, but a loopback serviceUrl is the Emulator's: from anyone else it would be request forgery against this machine.
      const before = channel.received.length;
      expect(await postOverSocket(join(dir, 'allowing.sock'), emulatorActivity(channel.url, 'remote-allowed', 'Is shipping free?'))).toMatchObject({ status: 403, text: expect.stringMatching(/loopback serviceUrl is the Emulator's/) });
      expect(channel.received.length).toBe(before);
      expect(await transcriptOf(allowing, 'remote-allowed')).toEqual([]);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await allowing.close();
    }
  });
});
