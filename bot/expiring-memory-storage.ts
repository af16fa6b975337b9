/**
 * botbuilder's MemoryStorage keeps every conversation's state for the life of the process. This
 * one forgets a key that has not been read or written for `idleMs` (swept by `sweep`, which the app
 * runs on a timer) and holds at most `maxItems`, dropping the least recently used: the same policy
 * as the Direct Line conversations it serves, so memory stays flat under any number of shoppers.
 *
 *   const storage = new ExpiringMemoryStorage({ idleMs: 3_600_000, maxItems: 10_000 });
 *   storage.sweep(Date.now()); // -> how many keys were dropped
 */
import type { Storage, StoreItems } from 'botbuilder';

export class ExpiringMemoryStorage implements Storage {
  /** key -> the item's JSON and when it was last touched; Map order is least recently used first. */
  private readonly items = new Map<string, { json: string; touched: number }>();
  private eTag = 1;

  constructor(private readonly options: { idleMs: number; maxItems: number; now?: () => number }) {}

  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.touch(key);
      if (item) found[key] = JSON.parse(item.json);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const old = this.items.get(key);
      const expected = (change as { eTag?: string }).eTag;
      // Optimistic concurrency as MemoryStorage has it: a stale eTag is a conflict, "*" or none overwrites.
      if (old && expected && expected !== '*' && (JSON.parse(old.json) as { eTag?: string }).eTag !== expected) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      this.items.delete(key);
      this.items.set(key, { json: JSON.stringify({ ...change, eTag: String(this.eTag++) }), touched: this.now() });
    }
    while (this.items.size > this.options.maxItems) this.items.delete(this.items.keys().next().value!);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** Drops every key idle for `idleMs` or longer; returns how many. */
  sweep(now = this.now()): number {
    let dropped = 0;
    for (const [key, item] of this.items) {
      // Least recently used first: the first fresh key means the rest are fresh too.
      if (now - item.touched < this.options.idleMs) break;
      this.items.delete(key);
      dropped++;
    }
    return dropped;
  }

  private touch(key: string) {
    const item = this.items.get(key);
    if (!item) return undefined;
    item.touched = this.now();
    this.items.delete(key);
    this.items.set(key, item);
    return item;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
