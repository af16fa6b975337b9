/**
 * `npm run eval -- --faq FAQ.json --queries Q.jsonl [--products P.json] [--model DIR] [--json OUT.json] [--report OUT.html]`
 *
 * Builds temporary indexes from the given files (DATA_DIR is not touched) and runs every
 * labelled query through the bot's own code:
 * - FAQ queries `{"text", "expected": entryId | null, "second"?, "handoff"?}` go through `decide()`; reported:
 *   top-1 (abstaining on an in-scope query counts as wrong), recall@3, MRR, out-of-scope
 *   precision/recall/F1 (queries with `expected: null`), latency, the most confused pairs.
 * - Product requests `{"text", "expected": [productId, ...], "constraints"?: {filters}}`
 *   go through query understanding and the bot's product search; reported: recall@10,
 *   nDCG@10, filter precision (share of results meeting the labelled constraints), latency.
 *
 *   npm run eval -- --faq kb.json --queries queries.jsonl --json eval.json --report eval.html
 *   npm run eval -- --products demo/products.json --queries demo/eval/product-requests.report.jsonl
 *   npm run eval -- --ranking [--data DIR] [--teacher CTR_MODEL_DIR]   # the online ranker, off-policy, on the lists a shop logged (scripts/eval/ranking-cli.ts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decide, defaultDecisionOptions } from '../turn/decide.js';
import { findProducts } from '../turn/shopping.js';
import { productLexicalText, productPredicate, readRecords, type ProductFilters } from '../catalog/index.js';
import { openTemporaryShop } from './eval/temporary-shop.js';
import { answerConfidence, faqMetrics, lexicalTokens, productMetrics, thresholdSweep, understand, type ProductQueryOutcome, type QueryOutcome } from '../nlu/index.js';
import { progressBar } from './progress.js';
import { renderReport, type FaqReportQuery } from './eval/report.js';

const USAGE = [
  'usage: npm run eval -- (--faq FAQ.json | --products PRODUCTS.json) [--needs NEEDS.json] --queries QUERIES.jsonl [--model DIR] [--calibration LABELLED.jsonl] [--json OUT.json] [--report OUT.html] [--product-lexical-weight W]',
  '       npm run eval -- --products PRODUCTS.json --requests REQUESTS.jsonl [--needs NEEDS.json] [--faq FAQ.json] [--calibration LABELLED.jsonl] [--model DIR] [--json OUT.json] [--verbose] [--ablations]',
  '       npm run eval -- --ranking [--data DIR] [--teacher CROSS_ENCODER_DIR] [--json OUT.json]',
  'The shop is configured from the environment (.env) as the bot is: FAQ_CLASSIFIER_HEAD, FAQ_VALUE_*, EMBED_*.',
].join('\n');
function parsedArguments() {
  try {
    return parseArgs({
      options: {
        faq: { type: 'string' },
        products: { type: 'string' },
        queries: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'string' },
        report: { type: 'string' },
        'product-lexical-weight': { type: 'string' },
        requests: { type: 'string' },
        calibration: { type: 'string' },
        needs: { type: 'string' },
        ablations: { type: 'boolean', default: false },
        verbose: { type: 'boolean' },
        ranking: { type: 'boolean', default: false },
        data: { type: 'string' },
        teacher: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`eval: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}
const { values } = parsedArguments();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.ranking) {
  const { evaluateRanking } = await import('./eval/ranking-cli.js');
  // Offline, the click teacher runs on the CPU: time is no matter here (online it needs a GPU).
  const teacher = values.teacher ? await (await import('../nlu/index.js')).OnnxCrossEncoder.load({ modelDir: values.teacher }) : undefined;
  try {
    process.exitCode = await evaluateRanking({ dataDir: values.data ?? process.env.DATA_DIR ?? './data', json: values.json, teacher });
  } finally {
    await teacher?.dispose();
  }
  process.exit();
}
if (values.requests) {
  if (!values.products) {
    console.error(`eval: --requests needs --products\n${USAGE}`);
    process.exit(2);
  }
  const { evaluateShopperRequests } = await import('./eval/requests-cli.js');
  process.exit(await evaluateShopperRequests({ products: values.products, requests: values.requests, needs: values.needs, faq: values.faq, model: values.model, calibration: values.calibration, json: values.json, verbose: values.verbose ?? false, ablations: values.ablations ?? false }));
}
if ((!values.faq && !values.products) || !values.queries) {
  console.error(USAGE);
  process.exit(2);
}

/**
 * `second`: the entry of a second question asked in the same message ("...and do u take paypal").
 * `handoff`: the shopper asks for a person ("get me a real person please"): handing the
 * conversation over is a right reply, as is the entry.
 */
