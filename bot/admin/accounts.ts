/**
 * The admin app's people: named users with one role each, their passwords hashed with scrypt, and
 * their sessions. Kept in the shop's SQLite database beside the transcripts, so a user added with
 * `npm run admin:user` can log in to the running server at once.
 *
 *   const accounts = new AdminAccounts(db);
 *   await accounts.addUser('maria', 'support', 'a long passphrase');
 *   const result = await accounts.login('maria', 'a long passphrase');  // { ok: true, session: { id, csrf, ... } }
 *   accounts.session(result.session.id);                                   // the same session, its idle clock restarted
 *
 * A session's id is given to the browser once (its cookie); the database keeps only its SHA-256,
 * so a copy of the database does not log anyone in.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type Database from 'better-sqlite3';

export const ADMIN_ROLES = ['support', 'catalog', 'admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const isAdminRole = (value: unknown): value is AdminRole => (ADMIN_ROLES as readonly unknown[]).includes(value);

/** ASVS 2.1.1 and 2.1.2: at least 12 characters, and up to 128 so that a passphrase fits. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
const USER_NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export interface AccountPolicy {
  /** A session ends after this long without a request (ASVS 3.3.2). */
  sessionIdleMs: number;
  /** ...and this long after login, whatever its use. */
  sessionMaxMs: number;
  /** Failed logins in a row, for one user name from one address, that lock that pair... */
  lockAfterFailures: number;
  /** ...for this long (ASVS 2.2.1). */
  lockMs: number;
}

export const defaultAccountPolicy: AccountPolicy = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  lockAfterFailures: 5,
  lockMs: 15 * 60_000,
};

export interface AdminUser {
  name: string;
  role: AdminRole;
  createdAt: string;
  lastLoginAt?: string;
}

export interface AdminSession {
  /** The cookie's value: the only copy outside the browser is its hash in the database. */
  id: string;
  /** Sent back by the app in X-CSRF-Token on every request that changes something. */
  csrf: string;
  user: string;
  role: AdminRole;
  expiresAt: number;
}

export type LoginResult = { ok: true; session: AdminSession } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; retryAfterS: number };

/** A request the accounts refuse (unknown user, short password...): the message says what to change. */
export class AccountError extends Error {}

// OWASP's scrypt setting "N=2^16 (64 MiB), r=8, p=2". Each hash records its own, so raising them later keeps old hashes valid.
const SCRYPT = { N: 2 ** 16, r: 8, p: 2 };
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `a password needs at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `a password has at most ${PASSWORD_MAX} characters`;
  return undefined;
}

export function createAccountTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS admin_users (
      name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('support', 'catalog', 'admin')),
      password_hash TEXT NOT NULL, created_at TEXT NOT NULL, last_login_at TEXT);
    CREATE TABLE IF NOT EXISTS admin_sessions (
      id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,
      created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS admin_sessions_user ON admin_sessions (user_name);
    CREATE TABLE IF NOT EXISTS admin_login_failures (
      user_name TEXT NOT NULL, address TEXT NOT NULL, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL,
      PRIMARY KEY (user_name, address));
  `);
}

interface UserRow {
  name: string;
  role: AdminRole;
  password_hash: string;
  created_at: string;
  last_login_at: string | null;
}

