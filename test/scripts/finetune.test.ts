/**
 * `npm run finetune` end to end, tiny: the real CLI, the Python trainer in the model
 * toolchain's environment, the ONNX export with its parity gate, and the exported model
 * loaded by the TypeScript encoder. A few steps on a small FAQ must already pull held-out
 * paraphrases towards their own entry; the click model must train on a logged click log.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShop } from '../../bot/startup.js';
import { CatalogStore, ingestText, openKnowledgeBase, productText, type FaqEntry } from '../../catalog/index.js';
import { cosine, lexicalTokens, OnnxCrossEncoder, OnnxEncoder, readTrainedTexts, WorkerEncoder } from '../../nlu/index.js';
import { evaluateRanking } from '../../scripts/eval/ranking-cli.js';
import { mulberry32 } from '../../scripts/seeded-random.js';
import { ShopRanking } from '../../turn/ranking.js';
import { newSession } from '../../turn/session.js';
import { writeSyntheticClickLog } from '../../scripts/demo/click-log.js';
import { venvPython } from '../../scripts/model-pull.js';
import { demoFaq, requireModel, ROOT, smallDemoProducts, tempDir } from '../helpers.js';

const run = promisify(execFile);
const finetune = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/finetune.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: join(tempDir(), 'no-data'), ...env },
    maxBuffer: 16 * 1024 * 1024,
  });

// Six entries a shop might have, four phrasings each to train on, and two held-out
// paraphrases each that the trainer never sees.
const FAQ: FaqEntry[] = [
  { id: 'where-order', questions: ['where is my order', 'my parcel has not arrived', 'track my package', 'when will my delivery come'], answer: 'Track it under Orders.' },
  { id: 'return', questions: ['how do I return an item', 'send something back', 'return policy', 'can I get a refund for this'], answer: 'Returns within 30 days.' },
  { id: 'pay', questions: ['which payment methods do you accept', 'can I pay with paypal', 'do you take credit cards', 'pay by bank transfer'], answer: 'Cards and PayPal.' },
  { id: 'size', questions: ['how do your sizes run', 'size chart', 'does this fit true to size', 'what size should I order'], answer: 'See the size chart.' },
  { id: 'cancel', questions: ['cancel my order', 'I want to cancel a purchase', 'stop my order before it ships', 'undo my order'], answer: 'Cancel within an hour.' },
  { id: 'password', questions: ['reset my password', 'I forgot my password', 'cannot log in to my account', 'change my login'], answer: 'Use the reset link.' },
];
const HELD_OUT: [string, string][] = [
  ['the courier still has not brought my box', 'where-order'], ['is my shipment on its way', 'where-order'],
  ['I would like my money back', 'return'], ['ship the item back to you', 'return'],
  ['is apple pay an option at checkout', 'pay'], ['can I use a debit card', 'pay'],
  ['should I size up in this jacket', 'size'], ['measurements for medium', 'size'],
  ['I changed my mind, kill the order', 'cancel'], ['please call off my purchase', 'cancel'],
  ['locked out of my account', 'password'], ['the sign in keeps failing', 'password'],
];

/**
 * How far apart the entries are for held-out queries: mean over queries of (mean cosine to
 * its own entry's phrasings − mean cosine to each other entry's phrasings). This is what
 * the ranking loss pushes up; the base model already ranks these easy queries right, so
 * top-1 could not show the change.
 */
async function heldOutSeparation(encoder: OnnxEncoder): Promise<number> {
  const vectors = await encoder.embed(FAQ.flatMap((entry) => entry.questions));
  const queries = await encoder.embed(HELD_OUT.map(([text]) => text));
  let total = 0;
  HELD_OUT.forEach(([, id], i) => {
    let offset = 0;
    let own = 0;
    const others: number[] = [];
    for (const entry of FAQ) {
      const scores = entry.questions.map((_, j) => cosine(queries[i]!, vectors[offset + j]!));
      offset += entry.questions.length;
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      if (entry.id === id) own = mean;
      else others.push(mean);
    }
    total += own - others.reduce((a, b) => a + b, 0) / others.length;
  });
  return total / HELD_OUT.length;
}

