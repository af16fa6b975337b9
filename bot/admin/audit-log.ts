/**
 * Who changed what, when: every change made through the admin API (catalog and FAQ rows, reviews,
 * erasures, model switches), with the change as a diff. Append-only: the database itself refuses to
 * update or delete a row (triggers), so no role and no route can edit the record.
 *
 *   const audit = new AuditLog(db);
 *   audit.record({ actor: 'maria', action: 'faq.update', target: 'returns', diff: { answer: ['old', 'new'] } });
 *   audit.entries({ limit: 50 });  // newest first
 */
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../api-types.js';

export type { AuditEntry };

export function createAuditTable(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit_log (
      id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
      target TEXT NOT NULL, diff TEXT);
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}

/** The fields of `after` that differ from `before` (by their JSON), as [before, after]. */
export function diffOf(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a ?? null, b ?? null];
  }
  return diff;
}

export class AuditLog {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    createAuditTable(db);
  }

  record(entry: Omit<AuditEntry, 'id' | 'at'>): AuditEntry {
    const at = this.now().toISOString();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target, diff) VALUES (?, ?, ?, ?, ?)')
      .run(at, entry.actor, entry.action, entry.target, entry.diff ? JSON.stringify(entry.diff) : null);
    return { id: Number(lastInsertRowid), at, ...entry };
  }

  /** Newest first; `before` pages on from an entry's id. */
  entries(options: { limit?: number; before?: number; target?: string } = {}): AuditEntry[] {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    return this.db
      .prepare<[number, string | null, string | null, number], { id: number; at: string; actor: string; action: string; target: string; diff: string | null }>(
        'SELECT * FROM audit_log WHERE id < ? AND (? IS NULL OR target = ?) ORDER BY id DESC LIMIT ?',
      )
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.target ?? null, options.target ?? null, limit)
      .map((row) => ({ id: row.id, at: row.at, actor: row.actor, action: row.action, target: row.target, ...(row.diff ? { diff: JSON.parse(row.diff) } : {}) }));
  }
}
