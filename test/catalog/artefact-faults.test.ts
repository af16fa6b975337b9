/**
 * Fault suite for the artefacts Aisle saves beside a shop (issue 11): each index file, each
 * index manifest and the FAQ calibration is damaged in turn (truncated, bytes flipped in place,
 * garbage, a link to another file, missing, written before checksums) and the shop reopened on
 * the real model and real hnswlib. Every fault must end in a rebuild with a warning naming the
 * file and the reason, and the same results as before; never a crash, never wrong results.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogStore, ingestText, openKnowledgeBase, VectorIndex, type IndexName, type KnowledgeBase } from '../../catalog/index.js';
import { l2Normalize, lexicalTokens, type Encoder } from '../../nlu/index.js';
import { demoFaq, demoNeeds, loadEncoder, ROOT, smallDemoProducts, tempDir } from '../helpers.js';

/** Vectors are computed once per text: every rebuild here re-embeds the same texts. int8 runs each text alone, so a kept vector is the one a new run would give. */
function rememberingEncoder(inner: Encoder): Encoder {
  const known = new Map<string, Float32Array>();
  return {
    modelId: inner.modelId, modelHash: inner.modelHash, dimensions: inner.dimensions, maxBatchSize: inner.maxBatchSize, textsPerRun: inner.textsPerRun, trainedOn: inner.trainedOn,
    async embed(texts) {
      const missing = [...new Set(texts.filter((text) => !known.has(text)))];
      if (missing.length) (await inner.embed(missing)).forEach((vector, i) => known.set(missing[i]!, vector));
      return texts.map((text) => known.get(text)!);
    },
    dispose: () => inner.dispose(),
  };
}

/**
 * hnswlib's saved layout (hnswalg.h saveIndex): a 96-byte header, then one fixed-size record per
 * element: its level-0 links, then its vector at offsetData, then its label. Bytes flipped inside
 * a vector leave the file loadable by hnswlib (wrong vectors, wrong results), without the crash
 * that flipped links cause, which the child-process test below covers.
 */
function flipVectorBytes(path: string): void {
  const bytes = readFileSync(path);
  const count = Number(bytes.readBigUInt64LE(16));
  const perElement = Number(bytes.readBigUInt64LE(24));
  const offsetData = Number(bytes.readBigUInt64LE(40));
  const start = 96 + Math.floor(count / 2) * perElement + offsetData;
  for (let i = start; i < start + 64; i++) bytes[i]! ^= 0xff;
  writeFileSync(path, bytes);
}

