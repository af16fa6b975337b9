/**
 * Exploration and off-policy evaluation of rankers (catalog/rank/click-model.ts, scripts/eval/off-policy.ts),
 * in a simulated world where the truth is known: shoppers click a product with a probability that
 * is its appeal times the chance they look at its position (a position-based click model).
 * - Exploration shows each product at each position with the propensity it logs.
 * - Inverse propensity scoring recovers each ranker's true clicks per list from logs of another.
 * - A click model learnt from the logs (with position as a feature) beats the search's order,
 *   which here puts the least appealing products first.
 */
import { describe, expect, it } from 'vitest';
import { presentWithExploration } from '../../catalog/index.js';
import { ipsClicksPerList, loggedClicksPerList, modelOrder, replayLearning, searchOrder, teacherOrder, withTeacher, type ListRanker, type LoggedItem, type LoggedList } from '../../scripts/eval/off-policy.js';
import { mulberry32 } from '../../scripts/seeded-random.js';

/** The chance a shopper looks at each position (1-based). */
const LOOK = [0.9, 0.6, 0.4, 0.3, 0.2];

interface WorldItem {
  appeal: number;
  features: Record<string, number>;
  offset: number;
}

/** Five candidates: the search prefers them in the reverse order of their appeal, which a visible feature ("quality") tells. */
function candidates(random: () => number): WorldItem[] {
  return Array.from({ length: 5 }, () => {
    const quality = random();
    const relevance = 0.5 + 0.3 * (1 - quality) + 0.05 * random();
    return { appeal: 0.1 + 0.6 * quality, features: { bias: 1, relevance, quality }, offset: 8 * relevance };
  });
}

/** Shows the candidates in the search's order, explored with `share`, and draws the clicks. */
function logList(items: WorldItem[], share: number, random: () => number): LoggedList {
  const ranked = [...items].sort((a, b) => b.offset - a.offset);
  const { shown, propensities } = presentWithExploration(ranked, share, random);
  return {
    items: shown.map((item, i) => ({ features: item.features, offset: item.offset, position: i + 1, propensity: propensities[i]!, clicked: random() < item.appeal * LOOK[i]! })),
  };
}

/** A ranker's true expected clicks per list over the same candidates. */
function trueClicks(worlds: WorldItem[][], ranker: ListRanker): number {
  let total = 0;
  for (const items of worlds) {
    const asLogged: LoggedItem[] = items.map((item) => ({ ...item, position: 0, propensity: 1, clicked: false }));
    ranker(asLogged).forEach((index, i) => (total += items[index]!.appeal * LOOK[i]!));
  }
  return total / worlds.length;
}

