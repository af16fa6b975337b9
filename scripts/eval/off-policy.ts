/**
 * Off-policy evaluation of product-list rankers from the logged lists (catalog/store.ts
 * `loggedSlates`): how many clicks per list another ranker would have had on the same traffic.
 *
 * Item-position inverse propensity scoring: a logged click counts for a ranker only when the
 * ranker puts that product at the position it was clicked at, weighted by 1 / the probability
 * that the logging policy showed it there. Unbiased when every position a ranker can choose had
 * a non-zero logged propensity, which exploration (catalog/rank/click-model.ts) guarantees within a list, and
 * when a click depends on the product and its position (not on the others shown).
 *
 *   ipsClicksPerList(lists, searchOrder)   // { value: 0.41, standardError: 0.03, lists: 800 }
 */
import { FtrlModel, positionFeature, TEACHER_FEATURE, teacherGaps, type FtrlParams } from '../../catalog/index.js';

export interface LoggedItem {
  features: Record<string, number>;
  offset: number;
  position: number;
  propensity: number;
  clicked: boolean;
}

export interface LoggedList {
  items: LoggedItem[];
}

/** A ranker as evaluated: the logged products of one list, best first (indices into `items`). */
export type ListRanker = (items: readonly LoggedItem[]) => number[];

export interface Estimate {
  /** Expected clicks per list. */
  value: number;
  standardError: number;
  lists: number;
}

export function ipsClicksPerList(lists: readonly LoggedList[], ranker: ListRanker): Estimate {
  const perList = lists.map((list) => {
    const order = ranker(list.items);
    let credit = 0;
    order.forEach((index, i) => {
      const item = list.items[index]!;
      if (item.clicked && item.position === i + 1) credit += 1 / item.propensity;
    });
    return credit;
  });
  return meanWithError(perList);
}

/** What the logging policy got: clicks per list as they happened. */
export function loggedClicksPerList(lists: readonly LoggedList[]): Estimate {
  return meanWithError(lists.map((list) => list.items.filter((item) => item.clicked).length));
}

/** The search's own order: by the prior logit the ranker starts from. */
export const searchOrder: ListRanker = (items) => order(items.map((item) => item.offset));

/** A click model's order: prior plus learnt weights, position left out. */
export function modelOrder(model: FtrlModel): ListRanker {
  return (items) => order(items.map((item) => model.logit(item.features, item.offset)));
}

/**
 * The lists with the teacher's feature added to each item, as the live ranker would have had it:
 * `scores[i][j]` is the teacher's click probability for item j of list i (NaN: unscored, left out).
 */
export function withTeacher<L extends LoggedList>(lists: readonly L[], scores: readonly (readonly number[])[]): L[] {
  return lists.map((list, i) => {
    const scored = new Map(list.items.flatMap((_, j) => (Number.isFinite(scores[i]![j]) ? [[String(j), scores[i]![j]!] as const] : [])));
    const gaps = scored.size ? teacherGaps(scored) : new Map<string, number>();
    return { ...list, items: list.items.map((item, j) => (gaps.has(String(j)) ? { ...item, features: { ...item.features, [TEACHER_FEATURE]: gaps.get(String(j))! } } : item)) };
  });
}

/** The teacher's own order: by its feature (its click probability), the search's order breaking ties. */
export const teacherOrder: ListRanker = (items) => order(items.map((item) => (item.features[TEACHER_FEATURE] ?? 0) + 1e-6 * item.offset));

/** A click model learnt from lists in the order they were logged, as the live ranker learns them. */
export function replayLearning(lists: readonly LoggedList[], params: Partial<FtrlParams> = {}): FtrlModel {
  const model = new FtrlModel(params);
  for (const list of lists) for (const item of list.items) model.update({ ...item.features, [positionFeature(item.position)]: 1 }, item.clicked, item.offset);
  return model;
}

function order(scores: readonly number[]): number[] {
  return scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i).map(({ i }) => i);
}

function meanWithError(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { value: 0, standardError: 0, lists: 0 };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { value: mean, standardError: Math.sqrt(variance / n), lists: n };
}
