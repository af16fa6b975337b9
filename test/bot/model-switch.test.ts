/**
 * Live model switch on the real server: a stream of shopper turns keeps flowing while
 * the bot loads another model and rebuilds its indexes, and none fails or comes back
 * empty. A broken model leaves the old one serving, and the index files untouched.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActiveModel } from '../../bot/active-model.js';
import { buildThreads } from '../../bot/model-switch.js';
import { openShop } from '../../bot/startup.js';
import { ADMIN_TOKEN, DirectLineClient, MODEL_DIR, ROOT, startTestServer, tempDir, type TestServer } from '../helpers.js';

const run = promisify(execFile);

/**
 * A second, different model: the same network with its fp32 weights in the int8 slot.
 * Its files (and so its hash) differ, so every index has to be rebuilt for it.
 */
function secondModel(): string {
  const dir = join(tempDir('aisle-model-'), 'swapped');
  cpSync(MODEL_DIR, dir, { recursive: true, filter: (source) => !source.endsWith('model_quantized.onnx') });
  copyFileSync(join(MODEL_DIR, 'onnx/model.onnx'), join(dir, 'onnx/model_quantized.onnx'));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, modelId: 'test/swapped', files: {} }));
  return dir;
}

function brokenModel(): string {
  const dir = join(tempDir('aisle-model-'), 'broken');
  cpSync(MODEL_DIR, dir, { recursive: true, filter: (source) => !source.includes('onnx') || source.endsWith('/onnx') });
  writeFileSync(join(dir, 'onnx/model.onnx'), 'not an onnx file');
  writeFileSync(join(dir, 'onnx/model_quantized.onnx'), 'not an onnx file');
  return dir;
}