type FaqQuery = { kind: 'faq'; text: string; expected: string | null; second?: string; handoff?: true };
type ProductRequest = { kind: 'product'; text: string; expected: string[]; constraints?: ProductFilters };

function fail(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(2);
}

const queries = readRecords(readFileSync(values.queries, 'utf8'), 'ndjson').map((record): FaqQuery | ProductRequest => {
  const where = `${values.queries}: line ${record.line}`;
  if (record.error) fail(`${where}: ${record.error}`);
  const value = record.value as { text?: unknown; expected?: unknown; second?: unknown; handoff?: unknown; constraints?: unknown } | undefined;
  if (typeof value?.text !== 'string') fail(`${where}: expected {"text": string, "expected": ...}`);
  if (value.second !== undefined && typeof value.second !== 'string') fail(`${where}: "second" must be an FAQ entry id`);
  if (value.handoff !== undefined && value.handoff !== true) fail(`${where}: "handoff" must be true or left out`);
  if (typeof value.expected === 'string' || value.expected === null) {
    return { kind: 'faq', text: value.text, expected: value.expected, ...(typeof value.second === 'string' ? { second: value.second } : {}), ...(value.handoff ? { handoff: true as const } : {}) };
  }
  if (Array.isArray(value.expected) && value.expected.every((id) => typeof id === 'string')) {
    const constraints = value.constraints;
    if (constraints !== undefined && (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints))) fail(`${where}: "constraints" must be an object of filters`);
    return { kind: 'product', text: value.text, expected: value.expected as string[], ...(constraints ? { constraints: constraints as ProductFilters } : {}) };
  }
  fail(`${where}: "expected" must be an FAQ entry id, null (out of scope) or an array of product ids`);
});
const faqQueries = queries.filter((q): q is FaqQuery => q.kind === 'faq');
const productRequests = queries.filter((q): q is ProductRequest => q.kind === 'product');
if (faqQueries.length && !values.faq) fail('FAQ queries need --faq');
if (productRequests.length && !values.products) fail('product requests need --products');