describe('npm run finetune', () => {
  it('refuses bad input with every bad row and its line, before training anything', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pairs.jsonl'), ['{"query": "where is my order", "positive": "track my parcel"}', '{"query": ""}', 'not json', '{"query": "refund?", "faqId": "return"}'].join('\n'));
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(FAQ));
    const bad = await finetune(['--pairs', join(dir, 'pairs.jsonl'), '--faq', join(dir, 'faq.json'), '--out', join(dir, 'model')]).catch((error) => error);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/2 bad rows, nothing trained/);
    expect(bad.stderr).toMatch(/line 2: "query" must be a non-empty string/);
    expect(bad.stderr).toMatch(/line 3: not valid JSON/);
    writeFileSync(join(dir, 'pairs.jsonl'), '{"query": "refund?", "faqId": "no-such-entry"}\n');
    const unknown = await finetune(['--pairs', join(dir, 'pairs.jsonl'), '--faq', join(dir, 'faq.json'), '--out', join(dir, 'model')]).catch((error) => error);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/line 1: faqId "no-such-entry" is not an FAQ entry/);
    const nothing = await finetune(['--epochs', '2']).catch((error) => error);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/say what to train on/);
    const ctrWithFaq = await finetune(['--ctr', '--faq', join(dir, 'faq.json')]).catch((error) => error);
    expect(ctrWithFaq.stderr).toMatch(/--ctr trains on logged impressions/);
    writeFileSync(join(dir, 'needs.jsonl'), ['{"id": "tent", "type": "tent", "needs": ["camping"]}', '{"id": "both", "type": "tent", "category": "Camping", "needs": ["x"]}'].join('\n'));
    const badNeeds = await finetune(['--needs', join(dir, 'needs.jsonl'), '--out', join(dir, 'model')]).catch((error) => error);
    expect(badNeeds.code).toBe(2);
    expect(badNeeds.stderr).toMatch(/1 bad needs, nothing trained/);
    expect(badNeeds.stderr).toMatch(/line 2: give exactly one of "type" or "category"/);
    writeFileSync(join(dir, 'messages.jsonl'), '{"text": "where is my parcel"}\n{"text": 7}\n');
    const badMessages = await finetune(['--faq', join(dir, 'faq.json'), '--unlabeled', join(dir, 'messages.jsonl'), '--out', join(dir, 'model')]).catch((error) => error);
    expect(badMessages.code).toBe(2);
    expect(badMessages.stderr).toMatch(/--unlabeled .*messages\.jsonl: 1 bad lines, nothing trained:\n {2}line 2: expected \{"text": "…"\}/);
    const missing = await finetune(['--faq', join(dir, 'faq.json'), '--unlabeled', join(dir, 'nope.txt'), '--out', join(dir, 'model')]).catch((error) => error);
    expect(missing.stderr).toMatch(/--unlabeled .*nope\.txt: no such file/);
    const off = await finetune(['--faq', join(dir, 'faq.json'), '--unlabeled', join(dir, 'messages.jsonl'), '--adapt-epochs', '0']).catch((error) => error);
    expect(off.stderr).toMatch(/--unlabeled with --adapt-epochs 0 and no --pseudo-labels/);
    const ctrUnlabeled = await finetune(['--ctr', '--from-data', '--unlabeled', join(dir, 'messages.jsonl')]).catch((error) => error);
    expect(ctrUnlabeled.stderr).toMatch(/--ctr trains on logged impressions/);
    const badCosine = await finetune(['--faq', join(dir, 'faq.json'), '--pseudo-labels', '1.5']).catch((error) => error);
    expect(badCosine.stderr).toMatch(/--pseudo-labels 1\.5: expected a cosine in \(0, 1\)/);
    expect(existsSync(join(dir, 'model'))).toBe(false);
  });

  it("never counts a text as a negative for a query whose group it answers (its rows' group or their also)", async () => {
    const python = venvPython(resolve(ROOT, process.env.MODEL_VENV ?? '.venv-model'));
    const rows = [
      { query: 'jogging to work', positive: 'Road shoe A', group: 'need:type:road running shoe', also: ['product:a'] },
      { query: 'Road shoe A', positive: 'A: light, for pavements', group: 'product:a', also: ['need:type:road running shoe'] },
      { query: 'light shoes', positive: 'Road shoe A', group: 'product:a' },
      { query: 'waterproof jacket', positive: 'Rain jacket C', group: 'need:type:rain jacket', also: ['product:c'] },
    ];
    const script = [
      'import json, sys',
      "sys.path.insert(0, 'scripts/model')",
      'from finetune import answered_groups, not_negatives',
      'rows = json.loads(sys.argv[1])',
      "documents = [r['positive'] for r in rows] + ['Rain jacket C']",
      "print(json.dumps(not_negatives([r['group'] for r in rows], documents, answered_groups(rows))))",
    ].join('\n');
    const { stdout } = await run(python, ['-c', script, JSON.stringify(rows)], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual([
      // The need's query: the shoe's catalog text and its clicked text are right answers too; the jacket is a negative.
      [false, true, true, false, false],
      [true, false, true, false, false],
      [true, true, false, false, false],
      // The jacket need's own text, mined as another row's negative, is masked as well.
      [false, false, false, false, true],
    ]);
  });

  describe('few-shot from an FAQ', () => {
    const dir = tempDir();
    const out = join(dir, 'model');
    let stdout = '';

    beforeAll(async () => {
      requireModel();
      writeFileSync(join(dir, 'faq.json'), JSON.stringify(FAQ));
      ({ stdout } = await finetune(['--faq', join(dir, 'faq.json'), '--out', out, '--max-steps', '12', '--batch', '16', '--lr', '5e-5', '--device', 'cpu']));
    }, 600_000);

    it('writes a complete model with a manifest: base, data hash, counts, parameters, time, device, metrics before and after', () => {
      expect(stdout).toMatch(/finetune: done in \d+ s on cpu/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        kind: 'encoder',
        modelId: 'aisle/model',
        base: { modelId: 'sentence-transformers/all-MiniLM-L6-v2' },
        training: {
          task: 'bi',
          device: 'cpu',
          steps: 12,
          data: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: { faq: 72 } },
          parameters: { lr: 5e-5, batch: 16, maxSteps: 12 },
          before: { top1: expect.any(Number), mrr: expect.any(Number) },
          after: { top1: expect.any(Number), mrr: expect.any(Number) },
        },
        parity: { fp32: { passed: true }, int8: { passed: true } },
      });
      expect(manifest.training.wallSeconds).toBeGreaterThan(0);
      for (const file of ['config.json', 'tokenizer.json', 'model.safetensors', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
        expect(manifest.files[file], file).toMatch(/^[0-9a-f]{64}$/);
      }
    });

    it('loads in the TypeScript encoder and pulls held-out paraphrases towards their own entry', async () => {
      const base = await OnnxEncoder.load({ modelDir: requireModel(), variant: 'int8' });
      const tuned = await OnnxEncoder.load({ modelDir: out, variant: 'int8' });
      try {
        expect(tuned.modelId).toBe('aisle/model@int8');
        expect(tuned.modelHash).not.toBe(base.modelHash);
        const before = await heldOutSeparation(base);
        const after = await heldOutSeparation(tuned);
        expect(after).toBeGreaterThan(before + 0.005);
      } finally {
        await base.dispose();
        await tuned.dispose();
      }
    });

    it('records the texts it trained on, and calibration leaves those questions out (a base model leaves none out)', async () => {
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      const trained = readTrainedTexts(out);
      expect(trained.size).toBe(manifest.training.trainedTexts);
      expect(manifest.files['training-texts.json']).toMatch(/^[0-9a-f]{64}$/);
      const phrasings = FAQ.flatMap((entry) => entry.questions.map((text) => ({ text, faqId: entry.id })));
      // The trainer held some phrasings out (10%, whole texts): those are not recorded, the rest are,
      // however the shopper cased and spaced them (Python hashes what TypeScript looks up).
      const seen = phrasings.filter((q) => trained.has(`  ${q.text.toUpperCase()} `));
      expect(seen.length).toBeGreaterThan(phrasings.length / 2);
      expect(seen.length).toBeLessThan(phrasings.length);
      expect(HELD_OUT.filter(([text]) => trained.has(text))).toEqual([]);
      // The server's encoder (a worker thread) knows them too.
      const worker = await WorkerEncoder.load({ modelDir: out, variant: 'int8' });
      try {
        expect(worker.trainedOn.size).toBe(trained.size);
        expect(worker.trainedOn.has(seen[0]!.text)).toBe(true);
      } finally {
        await worker.dispose();
      }

      const calibrationQueries = [...phrasings, ...HELD_OUT.map(([text, faqId]) => ({ text, faqId }))];
      const trainedOnBy = async (modelDir: string) => {
        const dataDir = tempDir();
        const store = CatalogStore.open(join(dataDir, 'aisle.db'));
        ingestText(store, 'faq', JSON.stringify(FAQ), 'json');
        const encoder = await OnnxEncoder.load({ modelDir, variant: 'int8' });
        try {
          const { kb } = await openKnowledgeBase({ store, encoder, indexDir: join(dataDir, 'indexes'), calibrationQueries });
          return kb.faqCalibration.diagnostics;
        } finally {
          store.close();
          await encoder.dispose();
        }
      };
      const tuned = await trainedOnBy(out);
      expect(tuned.shopperQueriesTrainedOn).toBe(seen.length);
      // Too few phrasings were held out by the trainer to calibrate on alone: all are held out, and
      // the calibration owns up to the ones trained on.
      expect(tuned.heldOutPhrasings).toBe(phrasings.length);
      expect(tuned.heldOutPhrasingsTrainedOn).toBe(seen.length);
      const base = await trainedOnBy(requireModel());
      expect(base.shopperQueriesTrainedOn).toBe(0);
      expect(base.heldOutPhrasingsTrainedOn).toBe(0);

      // The list is checked like the weights: edited, the model is refused by name.
      const copy = join(tempDir(), 'model');
      cpSync(out, copy, { recursive: true });
      writeFileSync(join(copy, 'training-texts.json'), '{"sha256": []}\n');
      await expect(OnnxEncoder.load({ modelDir: copy, variant: 'int8' })).rejects.toThrow(/training-texts\.json/);
    });
  });

  describe('domain-adaptive pre-training on unlabelled shopper messages, then few-shot', () => {
    const dir = tempDir();
    const adapted = join(dir, 'adapted');
    const again = join(dir, 'again');
    const messagesFile = join(ROOT, 'test/fixtures/shopper-messages.txt');
    const messages = readFileSync(messagesFile, 'utf8').trim().split('\n');
    let first: { stdout: string; manifest: any };
    let second: { stdout: string; manifest: any };

    beforeAll(async () => {
      requireModel();
      writeFileSync(join(dir, 'faq.json'), JSON.stringify(FAQ));
      const common = ['--faq', join(dir, 'faq.json'), '--unlabeled', messagesFile, '--batch', '16', '--device', 'cpu', '--max-steps', '2'];
      // 40 messages make one adaptation batch: --adapt-epochs is the number of steps.
      const one = await finetune([...common, '--out', adapted, '--adapt-epochs', '4', '--pseudo-labels', '0.5']);
      first = { stdout: one.stdout, manifest: JSON.parse(readFileSync(join(adapted, 'manifest.json'), 'utf8')) };
      const two = await finetune([...common, '--base', adapted, '--out', again, '--adapt-epochs', '1']);
      second = { stdout: two.stdout, manifest: JSON.parse(readFileSync(join(again, 'manifest.json'), 'utf8')) };
    }, 900_000);

    it('adapts first, then trains on the phrasings, and records each stage: data hash, counts, steps, losses, held-out figures', () => {
      expect(first.stdout).toMatch(/adapting first on 40 unlabelled messages \(file 40\)/);
      const { training } = first.manifest;
      expect(training.unlabeled).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), messages: 40, counts: { file: 40 } });
      expect(training.adaptation).toMatchObject({
        messages: 40,
        steps: 4,
        batch: 40,
        mlmWeight: 0.1,
        mlmHead: 'new',
        headWarmup: { steps: 4, firstLoss: expect.any(Number), lastLoss: expect.any(Number) },
        loss: { first: { simcse: expect.any(Number), mlm: expect.any(Number) }, last: { simcse: expect.any(Number), mlm: expect.any(Number) } },
        before: { top1: expect.any(Number) },
        after: { top1: expect.any(Number) },
      });
      // Then the supervised stage, as without adaptation.
      expect(training).toMatchObject({ steps: 2, data: { counts: { faq: 72 } }, parameters: { adaptEpochs: 4, mlmWeight: 0.1, pseudoLabels: 0.5 } });
      expect(first.manifest.files['mlm-head.safetensors']).toMatch(/^[0-9a-f]{64}$/);
    });

    it('counts pseudo-labelled messages apart, and records them as trained on so calibration leaves them out', () => {
      const { pseudoLabels, trainedTexts } = first.manifest.training;
      expect(pseudoLabels).toMatchObject({ threshold: 0.5, margin: 0.1, rows: expect.any(Number) });
      expect(pseudoLabels.rows).toBeGreaterThan(0);
      const trained = readTrainedTexts(adapted);
      expect(trained.size).toBe(trainedTexts);
      expect(messages.filter((text) => trained.has(text))).toHaveLength(pseudoLabels.rows);
    });

    it('continues the MLM head it saved when the adapted model is adapted again', () => {
      const { adaptation } = second.manifest.training;
      expect(adaptation.mlmHead).toBe('mlm-head.safetensors');
      expect(adaptation.headWarmup.steps).toBe(0);
      // A new head starts near chance (ln of the vocabulary, about 10); the continued one where the first run left it.
      expect(first.manifest.training.adaptation.headWarmup.firstLoss).toBeGreaterThan(8);
      expect(adaptation.loss.first.mlm).toBeLessThan(first.manifest.training.adaptation.headWarmup.firstLoss - 1);
      expect(second.manifest.base.modelId).toBe('aisle/adapted');
    });
  });

  describe('click-through cross-encoder', () => {
    const dataDir = tempDir();
    const out = join(dataDir, 'ctr');
    let clicks = 0;
    const config = {
      dataDir,
      databasePath: join(dataDir, 'aisle.db'),
      indexDir: join(dataDir, 'indexes'),
      modelDir: requireModel(),
      encoder: { variant: 'int8' as const, device: 'cpu' as const, threads: 0, maxSequenceLength: 256 },
      demoShop: false,
      decision: {},
    };

    beforeAll(async () => {
      const products = smallDemoProducts();
      const store = CatalogStore.open(join(dataDir, 'aisle.db'));
      ingestText(store, 'faq', JSON.stringify(demoFaq), 'json');
      ingestText(store, 'products', JSON.stringify(products), 'json');
      store.close();
      const shop = await openShop(config);
      const known = new Set(products.map((p) => p.id));
      const requests = readFileSync(join(ROOT, 'demo/eval/product-requests.tune.jsonl'), 'utf8').trim().split('\n')
        .map((line) => JSON.parse(line) as { text: string; expected: string[] })
        .map((r) => ({ text: r.text, expected: r.expected.filter((id) => known.has(id)) }))
        .filter((r) => r.expected.length > 0);
      try {
        clicks = (await writeSyntheticClickLog(shop, requests, { sessions: 80, seed: 3 })).clicks;
      } finally {
        shop.store.close();
        await shop.current().encoder.dispose();
      }
      await finetune(['--ctr', '--from-data', '--out', out, '--max-steps', '6', '--batch', '16', '--device', 'cpu'], { DATA_DIR: dataDir });
    }, 600_000);

    it('trains on logged impressions and clicks, and scores candidates from TypeScript', async () => {
      expect(clicks).toBeGreaterThan(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        kind: 'cross-encoder',
        training: { task: 'ctr', steps: 6, data: { counts: { clicks: expect.any(Number), impressions: expect.any(Number) } } },
        parity: { fp32: { passed: true }, int8: { passed: true } },
      });
      // The held-out figures are measured on the held-out impressions, before and after training alike,
      // and those hold both clicks and ignored products (an AUC needs both).
      const { before, after, heldOutImpressions, trainImpressions } = manifest.training;
      expect(heldOutImpressions).toBeGreaterThan(0);
      expect(trainImpressions + heldOutImpressions).toBe(manifest.training.data.counts.impressions);
      for (const figures of [before, after]) {
        expect(figures.n).toBe(heldOutImpressions);
        expect(figures.clicks).toBe(before.clicks);
        expect(figures.log_loss).toBeGreaterThan(0);
      }
      expect(before.clicks).toBeGreaterThan(0);
      expect(before.clicks).toBeLessThan(before.n);
      const ctr = await OnnxCrossEncoder.load({ modelDir: out });
      try {
        const scores = await ctr.score('blue running shoes', ['Velora trail running shoe. Shoes. colour: blue', 'Cast iron skillet. Kitchen.']);
        expect(scores).toHaveLength(2);
        // Each pair is scored on its own: a scorer that answered one number for every pair would fail here.
        expect(Math.abs(scores[0]! - scores[1]!)).toBeGreaterThan(1e-6);
      } finally {
        await ctr.dispose();
      }
      // A cross-encoder cannot serve as the bot's sentence encoder, and says so.
      await expect(OnnxEncoder.load({ modelDir: out })).rejects.toThrow(/is a click cross-encoder/);
    });

    it('teaches the click model: its score is a feature of each candidate online, and measured offline on logged lists', async () => {
      const ctr = await OnnxCrossEncoder.load({ modelDir: out });
      const shop = await openShop(config);
      const random = mulberry32(5);
      try {
        const { kb, encoder } = shop.current();
        const ranking = ShopRanking.open(shop.store, { teacher: ctr, explore: 0.8, random });
        const query = 'running shoes';
        const [vector] = await encoder.embed([query]);
        const hits = kb.searchProducts({ vector: vector!, tokens: lexicalTokens(query) }, { k: 6 });
        expect(hits.length).toBeGreaterThan(2);
        const turn = ranking.forTurn(kb, newSession(), 'teacher-test');
        const { ranking: slate } = turn.present(await turn.rank(hits, query));
        // Each candidate's feature is the teacher's own click probability, as the gap to the best one's.
        const scores = await ctr.score(query, slate.items.map((item) => productText(kb.product(item.productId)!)));
        slate.items.forEach((item, i) => expect(item.features.teacher, item.productId).toBeCloseTo(scores[i]! - Math.max(...scores), 5));
        // Without the query (no teacher asked), no such feature.
        const plain = ranking.forTurn(kb, newSession(), 'teacher-test-2');
        expect(plain.present(await plain.rank(hits)).ranking.items.every((item) => item.features.teacher === undefined)).toBe(true);

        // Lists logged as a shop logs them (most shuffled, to explore), each with the shopper clicking
        // its teacher's favourite when shown first; then the offline evaluation scores them with the teacher.
        const requests = ['running shoes', 'warm jacket', 'water bottle', 'yoga mat', 'headphones', 'tent'];
        for (let n = 0; n < 60; n++) {
          const text = requests[n % requests.length]!;
          const [v] = await encoder.embed([text]);
          const found = kb.searchProducts({ vector: v!, tokens: lexicalTokens(text) }, { k: 4 });
          const session = newSession();
          const shopper = ranking.forTurn(kb, session, `logged-${n}`);
          const shown = shopper.present(await shopper.rank(found, text));
          ranking.shown(session, `logged-${n}`, text, shown.ranking);
          const favourite = shown.ranking.items.find((item) => item.features.teacher === 0)!;
          if (favourite.position === 1) shop.store.recordEvent({ conversationId: `logged-${n}`, name: 'product.click', productId: favourite.productId, query: text });
        }
        const json = join(dataDir, 'ranking.json');
        expect(await evaluateRanking({ dataDir, json, teacher: ctr })).toBe(0);
        const report = JSON.parse(readFileSync(json, 'utf8'));
        expect(report.teacher).toBe(ctr.modelId);
        expect(report.clicksPerList.teacherOrder.lists).toBe(report.heldOut);
        // The teacher's order puts its favourite first, where it was clicked whenever shown: it earns every
        // click the search's order earns, and those of favourites the search did not rank first.
        expect(report.clicks).toBeGreaterThan(0);
        expect(report.clicksPerList.teacherOrder.value).toBeGreaterThan(report.clicksPerList.searchOrder.value);
        expect(report.clicksPerList.learntRankerWithTeacher.lists).toBe(report.heldOut);
      } finally {
        shop.store.close();
        await shop.current().encoder.dispose();
        await ctr.dispose();
      }
    }, 300_000);
  });
});
