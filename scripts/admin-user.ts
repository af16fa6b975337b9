/**
 * `npm run admin:user`: the admin app's users, in DATA_DIR's database. A password is never an
 * argument (it would show in `ps` and the shell's history): it is asked twice on a terminal, or
 * read as the first line of standard input.
 *
 *   npm run admin:user -- --add maria --role support        # asks for maria's password
 *   echo "$PASSWORD" | npm run admin:user -- --add ci --role admin
 *   npm run admin:user -- --set-role maria --role catalog
 *   npm run admin:user -- --reset-password maria            # ends maria's sessions
 *   npm run admin:user -- --remove maria
 *   npm run admin:user -- --list
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AccountError, AdminAccounts, ADMIN_ROLES, isAdminRole, type AdminRole } from '../bot/admin/accounts.js';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { CatalogStore } from '../catalog/index.js';

const USAGE = `usage: npm run admin:user -- --add NAME --role ${ADMIN_ROLES.join('|')}
       npm run admin:user -- --set-role NAME --role ${ADMIN_ROLES.join('|')}
       npm run admin:user -- --reset-password NAME
       npm run admin:user -- --remove NAME
       npm run admin:user -- --list`;

/** The password: typed twice without echo on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw new AccountError('no password on standard input');
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Echo nothing of what is typed after the prompt.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('password: ');
  if ((await ask('again: ')) !== first) throw new AccountError('the two passwords differ');
  return first;
}

function role(value: string | undefined): AdminRole {
  if (!isAdminRole(value)) throw new AccountError(`--role: expected one of ${ADMIN_ROLES.join(', ')}${value ? `, got "${value}"` : ''}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      add: { type: 'string' },
      'set-role': { type: 'string' },
      'reset-password': { type: 'string' },
      remove: { type: 'string' },
      list: { type: 'boolean' },
      role: { type: 'string' },
    },
    strict: true,
  });
  const actions = ['add', 'set-role', 'reset-password', 'remove', 'list'].filter((key) => values[key as keyof typeof values] !== undefined);
  if (actions.length !== 1) throw new AccountError(actions.length === 0 ? 'name one action' : `one action at a time, got --${actions.join(', --')}`);
  await loadDotEnv();
  const store = CatalogStore.open(loadConfig().databasePath);
  try {
    const accounts = new AdminAccounts(store.db);
    if (values.add !== undefined) {
      const chosen = role(values.role);
      const user = await accounts.addUser(values.add, chosen, await readPassword());
      console.log(`added ${user.name} (${user.role})`);
    } else if (values['set-role'] !== undefined) {
      accounts.setRole(values['set-role'], role(values.role));
      console.log(`${values['set-role']} is now ${values.role}`);
    } else if (values['reset-password'] !== undefined) {
      await accounts.setPassword(values['reset-password'], await readPassword());
      console.log(`new password set for ${values['reset-password']}; their sessions are ended`);
    } else if (values.remove !== undefined) {
      accounts.removeUser(values.remove);
      console.log(`removed ${values.remove}`);
    } else {
      const users = accounts.users();
      if (users.length === 0) console.log('no users yet: npm run admin:user -- --add NAME --role admin');
      for (const user of users) console.log(`${user.name}\t${user.role}\tadded ${user.createdAt}\tlast login ${user.lastLoginAt ?? 'never'}`);
    }
  } finally {
    store.close();
  }
}

try {
  await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`admin:user: ${message}`);
  if (!(error instanceof AccountError)) console.error(USAGE);
  else if (/name one action|one action at a time/.test(message)) console.error(USAGE);
  process.exit(1);
}