const bar = progressBar();
const temp = await openTemporaryShop(
  { faq: values.faq, products: values.products, needs: values.needs },
  {
    model: values.model,
    calibration: values.calibration,
    onIndexProgress: ({ index, done, total }) => bar.update(done, total, `indexing ${index}`),
    ...(values['product-lexical-weight'] !== undefined ? { productLexicalWeight: Number(values['product-lexical-weight']) } : {}),
  },
);
try {
  const { shop } = temp;
  const services = shop.current();
  const total = queries.length;
  let done = 0;

  const faqOutcomes: QueryOutcome[] = [];
  const twoQuestions = { n: 0, both: 0, falseSecond: 0 };
  const faqReport: FaqReportQuery[] = [];
  for (const query of faqQueries) {
    const started = performance.now();
    const decision = await decide(query.text, { ...services, options: shop.decisionOptions });
    const latencyMs = performance.now() - started;
    // A message that asks two questions is answered right by a reply that answers either; a
    // message that asks one is judged by the reply's first answer, and a second answer to it is counted.
    const answeredIds = decision.kind === 'faq' ? [decision.entry.id, ...(decision.second ? [decision.second.id] : [])] : [];
    const handedOver = query.handoff && decision.kind === 'fallback' && decision.reason === 'asked-for-person';
    const answered = handedOver || (query.second && query.expected !== null && answeredIds.includes(query.expected)) ? query.expected ?? undefined : answeredIds[0];
    if (query.second) {
      twoQuestions.n++;
      if (query.expected !== null && answeredIds.includes(query.expected) && answeredIds.includes(query.second)) twoQuestions.both++;
    } else if (answeredIds.length === 2) twoQuestions.falseSecond++;
    // A hand-over ranks no entry: for a row that asks for a person, it ranks the right answer first, surely.
    const ranked = handedOver && query.expected !== null ? [query.expected] : decision.faqRanking.map((hit) => hit.entry.id);
    faqOutcomes.push({ expected: query.expected, answered, ranked, latencyMs });
    const [first, second] = decision.faqRanking;
    // The decision's confidence scale: the best score plus the calibrated share of its lead.
    const confidence = handedOver ? 1 : first ? answerConfidence(first.score, second?.score ?? 0, services.kb.faqCalibration.gapWeight) : 0;
    faqReport.push({ text: query.text, expected: query.expected, answered, best: handedOver ? ranked[0] : first?.entry.id, score: confidence });
    bar.update(++done, total, 'evaluating');
  }

  const productOutcomes: (ProductQueryOutcome & { text: string })[] = [];
  for (const request of productRequests) {
    const started = performance.now();
    const understanding = understand(request.text, services.vocabulary);
    const [vector] = await services.encoder.embed([request.text.trim() || ' ']);
    const { hits } = await findProducts(services.kb, { vector: vector!, tokens: lexicalTokens(request.text) }, understanding, { count: 10, vocabulary: services.vocabulary, steering: defaultDecisionOptions.steering });
    const latencyMs = performance.now() - started;
    // The same words the bot's filter checks excluded terms against.
    const keep = request.constraints && productPredicate(request.constraints, (product) => new Set(lexicalTokens(productLexicalText(product))), (product) => services.kb.typeOf(product));
    productOutcomes.push({
      text: request.text,
      relevant: request.expected,
      ranked: hits.map((hit) => hit.product.id),
      ...(keep ? { satisfiesConstraints: hits.map((hit) => keep(hit.product)) } : {}),
      latencyMs,
    });
    bar.update(++done, total, 'evaluating');
  }
  bar.stop();

  const round = (x: number) => Math.round(x * 10000) / 10000;
  const latency = (l: { p50: number; p99: number }) => ({ p50: round(l.p50), p99: round(l.p99) });
  let faqOutput: Record<string, unknown> | undefined;
  const faqResult = faqQueries.length ? faqMetrics(faqOutcomes) : undefined;
  if (faqResult) {
    faqOutput = {
      n: faqResult.n,
      top1: round(faqResult.top1),
      recall_at_3: round(faqResult.recall_at_3),
      mrr: round(faqResult.mrr),
      oos: faqResult.oos && { precision: round(faqResult.oos.precision), recall: round(faqResult.oos.recall), f1: round(faqResult.oos.f1) },
      latency_ms: latency(faqResult.latency_ms),
      confused: faqResult.confused,
      // Messages that ask two questions (labelled with "second"): the share whose reply answers both.
      ...(twoQuestions.n ? { two_questions: { n: twoQuestions.n, both_answered: round(twoQuestions.both / twoQuestions.n), second_answer_to_one_question: twoQuestions.falseSecond } } : {}),
    };
  }
  let productOutput: Record<string, unknown> | undefined;
  if (productRequests.length) {
    const metrics = productMetrics(productOutcomes);
    productOutput = {
      n: metrics.n,
      recall_at_10: round(metrics.recall_at_10),
      ndcg_at_10: round(metrics.ndcg_at_10),
      filter_precision: metrics.filter_precision === null ? null : round(metrics.filter_precision),
      latency_ms: latency(metrics.latency_ms),
    };
  }
  // One kind of query: its keys at top level. Both: the FAQ's keys, and the products' under "products".
  const output = faqOutput ? { ...faqOutput, ...(productOutput ? { products: productOutput } : {}) } : productOutput!;
  console.log(JSON.stringify(output, null, 2));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(output, null, 2)}\n`);

  const calibration = services.kb.faqCalibration;
  const sweep = thresholdSweep(faqReport);
  if (faqReport.length) {
    const inScope = faqReport.filter((q) => q.expected !== null);
    const at = (t: number) => sweep.filter((p) => p.threshold <= t).at(-1);
    if (faqResult) console.error(`eval: in-scope queries answered with their entry (the bot's replies, strict; the JSON's top1): ${faqResult.top1.toFixed(4)}`);
    console.error(`eval: best-ranked entry right for ${(inScope.filter((q) => q.best === q.expected).length / Math.max(1, inScope.length)).toFixed(4)} of in-scope queries (top-1 without abstaining)`);
    const clarified = faqOutcomes.filter((o, i) => o.expected !== null && o.answered === undefined && faqReport[i]!.score >= (shop.decisionOptions.faqAnswerThreshold ?? calibration.answerThreshold)).length;
    console.error(`eval: in-scope queries asked to clarify between two entries: ${(clarified / Math.max(1, inScope.length)).toFixed(4)}`);
    // The operating curve: what a threshold buys in out-of-scope recall and costs in in-scope top-1.
    const point = (t: number) => at(t) ? `${at(t)!.top1.toFixed(3)} / ${at(t)!.oosRecall.toFixed(3)}` : '-';
    console.error(`eval: operating curve, in-scope top-1 / out-of-scope recall at thresholds ${[0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65].map((t) => `${t}: ${point(t)}`).join(', ')}`);
  }
  if (faqQueries.length) {
    const { weights, gapWeight, answerThreshold, clarifyMargin, diagnostics } = calibration;
    console.error(`eval: calibration ${calibration.calibrated ? '' : '(defaults) '}weights ${JSON.stringify(weights)}, gap weight ${gapWeight}, ` +
      `threshold ${answerThreshold}, clarify margin ${clarifyMargin}; held-out phrasing top-1 ${diagnostics.heldOutTop1}` +
      (diagnostics.heldOutTop1WithoutHead != null ? ` (${diagnostics.heldOutTop1WithoutHead} without the classifier head, cross-fitted)` : '') + '; ' +
      `values ${JSON.stringify(calibration.values)}; set by ${diagnostics.shopperQueries ? `${diagnostics.shopperQueries} labelled shoppers' questions` : 'held-out phrasings'}` +
      (diagnostics.shopperQueriesTrainedOn ? ` (${diagnostics.shopperQueriesTrainedOn} left out: the model trained on them)` : '') +
      (diagnostics.heldOutPhrasingsTrainedOn ? `; ${diagnostics.heldOutPhrasingsTrainedOn} of ${diagnostics.heldOutPhrasings} held-out phrasings were trained on (optimistic)` : ''));
  }
  if (faqReport.some((q) => q.expected === null)) {
    // The operating points asked of out-of-scope detection: best OOS recall while in-scope top-1
    // stays >= 0.75, and >= 0.80. The threshold is picked on these very queries, so these are
    // upper bounds: the calibrated threshold's figures are the ones a shop gets.
    const bestAbove = (floor: number) => {
      const best = sweep.filter((p) => p.top1 >= floor).sort((a, b) => b.oosRecall - a.oosRecall)[0];
      return best ? `${best.oosRecall.toFixed(3)} at threshold ${best.threshold}` : `in-scope top-1 never reaches ${floor}`;
    };
    console.error(`eval: answer threshold ${calibration.answerThreshold} (${calibration.calibrated ? 'calibrated' : 'default'}); ` +
      `best out-of-scope recall, threshold chosen on these queries (an upper bound), with in-scope top-1 >= 0.75: ${bestAbove(0.75)}; >= 0.80: ${bestAbove(0.8)}`);
  }
  if (values.report) {
    const worst = productOutcomes
      .map((o) => {
        const relevant = new Set(o.relevant);
        return { text: o.text, recall: o.ranked.slice(0, 10).filter((id) => relevant.has(id)).length / Math.max(1, Math.min(10, relevant.size)), relevant: relevant.size, returned: [...o.ranked] };
      })
      .sort((a, b) => a.recall - b.recall)
      .slice(0, 25);
    const faqThreshold = shop.decisionOptions.faqAnswerThreshold ?? calibration.answerThreshold;
    writeFileSync(
      values.report,
      renderReport({
        title: `Aisle evaluation: ${[values.faq, values.products].filter(Boolean).join(' + ')} / ${values.queries}`,
        summary: output,
        ...(faqQueries.length ? { faq: { queries: faqReport, threshold: faqThreshold, calibration, confused: (faqOutput!.confused as never[]) ?? [], sweep } } : {}),
        ...(productRequests.length ? { products: { worst } } : {}),
      }),
    );
    console.error(`eval: report written to ${values.report}`);
  }
} finally {
  await temp.close();
}
