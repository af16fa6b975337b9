/**
 * `npm run model:use -- DIR`: makes the shop serve the model in DIR (a `npm run finetune`
 * output, or any model in Hugging Face layout).
 * - Bot running (at --url, default http://127.0.0.1:$PORT): asks it to switch live
 *   (POST /api/admin/model with ADMIN_TOKEN) and follows the progress until it is done.
 *   Shoppers keep chatting on the old model meanwhile.
 * - Bot not running: records the choice in DATA_DIR/active-model.json; the next
 *   `npm start` loads that model (and builds its indexes).
 *
 *   npm run model:use -- models/aisle-ft-20261129-0700
 *   # model:use: switching the bot at http://127.0.0.1:3978 ... indexing products 300/1200
 *   # model:use: done in 41.2 s, serving aisle/aisle-ft-20261129-0700@int8
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeActiveModel } from '../bot/active-model.js';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import type { ModelSwitchStatus } from '../bot/model-switch.js';
import { encoderDirProblem } from '../nlu/index.js';

const USAGE = 'usage: npm run model:use -- MODEL_DIR [--url http://127.0.0.1:3978]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  await loadDotEnv();
  const config = loadConfig();
  const modelDir = resolve(positionals[0]!);
  const problem = encoderDirProblem(modelDir);
  if (problem) {
    console.error(`model:use: ${problem}`);
    return 2;
  }
  const url = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${config.adminToken ?? ''}` };
  let response: Response;
  try {
    response = await fetch(`${url}/api/admin/model`, { method: 'POST', headers, body: JSON.stringify({ modelDir }), signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if (cause !== 'ECONNREFUSED') throw error;
    const record = writeActiveModel(config.dataDir, modelDir);
    console.log(`model:use: no bot is running at ${url}; recorded ${record.modelDir} in ${config.dataDir}/active-model.json. The next \`npm start\` serves it (indexes are built then).`);
    return 0;
  }
  if (response.status === 401) {
    console.error(`model:use: the bot at ${url} refused the admin token: ${await response.text()}\nSet ADMIN_TOKEN (environment or .env) to the bot's.`);
    return 1;
  }
  if (response.status !== 202) {
    console.error(`model:use: the bot at ${url} answered ${response.status}: ${await response.text()}`);
    return 1;
  }
  console.log(`model:use: switching the bot at ${url} to ${modelDir}; it keeps answering on the old model meanwhile`);
  let shown = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = (await (await fetch(`${url}/api/admin/model`, { headers, signal: AbortSignal.timeout(10_000) })).json()) as ModelSwitchStatus;
    const line = status.progress ? `${status.state} ${status.progress.index} ${status.progress.done}/${status.progress.total}` : status.state;
    if (line !== shown) {
      shown = line;
      console.log(`model:use: ${line}`);
    }
    if (status.state === 'done') {
      console.log(`model:use: done in ${status.seconds} s, serving ${status.serving}`);
      return 0;
    }
    if (status.state === 'failed') {
      console.error(`model:use: the switch failed (${status.error}); the bot still serves ${status.serving}`);
      return 1;
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`model:use: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