describe('exploration', () => {
  it('shows the ranked order unchanged when not exploring, each product certain of its place', () => {
    const { shown, propensities, explored } = presentWithExploration(['a', 'b', 'c'], 0);
    expect(shown).toEqual(['a', 'b', 'c']);
    expect(propensities).toEqual([1, 1, 1]);
    expect(explored).toBe(false);
  });

  it('puts each product at each position as often as the propensity it logs says', () => {
    const random = mulberry32(11);
    const share = 0.3;
    const ranked = ['a', 'b', 'c', 'd'];
    const runs = 40_000;
    const seen = new Map<string, number>();
    const logged = new Map<string, number>();
    let explored = 0;
    for (let run = 0; run < runs; run++) {
      const presented = presentWithExploration(ranked, share, random);
      if (presented.explored) explored++;
      presented.shown.forEach((item, position) => {
        const key = `${item}@${position}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        logged.set(key, presented.propensities[position]!);
      });
    }
    expect(explored / runs).toBeCloseTo(share, 2);
    for (const item of ranked) {
      for (let position = 0; position < ranked.length; position++) {
        const expected = (ranked[position] === item ? 1 - share : 0) + share / ranked.length;
        expect((seen.get(`${item}@${position}`) ?? 0) / runs).toBeCloseTo(expected, 2);
        expect(logged.get(`${item}@${position}`)).toBeCloseTo(expected, 10);
      }
    }
  });
});

describe('off-policy evaluation of rankers', () => {
  const random = mulberry32(5);
  const worlds = Array.from({ length: 6000 }, () => candidates(random));
  const logs = worlds.map((items) => logList(items, 0.5, random));
  const byAppeal: ListRanker = (items) => items.map((item, i) => ({ i, q: item.features.quality! })).sort((a, b) => b.q - a.q).map(({ i }) => i);

  it('recovers the true clicks per list of the search order and of another ranker, from the same logs', () => {
    for (const ranker of [searchOrder, byAppeal]) {
      const estimate = ipsClicksPerList(logs, ranker);
      const truth = trueClicks(worlds, ranker);
      expect(Math.abs(estimate.value - truth)).toBeLessThan(3 * estimate.standardError);
      expect(Math.abs(estimate.value - truth) / truth).toBeLessThan(0.06);
    }
    // The two differ by far more than the error: the estimate tells them apart.
    expect(trueClicks(worlds, byAppeal)).toBeGreaterThan(trueClicks(worlds, searchOrder) * 1.2);
    // What the logging policy got lies between (half its lists were the search order).
    const logged = loggedClicksPerList(logs).value;
    expect(logged).toBeGreaterThan(ipsClicksPerList(logs, searchOrder).value);
  });

  it('learns from the logs a ranker that gets more clicks than the search order on lists it did not learn from', () => {
    const learnt = replayLearning(logs.slice(0, 3000));
    expect(learnt.weight('quality')).toBeGreaterThan(0);
    // Position 1 is looked at most: a click there says less about the product than one at position 5.
    expect(learnt.weight('pos:1')).toBeGreaterThan(learnt.weight('pos:5'));
    const heldOut = logs.slice(3000);
    const learntClicks = ipsClicksPerList(heldOut, modelOrder(learnt)).value;
    expect(learntClicks).toBeGreaterThan(ipsClicksPerList(heldOut, searchOrder).value * 1.15);
    expect(trueClicks(worlds.slice(3000), modelOrder(learnt))).toBeGreaterThan(trueClicks(worlds.slice(3000), searchOrder) * 1.15);
  });
});

describe('a click teacher measured offline', () => {
  const item = (offset: number, clicked: boolean, position: number): LoggedItem => ({ features: { bias: 1 }, offset, position, propensity: 1 / 3, clicked });

  it('adds the teacher\'s score to each logged product as its gap to the list\'s best, leaving out products it could not score', () => {
    const lists: LoggedList[] = [{ items: [item(-2, false, 1), item(-2.2, true, 2), item(-2.4, false, 3)] }];
    const [taught] = withTeacher(lists, [[0.2, 0.7, Number.NaN]]);
    expect(taught!.items.map((i) => i.features.teacher)).toEqual([0.2 - 0.7, 0, undefined]);
    // The logged lists are left as they were.
    expect(lists[0]!.items[0]!.features.teacher).toBeUndefined();
    // The teacher's own order puts its best first; products it did not score keep the search's order after.
    expect(teacherOrder(taught!.items)).toEqual([1, 2, 0]);
  });

  it('credits the clicks the teacher foresaw: a teacher that knows the clicked product beats the search order', () => {
    // Every list is shown shuffled. Shoppers want the search's third product, which the teacher
    // scores highest, and click it when it is shown first or second (position bias), never third.
    const lists: LoggedList[] = Array.from({ length: 60 }, (_, n) => {
      const position = (n % 3) + 1;
      return { items: [item(-2, false, (position % 3) + 1), item(-2.2, false, ((position + 1) % 3) + 1), item(-2.4, position <= 2, position)] };
    });
    const taught = withTeacher(lists, lists.map(() => [0.1, 0.2, 0.9]));
    expect(ipsClicksPerList(taught, teacherOrder).value).toBeGreaterThan(ipsClicksPerList(taught, searchOrder).value);
    // A click model learnt with the teacher's feature learns to trust it.
    const learnt = replayLearning(taught.slice(0, 30));
    expect(learnt.weights().find(([name]) => name === 'teacher')![1]).toBeGreaterThan(0);
    expect(ipsClicksPerList(taught.slice(30), modelOrder(learnt)).value).toBeGreaterThan(ipsClicksPerList(taught.slice(30), searchOrder).value);
  });
});