export class AdminAccounts {
  private readonly policy: AccountPolicy;
  /** Compared against when the user does not exist, so that a login takes as long either way (no user enumeration by timing). */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Database.Database,
    policy: Partial<AccountPolicy> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.policy = { ...defaultAccountPolicy, ...policy };
    createAccountTables(db);
  }

  async addUser(name: string, role: AdminRole, password: string): Promise<AdminUser> {
    if (!USER_NAME.test(name)) throw new AccountError(`user name "${name}": 2-64 characters, lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`);
    if (!isAdminRole(role)) throw new AccountError(`role "${String(role)}": expected one of ${ADMIN_ROLES.join(', ')}`);
    const problem = passwordProblem(password);
    if (problem) throw new AccountError(problem);
    if (this.row(name)) throw new AccountError(`user "${name}" already exists`);
    const createdAt = new Date(this.now()).toISOString();
    this.db.prepare('INSERT INTO admin_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, await hashPassword(password), createdAt);
    return { name, role, createdAt };
  }

  /** A new password ends every session of the user's (ASVS 3.3.3) and lifts a lock. */
  async setPassword(name: string, password: string): Promise<void> {
    this.requireRow(name);
    const problem = passwordProblem(password);
    if (problem) throw new AccountError(problem);
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db.prepare('UPDATE admin_users SET password_hash = ? WHERE name = ?').run(hash, name);
      this.db.prepare('DELETE FROM admin_login_failures WHERE user_name = ?').run(name);
      this.db.prepare('DELETE FROM admin_sessions WHERE user_name = ?').run(name);
    })();
  }

  setRole(name: string, role: AdminRole): void {
    this.requireRow(name);
    if (!isAdminRole(role)) throw new AccountError(`role "${String(role)}": expected one of ${ADMIN_ROLES.join(', ')}`);
    this.db.prepare('UPDATE admin_users SET role = ? WHERE name = ?').run(role, name);
  }

  removeUser(name: string): void {
    this.requireRow(name);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM admin_sessions WHERE user_name = ?').run(name);
      this.db.prepare('DELETE FROM admin_users WHERE name = ?').run(name);
    })();
  }

  users(): AdminUser[] {
    return this.db
      .prepare<[], UserRow>('SELECT * FROM admin_users ORDER BY name')
      .all()
      .map((row) => ({ name: row.name, role: row.role, createdAt: row.created_at, ...(row.last_login_at ? { lastLoginAt: row.last_login_at } : {}) }));
  }

  /**
   * Checks a password and opens a session. Wrong passwords count against the user name from the
   * client's address (`address`); the `lockAfterFailures`th in a row locks that pair for `lockMs`,
   * during which even the right password is refused from there. Keyed by the pair, an attacker
   * cannot lock a user out of everywhere; unknown names count and lock alike, so the answers do not
   * tell which users exist. Each attempt is counted before the password is checked (scrypt is slow),
   * so parallel guesses cannot all pass under the limit.
   */
  async login(name: string, password: string, address = ''): Promise<LoginResult> {
    const now = this.now();
    const attempt = this.db.transaction(() => {
      const failure = this.db
        .prepare<[string, string], { failures: number; locked_until: number }>('SELECT failures, locked_until FROM admin_login_failures WHERE user_name = ? AND address = ?')
        .get(name, address);
      if (failure && failure.locked_until > now) return { lockedFor: failure.locked_until - now };
      const failures = (failure && failure.locked_until === 0 ? failure.failures : 0) + 1;
      const lock = failures >= this.policy.lockAfterFailures;
      this.db
        .prepare('INSERT OR REPLACE INTO admin_login_failures (user_name, address, failures, locked_until) VALUES (?, ?, ?, ?)')
        .run(name, address, lock ? 0 : failures, lock ? now + this.policy.lockMs : 0);
      return { lockedFor: 0, locksNow: lock };
    })();
    if (attempt.lockedFor > 0) return { ok: false, reason: 'locked', retryAfterS: Math.ceil(attempt.lockedFor / 1000) };
    const row = this.row(name);
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    // An unknown user costs the same scrypt as a known one.
    const right = await verifyPassword(password, row?.password_hash ?? (await this.decoyHash));
    if (!row || !right) return attempt.locksNow ? { ok: false, reason: 'locked', retryAfterS: Math.ceil(this.policy.lockMs / 1000) } : { ok: false, reason: 'invalid' };
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM admin_login_failures WHERE user_name = ? AND address = ?').run(name, address);
      this.db.prepare('UPDATE admin_users SET last_login_at = ? WHERE name = ?').run(new Date(now).toISOString(), name);
      this.db.prepare('INSERT INTO admin_sessions (id_hash, user_name, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(sha256(id), name, csrf, now, now);
      // Sessions past their time are removed as others open, so the table holds only live ones; so are old locks.
      this.db.prepare('DELETE FROM admin_sessions WHERE last_seen_at < ? OR created_at < ?').run(now - this.policy.sessionIdleMs, now - this.policy.sessionMaxMs);
      this.db.prepare('DELETE FROM admin_login_failures WHERE locked_until > 0 AND locked_until < ?').run(now);
    })();
    return { ok: true, session: { id, csrf, user: name, role: row.role, expiresAt: this.expiry(now, now) } };
  }

  /** The live session with this cookie value, its idle clock restarted; undefined once it has expired or ended. */
  session(id: string): AdminSession | undefined {
    if (!id || id.length > 100) return undefined;
    const hash = sha256(id);
    const row = this.db
      .prepare<[string], { user_name: string; csrf: string; created_at: number; last_seen_at: number; role: AdminRole }>(
        'SELECT s.user_name, s.csrf, s.created_at, s.last_seen_at, u.role FROM admin_sessions s JOIN admin_users u ON u.name = s.user_name WHERE s.id_hash = ?',
      )
      .get(hash);
    if (!row) return undefined;
    const now = this.now();
    if (now - row.last_seen_at > this.policy.sessionIdleMs || now - row.created_at > this.policy.sessionMaxMs) {
      this.db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(hash);
      return undefined;
    }
    this.db.prepare('UPDATE admin_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, hash);
    return { id, csrf: row.csrf, user: row.user_name, role: row.role, expiresAt: this.expiry(row.created_at, now) };
  }

  logout(id: string): void {
    this.db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(sha256(id));
  }

  private expiry(createdAt: number, lastSeenAt: number): number {
    return Math.min(lastSeenAt + this.policy.sessionIdleMs, createdAt + this.policy.sessionMaxMs);
  }

  private row(name: string): UserRow | undefined {
    return this.db.prepare<[string], UserRow>('SELECT * FROM admin_users WHERE name = ?').get(name);
  }

  private requireRow(name: string): UserRow {
    const row = this.row(name);
    if (!row) throw new AccountError(`no user "${name}"`);
    return row;
  }
}