describe('damaged index and calibration files are rebuilt, named, never trusted (real model, hnswlib)', () => {
  let encoder: Encoder;
  let store: CatalogStore;
  let pristine: string;
  let baseline: ReturnType<typeof results>;
  const queries = ['how do I return something?', 'a warm jacket for winter', 'something for a rainy afternoon with the kids', 'do you ship abroad'];
  const vectors = new Map<string, Float32Array>();

  /** What the shop answers from every index and the calibration: equal before and after a rebuild. */
  function results(kb: KnowledgeBase) {
    return {
      products: queries.map((text) => kb.searchProducts({ vector: vectors.get(text)!, tokens: [] }, { k: 8 }).map((hit) => [hit.product.id, hit.score])),
      // The products index's every vector, so that a flipped one is seen whichever it is.
      productVectors: kb.products().map((product) => Array.from(kb.productVector(product.id) ?? [])),
      faq: queries.map((text) => kb.searchFaq({ vector: vectors.get(text)!, tokens: lexicalTokens(text) }, 5).map((hit) => [hit.entry.id, hit.score])),
      needs: queries.map((text) => kb.categoriser!.classify(vectors.get(text)!).types.slice(0, 5).map((type) => [type.type, type.score])),
      calibration: kb.faqCalibration,
    };
  }

  /** Copies the sound indexes, damages them, reopens the shop; returns what it said while opening. */
  async function reopen(damage: (indexDir: string) => void, indexDir = join(tempDir(), 'indexes')) {
    rmSync(indexDir, { recursive: true, force: true });
    cpSync(pristine, indexDir, { recursive: true });
    damage(indexDir);
    return { ...(await open(indexDir)), indexDir };
  }

  async function open(indexDir: string) {
    const warnings: string[] = [];
    const spy = vi.spyOn(console, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    try {
      const { kb, rebuilt } = await openKnowledgeBase({ store, encoder, indexDir });
      // Only what the checks say: the needs file names a few types this smaller shop lacks, also a warning.
      return { kb, rebuilt, warnings: warnings.filter((w) => /rebuilding|calibrating/.test(w)) };
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    encoder = rememberingEncoder(await loadEncoder('int8'));
    const dir = tempDir();
    store = CatalogStore.open(join(dir, 'aisle.db'));
    ingestText(store, 'faq', JSON.stringify(demoFaq), 'json');
    ingestText(store, 'products', JSON.stringify(smallDemoProducts()), 'json');
    ingestText(store, 'needs', JSON.stringify(demoNeeds), 'json');
    for (const text of queries) vectors.set(text, (await encoder.embed([text]))[0]!);
    pristine = join(dir, 'indexes');
    const opened = await openKnowledgeBase({ store, encoder, indexDir: pristine });
    expect(opened.rebuilt).toEqual(['faq', 'products', 'answers', 'needs']);
    baseline = results(opened.kb);
    const again = await open(pristine);
    expect([again.rebuilt, again.warnings]).toEqual([[], []]);
  }, 240_000);
  afterAll(async () => {
    store?.close();
    await encoder?.dispose();
  });

  const names: IndexName[] = ['products', 'faq', 'answers', 'needs'];
  const other = (name: IndexName) => (name === 'products' ? 'faq' : 'products');
  const faults: [string, (dir: string, name: IndexName) => void, (dir: string, name: IndexName) => RegExp][] = [
    ['bytes flipped in place (same size)', (dir, name) => flipVectorBytes(join(dir, `${name}.hnsw`)), (dir, name) => fileSays(dir, `${name}.hnsw`, 'sha256 [0-9a-f]{12}… differs from the [0-9a-f]{12}… recorded')],
    ['truncated', (dir, name) => truncateSync(join(dir, `${name}.hnsw`), Math.floor(readFileSync(join(dir, `${name}.hnsw`)).length / 2)), (dir, name) => fileSays(dir, `${name}.hnsw`, 'sha256 .* differs')],
    ['missing', (dir, name) => rmSync(join(dir, `${name}.hnsw`)), (dir, name) => fileSays(dir, `${name}.hnsw`, 'missing')],
    ['a garbage manifest', (dir, name) => writeFileSync(join(dir, `${name}.manifest.json`), '\u0000\u0001garbage{'), (dir, name) => fileSays(dir, `${name}.manifest.json`, 'is not valid JSON')],
    ['a manifest of the wrong shape', (dir, name) => writeFileSync(join(dir, `${name}.manifest.json`), JSON.stringify({ formatVersion: 2, name, count: 'many' })), (dir, name) => fileSays(dir, `${name}.manifest.json`, 'is not an index manifest')],
    // Another index's manifest, whole and valid: only a check of the link itself catches it.
    ['the manifest replaced by a link to another file', (dir, name) => {
      rmSync(join(dir, `${name}.manifest.json`));
      symlinkSync(join(dir, `${other(name)}.manifest.json`), join(dir, `${name}.manifest.json`));
    }, (dir, name) => fileSays(dir, `${name}.manifest.json`, 'is a symbolic link')],
    ['a manifest written before checksums (upgrade)', (dir, name) => {
      const { sha256: _, ...old } = JSON.parse(readFileSync(join(dir, `${name}.manifest.json`), 'utf8'));
      writeFileSync(join(dir, `${name}.manifest.json`), JSON.stringify(old));
    }, (dir, name) => fileSays(dir, `${name}.manifest.json`, `records no checksum of ${name}.hnsw`)],
  ];

  for (const name of names) {
    it.each(faults)(`${name} index: %s -> rebuilt, named, same results`, async (_, damage, says) => {
      const { kb, rebuilt, warnings, indexDir } = await reopen((dir) => damage(dir, name));
      expect(rebuilt).toEqual([name]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^catalog: rebuilding the ${name} index: `));
      expect(warnings[0]).toMatch(says(indexDir, name));
      expect(results(kb)).toEqual(baseline);
      // The rebuilt files are sound (a link was replaced by a file): the next start reuses them quietly.
      const next = await open(indexDir);
      expect([next.rebuilt, next.warnings]).toEqual([[], []]);
    }, 60_000);
  }

  const calibration = (dir: string) => join(dir, 'faq.calibration.json');
  const calibrationFaults: [string, (dir: string) => void, string][] = [
    // A digit of the threshold changed, the JSON still valid: only the checksum sees it.
    ['a digit changed in place (same size, still JSON)', (dir) => {
      const text = readFileSync(calibration(dir), 'utf8');
      writeFileSync(calibration(dir), text.replace(/("answerThreshold": 0\.)(\d)/, (_, head, digit) => `${head}${(Number(digit) + 5) % 10}`));
    }, 'its content differs from the sha256 recorded'],
    ['truncated', (dir) => truncateSync(calibration(dir), 100), 'is not valid JSON'],
    ['garbage', (dir) => writeFileSync(calibration(dir), 'garbage'), 'is not valid JSON'],
    ['replaced by a link to another file', (dir) => {
      rmSync(calibration(dir));
      symlinkSync(join(dir, 'products.manifest.json'), calibration(dir));
    }, 'is a symbolic link'],
    ['written before checksums (upgrade)', (dir) => {
      const { sha256: _, ...old } = JSON.parse(readFileSync(calibration(dir), 'utf8'));
      writeFileSync(calibration(dir), JSON.stringify(old));
    }, 'records no checksum'],
  ];

  it.each(calibrationFaults)('FAQ calibration: %s -> calibrated again, named, same calibration', async (_, damage, reason) => {
    const { kb, rebuilt, warnings, indexDir } = await reopen(damage);
    expect(rebuilt).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^catalog: calibrating the FAQ again: /);
    expect(warnings[0]).toMatch(fileSays(indexDir, 'faq.calibration.json', reason));
    expect(kb.faqCalibration).toEqual(baseline.calibration);
    const next = await open(indexDir);
    expect([next.rebuilt, next.warnings]).toEqual([[], []]);
  }, 60_000);
});

function fileSays(dir: string, file: string, reason: string): RegExp {
  return new RegExp(`${escape(join(dir, file))}: ${reason}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a products.hnsw with its links damaged in place', () => {
  it('is refused by name before hnswlib reads it (unchecked, it loaded, then crashed the process with SIGSEGV)', async () => {
    const dir = tempDir();
    let state = 1;
    const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296) * 2 - 1;
    const index = VectorIndex.create({ dimensions: 384, capacity: 1200 });
    for (let label = 0; label < 1200; label++) index.add(label, l2Normalize(Float32Array.from({ length: 384 }, random)));
    index.save(dir, { name: 'products', modelId: 'm@int8', modelHash: 'm', sourceHash: 's' });
    // Offset 200 is inside the first element's level-0 link list: neighbour ids become garbage.
    const path = join(dir, 'products.hnsw');
    const bytes = readFileSync(path);
    for (let i = 200; i < 264; i++) bytes[i]! ^= 0xff;
    writeFileSync(path, bytes);
    // In a child process, so that a regression crashes it, not the test runner.
    const script = `
      import { VectorIndex } from './catalog/vector-index.ts';
      try {
        const { index } = VectorIndex.load(process.argv[1], 'products');
        for (let label = 0; label < 50; label++) index.search(index.vectorOf(label), 5);
        console.log(JSON.stringify({ loaded: true }));
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, message: error.message }));
      }`;
    const outcome = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: ROOT }).then(
      ({ stdout }) => ({ exit: 0, signal: null, out: JSON.parse(stdout.trim().split('\n').pop()!) }),
      (error: { code?: number; signal?: string; stdout?: string }) => ({ exit: error.code, signal: error.signal, out: error.stdout }),
    );
    expect(outcome).toEqual({ exit: 0, signal: null, out: { name: 'ArtefactError', message: expect.stringMatching(/products\.hnsw: sha256 .* differs from the .* recorded when it was written/) } });
  }, 60_000);
});
