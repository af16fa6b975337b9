/**
 * The online learner of the click model (catalog/ftrl.ts): it recovers a known logistic model from
 * a stream of labelled examples, keeps unsupported features at zero, starts from the offset, and
 * reloads to the same predictions. The store keeps its coordinates across a reopen.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatalogStore, FtrlModel, sigmoid } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';
import { mulberry32 } from '../../scripts/seeded-random.js';

/** Share of (positive, negative) pairs the scores order rightly. */
function auc(scores: readonly number[], labels: readonly boolean[]): number {
  let right = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!labels[i]) return;
    scores.forEach((q, j) => {
      if (labels[j]) return;
      pairs++;
      right += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return right / pairs;
}

const TRUE_WEIGHTS = { bias: -1, a: 2, b: -1.5, c: 0 };

function example(random: () => number) {
  const features = { bias: 1, a: random() * 2 - 1, b: random() * 2 - 1, c: random() * 2 - 1 };
  const logit = Object.entries(TRUE_WEIGHTS).reduce((sum, [name, w]) => sum + w * features[name as keyof typeof features], 0);
  return { features, logit, clicked: random() < sigmoid(logit) };
}

describe('FTRL-Proximal logistic regression', () => {
  it('learns a known click model from a stream: the signs of its weights, and nearly its ranking quality on new examples', () => {
    const random = mulberry32(7);
    const model = new FtrlModel({ alpha: 0.1, l1: 0.5 });
    for (let i = 0; i < 6000; i++) {
      const { features, clicked } = example(random);
      model.update(features, clicked);
    }
    expect(model.weight('a')).toBeGreaterThan(1);
    expect(model.weight('b')).toBeLessThan(-0.8);
    expect(Math.abs(model.weight('c'))).toBeLessThan(0.15);
    const held = Array.from({ length: 1500 }, () => example(random));
    const labels = held.map((e) => e.clicked);
    const truth = auc(held.map((e) => e.logit), labels);
    const learnt = auc(held.map((e) => model.logit(e.features)), labels);
    expect(learnt).toBeGreaterThan(truth - 0.02);
    // And far from chance, which an untrained model is.
    expect(auc(held.map((e) => new FtrlModel().logit(e.features)), labels)).toBe(0.5);
    expect(learnt).toBeGreaterThan(0.7);
  });

  it('raises the clicked item above the others shown with it, and lowers one shown and never clicked', () => {
    const model = new FtrlModel();
    const shown = (item: string) => ({ bias: 1, [`item:${item}`]: 1 });
    for (let i = 0; i < 6; i++) {
      model.update(shown('A'), true);
      model.update(shown('B'), false);
      model.update(shown('C'), false);
    }
    expect(model.logit(shown('A'))).toBeGreaterThan(model.logit(shown('C')));
    expect(model.weight('item:A')).toBeGreaterThan(0);
    expect(model.weight('item:B')).toBeLessThan(0);
    // An item never shown has no weight of its own.
    expect(model.weight('item:D')).toBe(0);
  });

  it('keeps a feature at zero until enough evidence passes the L1 threshold', () => {
    const model = new FtrlModel({ l1: 1 });
    model.update({ rare: 1 }, true);
    expect(model.weight('rare')).toBe(0);
    for (let i = 0; i < 5; i++) model.update({ rare: 1 }, true);
    expect(model.weight('rare')).toBeGreaterThan(0);
  });

  it('adds its weights to the offset: untrained, it predicts the offset alone', () => {
    const model = new FtrlModel();
    expect(model.logit({ bias: 1, x: 0.4 }, 2.5)).toBe(2.5);
    model.update({ x: 1 }, false, 3);
    for (let i = 0; i < 4; i++) model.update({ x: 1 }, false, 3);
    // Clicks far below what the offset predicts teach a negative weight.
    expect(model.weight('x')).toBeLessThan(0);
  });

  it('reloads from its coordinates to the same predictions, and the store keeps them across a reopen', () => {
    const random = mulberry32(3);
    const model = new FtrlModel();
    const path = join(tempDir(), 'aisle.db');
    const store = CatalogStore.open(path);
    for (let i = 0; i < 300; i++) {
      const { features, clicked } = example(random);
      store.saveRankerCoordinates(model.update(features, clicked));
    }
    store.close();
    const reopened = CatalogStore.open(path);
    const reloaded = new FtrlModel({}, reopened.rankerCoordinates());
    reopened.close();
    const probe = { bias: 1, a: 0.3, b: -0.2, c: 0.9 };
    expect(reloaded.logit(probe)).toBe(model.logit(probe));
    expect(reloaded.logit(probe)).not.toBe(0);
    expect(new FtrlModel({}, model.entries()).weights()).toEqual(model.weights());
  });

  it('upgrades a version 4 database in place: its events kept, impressions gaining their list, position and propensity', () => {
    const path = join(tempDir(), 'aisle.db');
    const old = CatalogStore.open(path);
    old.recordEvent({ conversationId: 'c1', name: 'product.click', productId: 'p1', query: 'tent' });
    old.close();
    // What Aisle before the online ranker wrote: events without those columns, no ranker table, version 4.
    const raw = new Database(path);
    raw.exec(`CREATE TABLE events_v4 AS SELECT id, conversation_id, name, product_id, query, at FROM events; DROP TABLE events;
              ALTER TABLE events_v4 RENAME TO events; DROP TABLE ranker_coordinates; UPDATE meta SET value = '4' WHERE key = 'schema_version'`);
    raw.close();
    const store = CatalogStore.open(path);
    expect(store.eventsFor('c1')).toMatchObject([{ name: 'product.click', productId: 'p1', query: 'tent' }]);
    store.recordSlate({ conversationId: 'c1', slate: 's1', query: 'tent', explored: false, items: [{ productId: 'p1', position: 1, propensity: 1, features: { bias: 1 }, offset: 4 }] });
    store.saveRankerCoordinates([['bias', { z: -1, n: 2 }]]);
    expect(store.loggedSlates()).toMatchObject([{ slate: 's1', items: [{ productId: 'p1', position: 1, propensity: 1, features: { bias: 1 }, offset: 4, clicked: false }] }]);
    expect(store.rankerCoordinates()).toEqual([['bias', { z: -1, n: 2 }]]);
    store.close();
  });

  it('refuses learning settings that cannot work, naming them', () => {
    expect(() => new FtrlModel({ alpha: 0 })).toThrow(/alpha/);
    expect(() => new FtrlModel({ l1: -1 })).toThrow(/l1/);
    expect(() => new FtrlModel({ beta: Number.NaN })).toThrow(/beta/);
  });
});
