/**
 * The model a shop was switched to (`npm run model:use`, POST /api/admin/model), kept in
 * DATA_DIR/active-model.json so that a restart keeps serving it. Written atomically.
 *
 *   writeActiveModel('data', '/models/aisle-ft-20261129');
 *   readActiveModel('data') // { modelDir: '/models/aisle-ft-20261129', since: '2026-11-29T...' }
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ActiveModel {
  modelDir: string;
  since: string;
}

export const ACTIVE_MODEL_FILE = 'active-model.json';

export function readActiveModel(dataDir: string): ActiveModel | undefined {
  const file = join(dataDir, ACTIVE_MODEL_FILE);
  if (!existsSync(file)) return undefined;
  const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<ActiveModel>;
  if (typeof value.modelDir !== 'string' || !value.modelDir) throw new Error(`${file}: expected {"modelDir": "..."}; fix or delete it`);
  return { modelDir: value.modelDir, since: value.since ?? 'an unknown date' };
}

export function writeActiveModel(dataDir: string, modelDir: string): ActiveModel {
  const record = { modelDir, since: new Date().toISOString() };
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, ACTIVE_MODEL_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return record;
}
