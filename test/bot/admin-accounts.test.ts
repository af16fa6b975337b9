/**
 * The admin app's users and sessions (bot/admin/accounts.ts) on a real SQLite database, with a
 * clock the test moves: passwords hashed with scrypt, locks after failed logins, sessions that
 * expire idle and absolutely, and a new password that ends them.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountError, AdminAccounts, hashPassword, verifyPassword } from '../../bot/admin/accounts.js';
import { AuditLog, diffOf } from '../../bot/admin/audit-log.js';
import { tempDir } from '../helpers.js';

const PASSWORD = 'correct horse battery';

describe('AdminAccounts', () => {
  let db: Database.Database;
  let now: number;
  let accounts: AdminAccounts;
  beforeEach(() => {
    db = new Database(join(tempDir(), 'aisle.db'));
    now = Date.parse('2026-12-02T10:00:00Z');
    accounts = new AdminAccounts(db, { sessionIdleMs: 30 * 60_000, sessionMaxMs: 12 * 3_600_000, lockAfterFailures: 5, lockMs: 15 * 60_000 }, () => now);
  });

  it('keeps a salted scrypt hash, never the password, and checks it', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const { password_hash: stored } = db.prepare('SELECT password_hash FROM admin_users').get() as { password_hash: string };
    expect(stored).toMatch(/^scrypt\$65536\$8\$2\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, stored)).toBe(false);
    // Two hashes of one password differ: each has its own salt.
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });

  it('refuses a short password, a bad name, an unknown role and a second user of one name, saying which', async () => {
    await expect(accounts.addUser('maria', 'support', 'short')).rejects.toThrow(/at least 12 characters/);
    await expect(accounts.addUser('Maria Smith', 'support', PASSWORD)).rejects.toThrow(/user name "Maria Smith"/);
    await expect(accounts.addUser('maria', 'owner' as never, PASSWORD)).rejects.toThrow(/role "owner": expected one of support, catalog, admin/);
    await accounts.addUser('maria', 'support', PASSWORD);
    await expect(accounts.addUser('maria', 'admin', PASSWORD)).rejects.toBeInstanceOf(AccountError);
    expect(accounts.users()).toEqual([{ name: 'maria', role: 'support', createdAt: '2026-12-02T10:00:00.000Z' }]);
  });

  it('opens a session whose id the database keeps only as a hash', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const result = await accounts.login('maria', PASSWORD);
    if (!result.ok) throw new Error('login failed');
    expect(result.session).toMatchObject({ user: 'maria', role: 'support', expiresAt: now + 30 * 60_000 });
    expect(JSON.stringify(db.prepare('SELECT * FROM admin_sessions').all())).not.toContain(result.session.id);
    expect(accounts.session(result.session.id)).toMatchObject({ user: 'maria', csrf: result.session.csrf });
    expect(accounts.session('not-a-session')).toBeUndefined();
    expect(accounts.users()[0]!.lastLoginAt).toBe('2026-12-02T10:00:00.000Z');
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const first = await accounts.login('maria', PASSWORD);
    if (!first.ok) throw new Error('login failed');
    // Used every 29 minutes: alive, until its twelfth hour.
    for (let minute = 29; minute < 12 * 60; minute += 29) {
      now += 29 * 60_000;
      expect(accounts.session(first.session.id), `minute ${minute}`).toBeDefined();
    }
    now += 29 * 60_000;
    expect(accounts.session(first.session.id)).toBeUndefined();

    const second = await accounts.login('maria', PASSWORD);
    if (!second.ok) throw new Error('login failed');
    now += 30 * 60_000 + 1;
    expect(accounts.session(second.session.id)).toBeUndefined();
  });

  it('locks a user after five wrong passwords in a row, refusing even the right one until the lock ends', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    for (let i = 0; i < 4; i++) expect(await accounts.login('maria', 'wrong password!')).toEqual({ ok: false, reason: 'invalid' });
    expect(await accounts.login('maria', 'wrong password!')).toEqual({ ok: false, reason: 'locked', retryAfterS: 900 });
    now += 10 * 60_000;
    expect(await accounts.login('maria', PASSWORD)).toEqual({ ok: false, reason: 'locked', retryAfterS: 300 });
    now += 5 * 60_000;
    expect((await accounts.login('maria', PASSWORD)).ok).toBe(true);
    // A success resets the count: four more failures do not lock.
    for (let i = 0; i < 4; i++) await accounts.login('maria', 'wrong password!');
    expect((await accounts.login('maria', PASSWORD)).ok).toBe(true);
  });

  it('answers an unknown user as it does a wrong password, locking it alike, so answers do not tell which users exist', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    for (const name of ['nobody', 'maria']) {
      const answers = [];
      for (let i = 0; i < 6; i++) {
        const answer = await accounts.login(name, 'wrong password!', '10.0.0.9');
        answers.push(answer.ok ? 'ok' : answer.reason);
      }
      expect(answers, name).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'locked', 'locked']);
    }
  });

  it('counts parallel guesses before checking them: 20 at once get at most 5 tries', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const answers = await Promise.all(Array.from({ length: 20 }, () => accounts.login('maria', 'wrong password!', '10.0.0.9')));
    expect(answers.filter((a) => !a.ok && a.reason === 'invalid')).toHaveLength(4);
    expect(answers.filter((a) => !a.ok && a.reason === 'locked')).toHaveLength(16);
    expect((await accounts.login('maria', PASSWORD, '10.0.0.9')).ok).toBe(false);
  });

  it('locks a user name for the address that guessed, not for the user everywhere', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    for (let i = 0; i < 5; i++) await accounts.login('maria', 'wrong password!', '203.0.113.7');
    expect(await accounts.login('maria', PASSWORD, '203.0.113.7')).toMatchObject({ ok: false, reason: 'locked' });
    expect((await accounts.login('maria', PASSWORD, '198.51.100.20')).ok).toBe(true);
  });

  it('ends every session of a user given a new password, and of a user removed', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const before = await accounts.login('maria', PASSWORD);
    if (!before.ok) throw new Error('login failed');
    await accounts.setPassword('maria', 'another long passphrase');
    expect(accounts.session(before.session.id)).toBeUndefined();
    expect((await accounts.login('maria', PASSWORD)).ok).toBe(false);
    const after = await accounts.login('maria', 'another long passphrase');
    if (!after.ok) throw new Error('login failed');
    accounts.removeUser('maria');
    expect(accounts.session(after.session.id)).toBeUndefined();
    expect(accounts.users()).toEqual([]);
  });

  it('takes a role change at the next request of a live session', async () => {
    await accounts.addUser('maria', 'support', PASSWORD);
    const result = await accounts.login('maria', PASSWORD);
    if (!result.ok) throw new Error('login failed');
    accounts.setRole('maria', 'catalog');
    expect(accounts.session(result.session.id)?.role).toBe('catalog');
  });
});

describe('AuditLog', () => {
  it('appends entries, lists them newest first, and the database refuses to change or delete one', () => {
    const db = new Database(join(tempDir(), 'aisle.db'));
    const audit = new AuditLog(db, () => new Date('2026-12-02T10:00:00Z'));
    audit.record({ actor: 'maria', action: 'faq.update', target: 'returns', diff: diffOf({ answer: 'old', id: 'returns' }, { answer: 'new', id: 'returns' }) });
    audit.record({ actor: 'ADMIN_TOKEN', action: 'transcript.erase', target: 'conv-1' });
    expect(audit.entries()).toEqual([
      { id: 2, at: '2026-12-02T10:00:00.000Z', actor: 'ADMIN_TOKEN', action: 'transcript.erase', target: 'conv-1' },
      { id: 1, at: '2026-12-02T10:00:00.000Z', actor: 'maria', action: 'faq.update', target: 'returns', diff: { answer: ['old', 'new'] } },
    ]);
    expect(audit.entries({ target: 'returns' }).map((e) => e.id)).toEqual([1]);
    expect(audit.entries({ before: 2 }).map((e) => e.id)).toEqual([1]);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.entries()).toHaveLength(2);
  });
});
