/**
 * Plays a support team on the shop in DATA_DIR: each labelled shopper question is asked in a
 * conversation of its own on the real bot (local Direct Line), and the reply is reviewed through the
 * admin API as a reviewer who knows the right entry would: confirmed when the bot answered with it,
 * corrected to it otherwise. Out-of-scope questions (`expected: null`) and those asking for a person
 * are not reviewed: no FAQ entry is right for them. The reviews land in the store's
 * `answer_reviews`, which `npm run finetune -- --from-data` trains on.
 *
 *   DATA_DIR=/tmp/review-exp npx tsx scripts/eval/play-reviewer.ts --queries demo/eval/faq-shopper.tune.jsonl
 *   # N questions: how many the bot answered right (confirmed), how many were corrected, how many not reviewed
 *
 * Use a tuning split: the reviews become training data, so the split they come from must not be
 * the one reported.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../../bot/app.js';
import { loadConfig, loadDotEnv, unauthenticatedBotFramework } from '../../bot/config.js';
import { LOAD_GENERATOR_RATES } from '../../bot/limits.js';
import { openShop } from '../../bot/startup.js';
import { DirectLineClient } from '../simulate/direct-line-client.js';

const { values } = parseArgs({ options: { queries: { type: 'string' } } });
if (!values.queries) {
  console.error('usage: DATA_DIR=DIR npx tsx scripts/eval/play-reviewer.ts --queries LABELLED.jsonl');
  process.exit(2);
}
const labelled = readFileSync(values.queries, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line, i) => {
    const row = JSON.parse(line) as { text?: unknown; expected?: unknown; handoff?: unknown };
    if (typeof row.text !== 'string' || !(typeof row.expected === 'string' || row.expected === null)) throw new Error(`${values.queries}:${i + 1}: expected {"text", "expected": "<entry id>" | null}`);
    return { text: row.text, expected: row.expected, handoff: row.handoff === true };
  });

await loadDotEnv();
const config = loadConfig();
const token = 'play-reviewer-token';
const shop = await openShop(config, { log: (message) => console.error(message) });
const aisle = createApp({ config: { adminToken: token, botFramework: unauthenticatedBotFramework, limits: LOAD_GENERATOR_RATES }, log: () => undefined });
aisle.setShop(shop, config);
const server = aisle.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const counts = { confirmed: 0, corrected: 0, skipped: 0 };
try {
  for (const question of labelled) {
    if (question.expected === null || question.handoff) {
      counts.skipped++;
      continue;
    }
    const shopper = await new DirectLineClient(url).start();
    const reply = (await shopper.say(question.text)).find((activity) => activity.type === 'message');
    const answered = reply?.channelData?.aisle?.faqId as string | undefined;
    const verdict = answered === question.expected ? 'confirmed' : 'corrected';
    const response = await fetch(`${url}/api/transcripts/${shopper.conversationId}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: question.text, faqId: question.expected, verdict, ...(reply?.id ? { activityId: reply.id } : {}) }),
    });
    if (response.status !== 201) throw new Error(`review of "${question.text}": HTTP ${response.status}: ${await response.text()}`);
    counts[verdict]++;
  }
  console.log(`${labelled.length} questions: ${counts.confirmed} answered right (confirmed), ${counts.corrected} corrected, ${counts.skipped} not reviewed (out of scope or a person asked for)`);
} finally {
  aisle.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await shop.store.close();
  await shop.current().encoder.dispose();
}
