/**
 * `npm run admin:user`: users are added to DATA_DIR's database with the password read from stdin
 * (never an argument), can then log in, and a bad request exits 1 saying what is wrong.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminAccounts } from '../../bot/admin/accounts.js';
import { CatalogStore } from '../../catalog/index.js';
import { ROOT, tempDir } from '../helpers.js';

function adminUser(args: string[], dataDir: string, stdin = ''): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin-user.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdin.end(stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run admin:user', () => {
  it('adds a user whose password comes from stdin, lists users, changes a role and removes a user', async () => {
    const dataDir = join(tempDir(), 'data');
    expect(await adminUser(['--add', 'maria', '--role', 'support'], dataDir, 'a long passphrase here\n')).toEqual({ code: 0, output: 'added maria (support)\n' });
    expect((await adminUser(['--set-role', 'maria', '--role', 'catalog'], dataDir)).output).toBe('maria is now catalog\n');
    const listed = await adminUser(['--list'], dataDir);
    expect(listed.output).toMatch(/^maria\tcatalog\tadded \S+\tlast login never\n$/);

    const store = CatalogStore.open(join(dataDir, 'aisle.db'));
    try {
      const login = await new AdminAccounts(store.db).login('maria', 'a long passphrase here');
      expect(login.ok && login.session.role).toBe('catalog');
    } finally {
      store.close();
    }
    expect((await adminUser(['--remove', 'maria'], dataDir)).code).toBe(0);
    expect((await adminUser(['--list'], dataDir)).output).toMatch(/^no users yet/);
  }, 90_000);

  it('exits 1 naming the problem: a short password, an unknown role, two actions, no action', async () => {
    const dataDir = join(tempDir(), 'data');
    for (const [args, stdin, message] of [
      [['--add', 'maria', '--role', 'support'], 'short\n', /a password needs at least 12 characters/],
      [['--add', 'maria', '--role', 'owner'], 'a long passphrase here\n', /--role: expected one of support, catalog, admin, got "owner"/],
      [['--add', 'maria', '--remove', 'maria'], '', /one action at a time/],
      [[], '', /name one action[\s\S]*usage: npm run admin:user/],
      [['--reset-password', 'nobody'], 'a long passphrase here\n', /no user "nobody"/],
    ] as const) {
      const { code, output } = await adminUser([...args], dataDir, stdin);
      expect(code, output).toBe(1);
      expect(output).toMatch(message);
    }
    expect((await adminUser(['--list'], dataDir)).output).toMatch(/^no users yet/);
  }, 120_000);
});
