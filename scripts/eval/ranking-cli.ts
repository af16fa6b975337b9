/**
 * `npm run eval -- --ranking [--data DIR] [--json OUT.json]`: the online ranker measured offline
 * on the lists a shop logged (with exploration, catalog/rank/click-model.ts). The later half of the lists is
 * held out: a click model learns from the earlier half in logged order, as the live one did, and
 * each ranker's clicks per list on the held-out half is estimated by inverse propensity scoring
 * (scripts/eval/off-policy.ts), beside the clicks the logging policy actually got.
 *
 * With `--teacher DIR` (a click cross-encoder, `npm run finetune -- --ctr`), the teacher scores every
 * logged list's products for its query, here on CPU where time is no matter, and two more rankers
 * are measured: the teacher's own order, and the click model learnt with the teacher's score as a
 * feature, as a shop with CTR_MODEL on a GPU would run it. Train the teacher on lists logged before
 * these, or the later half is no longer held out from it.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogStore, productText, type ClickTeacher } from '../../catalog/index.js';
import { ipsClicksPerList, loggedClicksPerList, modelOrder, replayLearning, searchOrder, teacherOrder, withTeacher, type Estimate } from './off-policy.js';

export interface RankingEvalOptions {
  dataDir: string;
  json?: string | undefined;
  /** The click teacher, loaded by the caller (nlu OnnxCrossEncoder). */
  teacher?: ClickTeacher | undefined;
}

export async function evaluateRanking(options: RankingEvalOptions): Promise<number> {
  const databasePath = join(resolve(options.dataDir), 'aisle.db');
  const store = CatalogStore.open(databasePath);
  try {
    const lists = store.loggedSlates();
    const explored = lists.filter((list) => list.explored).length;
    if (lists.length < 2) {
      console.error(`eval: ${databasePath} has ${lists.length} ranked product list${lists.length === 1 ? '' : 's'} logged; chat with the bot (npm start) or run npm run simulate first`);
      return 2;
    }
    const half = Math.floor(lists.length / 2);
    const learnt = replayLearning(lists.slice(0, half));
    const heldOut = lists.slice(half);
    const taught = options.teacher ? withTeacher(lists, await teacherScores(options.teacher, store, lists)) : undefined;
    const learntWithTeacher = taught && replayLearning(taught.slice(0, half));
    const report = {
      lists: lists.length,
      heldOut: heldOut.length,
      impressions: heldOut.reduce((sum, list) => sum + list.items.length, 0),
      clicks: heldOut.reduce((sum, list) => sum + list.items.filter((item) => item.clicked).length, 0),
      exploredLists: explored,
      clicksPerList: {
        logged: loggedClicksPerList(heldOut),
        searchOrder: ipsClicksPerList(heldOut, searchOrder),
        learntRanker: ipsClicksPerList(heldOut, modelOrder(learnt)),
        ...(taught && learntWithTeacher
          ? { teacherOrder: ipsClicksPerList(taught.slice(half), teacherOrder), learntRankerWithTeacher: ipsClicksPerList(taught.slice(half), modelOrder(learntWithTeacher)) }
          : {}),
      },
      ...(options.teacher ? { teacher: options.teacher.modelId } : {}),
      learntWeights: Object.fromEntries(learnt.weights().filter(([name]) => !name.startsWith('item:')).slice(0, 12)),
    };
    const line = (name: string, estimate: Estimate, ips: boolean) => `  ${name.padEnd(22)} ${estimate.value.toFixed(3)}${ips ? ` ± ${(1.96 * estimate.standardError).toFixed(3)} (95%, IPS)` : ' (as logged)'}`;
    console.log(`ranking: ${report.lists} lists logged in ${databasePath}, ${explored} of them shown shuffled to explore`);
    console.log(`held out: the later ${report.heldOut} lists (${report.impressions} impressions, ${report.clicks} clicks); the ranker learnt from the ${half} before them`);
    console.log('clicks per list:');
    console.log(line('logging policy', report.clicksPerList.logged, false));
    console.log(line('search order', report.clicksPerList.searchOrder, true));
    console.log(line('learnt ranker', report.clicksPerList.learntRanker, true));
    if (report.clicksPerList.teacherOrder && report.clicksPerList.learntRankerWithTeacher) {
      console.log(line('teacher order', report.clicksPerList.teacherOrder, true));
      console.log(line('learnt + teacher', report.clicksPerList.learntRankerWithTeacher, true));
    }
    const base = report.clicksPerList.searchOrder.value;
    if (base > 0) console.log(`learnt ranker / search order: ${(report.clicksPerList.learntRanker.value / base).toFixed(2)}x`);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** The teacher's click probability for each logged product, per list; NaN for a product no longer in the catalog. */
async function teacherScores(teacher: ClickTeacher, store: CatalogStore, lists: readonly { query: string; items: readonly { productId: string }[] }[]): Promise<number[][]> {
  const scores: number[][] = [];
  for (const list of lists) {
    const products = list.items.map((item) => store.getProduct(item.productId));
    const known = products.flatMap((product) => (product ? [productText(product)] : []));
    const scored = await teacher.score(list.query, known);
    let next = 0;
    scores.push(products.map((product) => (product ? scored[next++]! : Number.NaN)));
  }
  return scores;
}
