/**
 * The admin API's doors, over HTTP on the real app: logins and their cookie, CSRF on every change
 * made with a cookie, throttling, and — for every route in ADMIN_ACCESS and every role — that
 * the role is let in exactly where the table says.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACCESS, type AdminRoute } from '../../bot/admin/access.js';
import { AdminAccounts, ADMIN_ROLES, type AdminRole } from '../../bot/admin/accounts.js';
import { loginRouter } from '../../bot/admin/auth.js';
import { errorHandler } from '../../bot/http-errors.js';
import { ADMIN_TOKEN, DirectLineClient, startTestServer, tempDir, type TestServer } from '../helpers.js';

const PASSWORD = 'a long test passphrase';

interface LoggedIn {
  cookie: string;
  csrf: string;
}

async function login(url: string, user: string, password = PASSWORD): Promise<Response> {
  return fetch(`${url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) });
}

async function loggedIn(url: string, user: string): Promise<LoggedIn> {
  const response = await login(url, user);
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrf: (await response.json()).csrf };
}

/**
 * A concrete request for a route: its parameters filled with ids that exist nowhere, and bodies that change
 * nothing, but for POST /api/admin/reindex (which has no arguments: the first caller let in starts one, the
 * next get 409) and the rollback it makes possible.
 */
function requestFor(route: AdminRoute): { method: string; path: string; body?: unknown } {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:[a-zA-Z]+/g, 'no-such-id');
  return { method, path, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) };
}

