/**
 * `npm run demo:clicks`: writes a SYNTHETIC click log into the shop's store (DATA_DIR) so
 * that `npm run finetune -- --ctr --from-data` has impressions and clicks to learn from
 * before real shoppers have made any. See scripts/demo/click-log.ts for the simulation.
 *
 *   npm run demo:clicks -- [--sessions 2000] [--requests demo/eval/product-requests.tune.jsonl] [--seed 1]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../../bot/config.js';
import { openShop } from '../../bot/startup.js';
import { readRecords } from '../../catalog/index.js';
import { writeSyntheticClickLog, type LabelledRequest } from './click-log.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '2000' },
    requests: { type: 'string', default: 'demo/eval/product-requests.tune.jsonl' },
    seed: { type: 'string', default: '1' },
  },
});
const sessions = Number(values.sessions);
if (!Number.isInteger(sessions) || sessions < 1) {
  console.error(`demo:clicks: --sessions ${values.sessions}: expected a whole number ≥ 1`);
  process.exit(2);
}
const requests: LabelledRequest[] = readRecords(readFileSync(values.requests!, 'utf8'), 'ndjson').map((record) => {
  const value = record.value as Partial<LabelledRequest> | undefined;
  if (record.error || typeof value?.text !== 'string' || !Array.isArray(value.expected)) {
    console.error(`demo:clicks: ${values.requests}: line ${record.line}: expected {"text": string, "expected": [ids]}`);
    process.exit(2);
  }
  return { text: value.text, expected: value.expected };
});
await loadDotEnv();
const shop = await openShop(loadConfig(), { log: (message) => console.log(`demo:clicks: ${message}`) });
try {
  const counts = await writeSyntheticClickLog(shop, requests, { sessions, seed: Number(values.seed) });
  console.log(`demo:clicks: SYNTHETIC log written: ${counts.sessions} sessions, ${counts.impressions} impressions, ${counts.clicks} clicks, ${counts.cartAdds} cart adds`);
} finally {
  shop.store.close();
  await shop.current().encoder.dispose();
}
