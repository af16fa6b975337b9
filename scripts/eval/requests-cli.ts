/**
 * `npm run eval -- --products P.json --requests R.jsonl [--needs N.json] [--faq F.json] [--calibration Q.jsonl] [--ablations]`:
 * builds a temporary shop from the files (DATA_DIR untouched), runs the labelled shopper
 * requests through decide() and prints the per-kind table (scripts/eval/run-requests.ts).
 * `--ablations` runs them again with one part switched off at a time (spelling correction,
 * steering of needs and gifts, the query categoriser) and prints P@5 per kind for each;
 * the needs file's part is measured by leaving out `--needs`.
 * A bad request line is reported with its number and nothing is evaluated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DecisionServices } from '../../turn/decide.js';
import { defaultSteeringOptions } from '../../turn/shopping.js';
import type { KnowledgeBase } from '../../catalog/index.js';
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
  ablations?: boolean;
}

/** Each variant switches off one part of the bot, on the same shop. */
const ABLATIONS: { name: string; apply: (services: DecisionServices) => DecisionServices }[] = [
  { name: 'no spelling correction', apply: ({ spelling: _off, ...services }) => services },
  {
    name: 'no steering of needs and gifts',
    apply: (services) => ({ ...services, options: { ...services.options, steering: { ...defaultSteeringOptions, ...services.options?.steering, needThreshold: Infinity, giftThreshold: Infinity } } }),
  },
  {
    // Also takes away the category check, "do you sell" and the categoriser's side of routing.
    name: 'no query categoriser',
    apply: (services) => ({ ...services, kb: Object.create(services.kb, { categoriser: { value: undefined } }) as KnowledgeBase }),
  },
];

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
    const ablations: Record<string, Record<string, number | null>> = {};
    if (options.ablations) {
      const full = { ...services, options: shop.decisionOptions };
      const row = (r: typeof result) => ({ ...Object.fromEntries(Object.entries(r.byKind).map(([kind, k]) => [kind, kind === 'not-sold' ? k.not_sold_honest : k.p_at_5])), overall: r.overall.p_at_5 });
      ablations.full = row(result);
      for (const ablation of ABLATIONS) ablations[ablation.name] = row(await runRequests(ablation.apply(full), requests, audit, {}));
      const kinds = Object.keys(ablations.full!);
      console.error(`\nablations (P@5; not-sold: honest rate)\n${'variant'.padEnd(32)}${kinds.map((k) => k.padStart(9)).join('')}`);
      for (const [name, values] of Object.entries(ablations)) console.error(`${name.padEnd(32)}${kinds.map((k) => pct(values[k] ?? null).padStart(9)).join('')}`);
    }
    if (options.json) writeFileSync(options.json, `${JSON.stringify({ ...output, ...(options.ablations ? { ablations } : {}) }, null, 2)}\n`);
    return 0;
  } finally {
    await temp.close();
  }
}
