/**
 * A botbuilder `Storage` in Redis, for conversation state that outlives a restart and is shared
 * by every replica: with `REDIS_URL` set, a shopper's session (the request to refine, the products
 * shown) is the same whichever server answers the next message.
 *
 *   const storage = await RedisStorage.connect('redis://127.0.0.1:6379');
 *   new ConversationState(storage);
 *
 * Each item is one JSON string under `aisle:state:<key>`, expiring after `ttlSeconds` without a
 * write (an abandoned conversation does not stay for ever). Writes keep botbuilder's optimistic
 * concurrency, as its MemoryStorage does: an item written with the eTag it was read with is saved
 * only if no one else saved it meanwhile (checked and saved in one Lua script, so two replicas
 * cannot both win); an item without an eTag, or with "*", is saved whatever is there.
 */
import { createClient } from '@redis/client';
import type { Storage, StoreItems } from 'botbuilder';

export interface RedisStorageOptions {
  /** Prefix of every key Aisle writes, so that one Redis can serve other things too. Default "aisle:state:". */
  keyPrefix?: string;
  /** Seconds an item lives after its last write. Default 7 days. */
  ttlSeconds?: number;
}

/** Saves ARGV[2] under KEYS[1] for ARGV[3] seconds if the stored item's eTag is ARGV[1] (or ARGV[1] is empty); 0 on a conflict. */
const WRITE_IF_UNCHANGED = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] ~= '' and current then
  local ok, stored = pcall(cjson.decode, current)
  if ok and type(stored) == 'table' and stored['eTag'] ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`;

export class RedisStorageError extends Error {
  constructor(message: string) {
    super(`redis storage: ${message}`);
    this.name = 'RedisStorageError';
  }
}

/** Once serving, a Redis that restarts is reconnected to, backing off to every 2 s; turns meanwhile fail and say so. */
const clientFor = (url: string) => createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(retries * 100, 2000) } });
/** At start, a Redis that cannot be reached is an error after this long, not a hang. */
const CONNECT_TIMEOUT_MS = 5000;
type Client = ReturnType<typeof clientFor>;

export class RedisStorage implements Storage {
  private constructor(
    private readonly client: Client,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Connects, and fails with the URL's host named (never its password) when Redis cannot be reached. */
  static async connect(url: string, options: RedisStorageOptions = {}): Promise<RedisStorage> {
    const { keyPrefix = 'aisle:state:', ttlSeconds = 7 * 24 * 3600 } = options;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new RedisStorageError(`ttlSeconds must be a positive whole number, not ${ttlSeconds}`);
    let where: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('not redis:');
      where = `${parsed.hostname}:${parsed.port || 6379}`;
    } catch {
      throw new RedisStorageError('REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)');
    }
    const client = clientFor(url);
    let lastError: unknown;
    client.on('error', (error: unknown) => {
      lastError = error;
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS / 1000} s${lastError ? ` (${(lastError as Error).message})` : ''}`)), CONNECT_TIMEOUT_MS);
      });
      await Promise.race([client.connect().then(() => client.ping()), timeout]);
    } catch (error) {
      client.destroy();
      throw new RedisStorageError(`cannot reach Redis at ${where}: ${(error as Error).message ?? String(lastError)}`);
    } finally {
      clearTimeout(timer);
    }
    return new RedisStorage(client, keyPrefix, ttlSeconds);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.client.mGet(keys.map((key) => this.keyPrefix + key));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const value = values[i];
      if (value === null || value === undefined) return;
      try {
        items[key] = JSON.parse(String(value));
      } catch {
        // A value Aisle did not write: reading it as empty state would lose nothing of Aisle's, but say so.
        throw new RedisStorageError(`the value under "${this.keyPrefix}${key}" is not JSON`);
      }
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = item?.eTag && item.eTag !== '*' ? String(item.eTag) : '';
      const saved = JSON.stringify({ ...item, eTag: newETag() });
      const result = await this.client.eval(WRITE_IF_UNCHANGED, { keys: [this.keyPrefix + key], arguments: [expected, saved, String(this.ttlSeconds)] });
      if (Number(result) !== 1) throw new RedisStorageError(`"${key}" was changed by another writer since it was read (eTag conflict)`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.client.del(keys.map((key) => this.keyPrefix + key));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

let eTagCounter = 0;
/** Unique across replicas and restarts: the time, this process and a counter. */
function newETag(): string {
  eTagCounter = (eTagCounter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${process.pid.toString(36)}-${eTagCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
