/**
 * `npm run eval -- --products P.json --requests R.jsonl [--needs N.json] [--faq F.json] [--calibration Q.jsonl]`:
 * builds a temporary shop from the files (DATA_DIR untouched), runs the labelled shopper
 * requests through decide() and prints the per-kind table (scripts/eval/run-requests.ts).
 * A bad request line is reported with its number and nothing is evaluated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { progressBar } from '../progress.js';
import { buildAuditContext } from './reply-audit.js';
import { runRequests } from './run-requests.js';
import { parseShopperRequests } from './shopper-requests.js';
import { openTemporaryShop } from './temporary-shop.js';

export interface RequestsEvalOptions {
  products: string;
  requests: string;
  needs?: string | undefined;
  faq?: string | undefined;
  model?: string | undefined;
  /** Labelled shoppers' FAQ questions that set the FAQ answer threshold. */
  calibration?: string | undefined;
  json?: string | undefined;
  verbose: boolean;
}

export async function evaluateShopperRequests(options: RequestsEvalOptions): Promise<number> {
  const { requests, errors } = parseShopperRequests(readFileSync(options.requests, 'utf8'));
  if (errors.length) {
    for (const error of errors.slice(0, 20)) console.error(`eval: ${options.requests}: ${error}`);
    return 2;
  }
  const bar = progressBar();
  const temp = await openTemporaryShop(
    { products: options.products, needs: options.needs, faq: options.faq },
    { model: options.model, calibration: options.calibration, onIndexProgress: ({ index, done, total }) => bar.update(done, total, `indexing ${index}`) },
  );
  try {
    const { shop } = temp;
    const services = shop.current();
    const audit = buildAuditContext(services.kb, services.vocabulary, shop.store.needs());
    let done = 0;
    const result = await runRequests({ ...services, options: shop.decisionOptions }, requests, audit, {}, () => bar.update(++done, requests.length, 'evaluating'));
    bar.stop();
    const output = { overall: result.overall, by_kind: result.byKind };
    console.log(JSON.stringify(output, null, 2));
    const pct = (x: number | null) => (x === null ? '   -' : x.toFixed(2).padStart(4));
    console.error('kind       n    P@5  hit@5  honest  untrue');
    for (const [kind, r] of [...Object.entries(result.byKind), ['overall', result.overall] as const]) {
      console.error(`${kind.padEnd(9)} ${String(r.n).padStart(3)}  ${pct(r.p_at_5)}  ${pct(r.hit_at_5)}   ${pct(r.not_sold_honest)}  ${String(r.untrue).padStart(5)}`);
    }
    if (options.verbose) {
      for (const o of result.outcomes) {
        const bad = o.request.kind === 'not-sold' ? o.decision !== 'not-sold' : o.possible > 0 && o.satisfied < Math.min(5, o.possible);
        if (bad || o.problems.length) console.error(`[${o.request.kind}] ${o.request.text} -> ${o.decision} ${o.satisfied}/${Math.min(5, o.possible)} ${o.shown.join(' ')}${o.problems.map((p) => `\n    ${p.kind}: ${p.message}`).join('')}`);
      }
    }
    if (options.json) writeFileSync(options.json, `${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await temp.close();
  }
}