describe('admin API access', () => {
  let server: TestServer;
  const sessions = {} as Record<AdminRole, LoggedIn>;
  beforeAll(async () => {
    server = await startTestServer();
    const accounts = new AdminAccounts(server.shop.store.db);
    for (const role of ADMIN_ROLES) await accounts.addUser(`${role}-user`, role, PASSWORD);
    await accounts.addUser('locked-user', 'support', PASSWORD);
    for (const role of ADMIN_ROLES) sessions[role] = await loggedIn(server.url, `${role}-user`);
  }, 60_000);
  afterAll(async () => {
    // A role let in to POST /api/admin/reindex (or a rollback) started one: the store stays open until it ends.
    const switcher = server.aisle.modelSwitcher();
    while (switcher?.busy()) await switcher.settled();
    await server.close();
  }, 120_000);

  it('sets the session cookie Secure, HttpOnly, SameSite=Strict and host-only, and answers with the CSRF token', async () => {
    const response = await login(server.url, 'support-user');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-aisle_admin=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ user: 'support-user', role: 'support', csrf: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await login(server.url, 'catalog-user', 'not the password');
    const unknown = await login(server.url, 'nobody-here', PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it('locks a user after five wrong passwords, with 429 and Retry-After, even for the right one', async () => {
    for (let i = 0; i < 4; i++) expect((await login(server.url, 'locked-user', 'wrong guess')).status).toBe(401);
    const fifth = await login(server.url, 'locked-user', 'wrong guess');
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get('retry-after'))).toBe(900);
    expect((await login(server.url, 'locked-user')).status).toBe(429);
  });

  it('refuses a login over plain HTTP from a host that is not localhost, where the browser would drop the Secure cookie', async () => {
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/api/admin/login', method: 'POST', headers: { host: `shop.example:${port}`, 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.end(JSON.stringify({ user: 'admin-user', password: PASSWORD }));
    });
    expect(status).toBe(400);
  });

  it('tells the app who is logged in, and ends the session at logout', async () => {
    const session = await loggedIn(server.url, 'catalog-user');
    const who = await fetch(`${server.url}/api/admin/session`, { headers: { cookie: session.cookie } });
    expect(await who.json()).toMatchObject({ user: 'catalog-user', role: 'catalog', csrf: session.csrf });
    // Logging out is a change: it needs the CSRF token too.
    expect((await fetch(`${server.url}/api/admin/logout`, { method: 'POST', headers: { cookie: session.cookie } })).status).toBe(403);
    const out = await fetch(`${server.url}/api/admin/logout`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^__Host-aisle_admin=;.*Expires=Thu, 01 Jan 1970/);
    expect((await fetch(`${server.url}/api/admin/session`, { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/transcripts`, { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it('refuses a change made with the cookie but without the CSRF token, with a wrong one, or from another origin', async () => {
    const { cookie, csrf } = sessions.support;
    const review = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/transcripts/no-such-conversation/reviews`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ query: 'q', faqId: 'returns', verdict: 'confirmed' }) });
    const missing = await review({});
    expect(missing.status).toBe(403);
    expect((await missing.json()).error.message).toMatch(/X-CSRF-Token/);
    expect((await review({ 'x-csrf-token': 'guessed' })).status).toBe(403);
    expect((await review({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    // The right token from the app's own origin passes the door (and finds no such conversation).
    expect((await review({ 'x-csrf-token': csrf, origin: server.url })).status).toBe(404);
    // Reading needs no token.
    expect((await fetch(`${server.url}/api/transcripts`, { headers: { cookie } })).status).toBe(200);
  });

  const callers = ['nobody', ...ADMIN_ROLES, 'token'] as const;
  for (const route of Object.keys(ADMIN_ACCESS) as AdminRoute[]) {
    for (const caller of callers) {
      const allowed: readonly string[] = ADMIN_ACCESS[route];
      const expected = caller === 'nobody' ? 'refused (401)' : caller === 'token' || allowed.includes(caller) ? 'let in' : 'refused (403)';
      it(`${route}: ${caller} is ${expected}`, async () => {
        const { method, path, body } = requestFor(route);
        const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
        if (caller === 'token') headers.authorization = `Bearer ${ADMIN_TOKEN}`;
        else if (caller !== 'nobody') Object.assign(headers, { cookie: sessions[caller].cookie, 'x-csrf-token': sessions[caller].csrf });
        const response = await fetch(`${server.url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
        if (expected === 'let in') expect([401, 403], `${response.status}: ${await response.text()}`).not.toContain(response.status);
        else expect(response.status).toBe(caller === 'nobody' ? 401 : 403);
      });
    }
  }

  it('records each change with its author in the audit log, which admins read', async () => {
    const shopper = await new DirectLineClient(server.url).start();
    await shopper.say('how do returns work?');
    const support = sessions.support;
    const review = await fetch(`${server.url}/api/transcripts/${shopper.conversationId}/reviews`, {
      method: 'POST',
      headers: { cookie: support.cookie, 'x-csrf-token': support.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'how do returns work?', faqId: 'returns-policy', verdict: 'confirmed' }),
    });
    expect(review.status).toBe(201);
    // A review labels what the shopper really asked: text never sent in the conversation is refused.
    const invented = await fetch(`${server.url}/api/transcripts/${shopper.conversationId}/reviews`, {
      method: 'POST',
      headers: { cookie: support.cookie, 'x-csrf-token': support.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'how do I get a refund in bitcoin?', faqId: 'returns-policy', verdict: 'corrected' }),
    });
    expect(invented.status).toBe(400);
    expect((await invented.json()).error.message).toBe('query: the shopper sent no such message in this conversation');
    // A product list is reviewed by the right product; a review names one entry or one product, and a real one.
    const productReview = (body: object) =>
      fetch(`${server.url}/api/transcripts/${shopper.conversationId}/reviews`, { method: 'POST', headers: { cookie: support.cookie, 'x-csrf-token': support.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'how do returns work?', verdict: 'corrected', ...body }) });
    const productId = server.shop.current().kb.products()[0]!.id;
    expect((await productReview({ productId })).status).toBe(201);
    expect(server.shop.store.reviewedProducts()).toEqual([expect.objectContaining({ conversationId: shopper.conversationId, productId, verdict: 'corrected' })]);
    expect((await productReview({ productId, faqId: 'returns-policy' })).status).toBe(400);
    expect((await productReview({})).status).toBe(400);
    expect((await (await productReview({ productId: 'NO-SUCH' })).json()).error.message).toBe('productId: no product "NO-SUCH"');
    const { cookie, csrf } = sessions.admin;
    await fetch(`${server.url}/api/admin/model`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ modelDir: 'models/no-such-model' }) });
    const audit = await (await fetch(`${server.url}/api/admin/audit`, { headers: { cookie } })).json();
    // The review is there, without the shopper's words; a refused switch (no such model) changed nothing, so it is not.
    expect(audit.items.filter((entry: { target: string }) => entry.target === shopper.conversationId)).toEqual([
      { id: expect.any(Number), at: expect.any(String), actor: 'support-user', action: 'review.product.correct', target: shopper.conversationId, diff: { productId: [null, productId] } },
      { id: expect.any(Number), at: expect.any(String), actor: 'support-user', action: 'review.confirm', target: shopper.conversationId, diff: { faqId: [null, 'returns-policy'] } },
    ]);
    expect(audit.items.filter((entry: { action: string }) => entry.action === 'model.switch')).toEqual([]);
    expect((await fetch(`${server.url}/api/admin/audit`, { headers: { cookie: support.cookie } })).status).toBe(403);
    const users = await (await fetch(`${server.url}/api/admin/users`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(users.items.map((u: { name: string; role: string }) => `${u.name}:${u.role}`)).toEqual(['admin-user:admin', 'catalog-user:catalog', 'locked-user:support', 'support-user:support']);
  });
});

describe('admin logins from one address', () => {
  it('are throttled per address, whatever user they name, with 429 and Retry-After', async () => {
    const accounts = new AdminAccounts(new Database(join(tempDir(), 'aisle.db')));
    const app = express();
    app.use(express.json());
    app.use('/api', loginRouter(() => accounts, { loginsPer15Minutes: 3 }));
    app.use(errorHandler(() => undefined));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const user of ['a-user', 'b-user', 'c-user']) expect((await login(url, user)).status).toBe(401);
      const fourth = await login(url, 'd-user');
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