const admin = (server: TestServer, method: string, body?: unknown, token = ADMIN_TOKEN) =>
  fetch(`${server.url}/api/admin/model`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

const QUESTIONS = ['how do I return something?', 'a warm jacket under $100', 'is shipping free?', 'blue running shoes', 'can I change my order?', 'wireless headphones'];

describe('live model switch', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('refuses bad requests with reasons: no token, no directory, not a model', async () => {
    expect((await admin(server, 'POST', { modelDir: MODEL_DIR }, 'wrong-token-xyz')).status).toBe(401);
    const missing = await admin(server, 'POST', {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/modelDir/);
    const nowhere = await admin(server, 'POST', { modelDir: '/no/such/model' });
    expect(nowhere.status).toBe(400);
    expect((await nowhere.json()).error.message).toMatch(/no directory \/no\/such\/model/);
    expect((await (await admin(server, 'GET')).json()).state).toBe('idle');
  });

  it('switches while shoppers chat: no turn fails or is empty, and later turns run on the new model', async () => {
    const target = secondModel();
    const before = (await (await fetch(`${server.url}/readyz`)).json()).model;
    const clients = await Promise.all([0, 1, 2].map(() => new DirectLineClient(server.url).start()));
    const replies: { text: string; empty: boolean; error: boolean; model: string }[] = [];
    let switching = true;
    const chat = async (client: DirectLineClient, offset: number) => {
      for (let turn = 0; switching || turn < 2; turn++) {
        const text = QUESTIONS[(turn + offset) % QUESTIONS.length]!;
        const got = await client.say(text);
        const model = (await (await fetch(`${server.url}/readyz`)).json()).model;
        replies.push({
          text,
          empty: got.length === 0 || got.every((a) => !a.text && !(a.attachments?.length > 0)),
          error: got.some((a) => /something went wrong/i.test(a.text ?? '')),
          model,
        });
      }
    };
    const streams = clients.map((client, i) => chat(client, i));
    // A turn that is still running when the swap happens, and needs the model after it.
    let release!: () => void;
    const gate = new Promise<void>((resolveGate) => (release = resolveGate));
    const held = server.shop.use(async (snapshot) => {
      await gate;
      return snapshot.encoder.embed(['a turn that started on the old model']);
    });
    const started = await admin(server, 'POST', { modelDir: target });
    expect(started.status).toBe(202);
    expect((await started.json()).state).toBe('loading');
    const busy = await admin(server, 'POST', { modelDir: target });
    expect(busy.status).toBe(409);
    let status: any;
    const deadline = Date.now() + 180_000;
    let heldWhileDraining = false;
    do {
      await new Promise((r) => setTimeout(r, 250));
      status = await (await admin(server, 'GET')).json();
      if (status.state === 'draining' && !heldWhileDraining) {
        // The old model waits for that turn: still draining a while later, then freed once it ends.
        await new Promise((r) => setTimeout(r, 500));
        heldWhileDraining = (await (await admin(server, 'GET')).json()).state === 'draining';
        release();
      }
    } while (['loading', 'indexing', 'draining'].includes(status.state) && Date.now() < deadline);
    switching = false;
    await Promise.all(streams);

    expect(status).toMatchObject({ state: 'done', serving: 'test/swapped@int8', target });
    expect(heldWhileDraining).toBe(true);
    expect((await held)[0]!.length).toBe(384);
    expect(replies.filter((r) => r.empty || r.error)).toEqual([]);
    expect(replies.filter((r) => r.model === before).length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.model === 'test/swapped@int8').length).toBeGreaterThanOrEqual(clients.length * 2);
    // The index files on disk now belong to the new model, and a restart would load it.
    const manifest = JSON.parse(readFileSync(join(server.config.indexDir, 'faq.manifest.json'), 'utf8'));
    expect(manifest.modelId).toBe('test/swapped@int8');
    expect(readActiveModel(server.dataDir)?.modelDir).toBe(target);
    expect(existsSync(`${server.config.indexDir}.next`)).toBe(false);
    // A restart serves the switched-to model from the indexes the switch left on disk.
    const log: string[] = [];
    const restarted = await openShop(server.config, { log: (m) => log.push(m) });
    try {
      expect(restarted.current().encoder.modelId).toBe('test/swapped@int8');
      expect(log.some((m) => m.includes(`using ${target}`))).toBe(true);
      expect(log.some((m) => m.includes('(loaded from disk)'))).toBe(true);
    } finally {
      restarted.store.close();
      await restarted.current().encoder.dispose();
    }
  }, 240_000);

  it('model:use records the choice for the next start when no bot is running, and refuses a directory that is not a model', async () => {
    const dataDir = tempDir();
    const env = { ...process.env, DATA_DIR: dataDir, ADMIN_TOKEN };
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((resolveListen) => probe.once('listening', resolveListen));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolveClose) => probe.close(resolveClose));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/model-use.ts', MODEL_DIR, '--url', `http://127.0.0.1:${port}`], { cwd: ROOT, env });
    expect(stdout).toMatch(/no bot is running/);
    expect(readActiveModel(dataDir)?.modelDir).toBe(MODEL_DIR);
    const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/model-use.ts', dataDir], { cwd: ROOT, env }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a complete model: missing config.json/);
  });

  it('keeps serving the old model, and its index files, when the new one fails to load', async () => {
    const serving = (await (await admin(server, 'GET')).json()).serving;
    const manifestBefore = readFileSync(join(server.config.indexDir, 'products.manifest.json'), 'utf8');
    expect((await admin(server, 'POST', { modelDir: brokenModel() })).status).toBe(202);
    const status = await server.aisle.modelSwitcher()!.settled();
    expect(status.state).toBe('failed');
    expect(status.error).toBeTruthy();
    expect(status.serving).toBe(serving);
    expect(readFileSync(join(server.config.indexDir, 'products.manifest.json'), 'utf8')).toBe(manifestBefore);
    const client = await new DirectLineClient(server.url).start();
    const [reply] = await client.say('how do I return something?');
    expect(reply.channelData.aisle.kind).toBe('faq');
  }, 60_000);
});

describe('the encoder that builds a switch’s indexes', () => {
  const cpu = { variant: 'int8' as const, device: 'cpu' as const, threads: 0, maxSequenceLength: 256 };
  it('leaves one of the serving encoder’s threads to shoppers, never going below one', () => {
    expect(buildThreads(cpu, 2)).toBe(1);
    expect(buildThreads(cpu, 16)).toBe(15);
    expect(buildThreads(cpu, 1)).toBe(1);
    expect(buildThreads({ ...cpu, threads: 4 }, 16)).toBe(3);
  });
  it('is not separate on a GPU', () => {
    expect(buildThreads({ ...cpu, device: 'cuda' }, 16)).toBeUndefined();
  });
});
