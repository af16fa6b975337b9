/**
 * Switches a running bot to another model without interrupting shoppers: the new
 * encoder is loaded and the indexes are built with it in the background (into a staging
 * folder, with progress), then the shop's snapshot is replaced in one assignment. Turns
 * already running finish on the old model, which is freed once the last one is done.
 * Any failure before the swap leaves the old model serving and its index files as they
 * were. The choice is recorded in DATA_DIR/active-model.json for the next start.
 *
 *   const switcher = new ModelSwitcher(shop, config);
 *   switcher.start('models/aisle-ft-20261129');  // -> { state: 'loading', ... }
 *   await switcher.settled();                     // -> { state: 'done', serving: 'aisle/...@int8' }
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelSwitchState, ModelSwitchStatus, SwitchOperation } from './api-types.js';

export type { ModelSwitchState, ModelSwitchStatus, SwitchOperation };
import { availableParallelism } from 'node:os';
import { encoderDirProblem, WorkerEncoder } from '../nlu/index.js';
import { readActiveModel, writeActiveModel } from './active-model.js';
import { IndexSnapshots } from './index-snapshots.js';
import { HttpError } from './http-errors.js';
import type { Shop } from './shop.js';
import { knowledgeBaseFor, loadSnapshot, type ShopConfig } from './startup.js';

/**
 * Intra-op threads for the encoder that builds a switch's indexes: one fewer than the serving
 * encoder runs on (EMBED_THREADS, or every core), at least one. Undefined on a GPU, where the
 * serving encoder builds them itself.
 */
export function buildThreads(encoder: ShopConfig['encoder'], cores = availableParallelism()): number | undefined {
  if (encoder.device === 'cuda') return undefined;
  return Math.max(1, (encoder.threads > 0 ? encoder.threads : cores) - 1);
}

/** Longest wait for turns still running on the old model before it is freed anyway. */
const DRAIN_TIMEOUT_MS = 60_000;

export class ModelSwitcher {
  private status: Omit<ModelSwitchStatus, 'serving'> = { state: 'idle' };
  private running: Promise<void> = Promise.resolve();
  /** The model directory serving now: a reindex rebuilds with it, a swap snapshots the indexes built with it. */
  private servingDir: string;
  readonly snapshots: IndexSnapshots;

  constructor(
    private readonly shop: Shop,
    private readonly config: ShopConfig,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.servingDir = resolve(readActiveModel(config.dataDir)?.modelDir ?? config.modelDir);
    this.snapshots = new IndexSnapshots(config.dataDir);
  }

  /** Rebuilds every index from the store with the serving model, in the background, and swaps them in whole. */
  reindex(): ModelSwitchStatus {
    return this.start(this.servingDir, { operation: 'reindex' });
  }

  /**
   * Serves a snapshot's indexes (the newest when `id` is absent) and its model again. Indexes the
   * catalog has changed since are rebuilt from the store with that model.
   */
  rollback(id?: string): ModelSwitchStatus {
    const snapshot = id === undefined ? this.snapshots.list()[0] : this.snapshots.get(id);
    if (!snapshot) throw new HttpError(404, 'NotFound', id === undefined ? 'no index snapshot to roll back to yet: one is kept at each reindex, model switch or rollback' : `no index snapshot "${id}"`);
    return this.start(snapshot.modelDir, { operation: 'rollback', seedFrom: snapshot.id });
  }

  current(): ModelSwitchStatus {
    return { ...this.status, serving: this.shop.current().encoder.modelId };
  }

  /** True while a switch is loading, indexing or draining. */
  busy(): boolean {
    return ['loading', 'indexing', 'draining'].includes(this.status.state);
  }

  /**
   * Starts switching to the model in `modelDir` and returns at once. Throws an HttpError
   * (400) for a directory that is not a usable model, (409) while another switch runs.
   */
  start(modelDir: string, options: { operation?: SwitchOperation; seedFrom?: string } = {}): ModelSwitchStatus {
    const target = resolve(modelDir);
    const operation = options.operation ?? 'switch';
    if (this.busy()) throw new HttpError(409, 'Conflict', `a ${this.status.operation ?? 'switch'} to ${this.status.target} is already running (${this.status.state})`);
    const problem = encoderDirProblem(target);
    if (problem) throw new HttpError(400, 'BadArgument', `modelDir: ${problem}`);
    const startedAt = new Date();
    this.status = { state: 'loading', operation, target, ...(options.seedFrom ? { snapshot: options.seedFrom } : {}), startedAt: startedAt.toISOString() };
    this.log(`model switch: ${operation} with ${target}`);
    this.running = this.run(target, startedAt, operation, options.seedFrom).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`model switch: failed, still serving ${this.shop.current().encoder.modelId}: ${message}`);
      this.finish('failed', startedAt, { error: message });
    });
    return this.current();
  }

  /** Resolves when the switch in progress (if any) has finished, with how it ended. */
  async settled(): Promise<ModelSwitchStatus> {
    await this.running;
    return this.current();
  }

  private async run(target: string, startedAt: Date, operation: SwitchOperation, seedFrom: string | undefined): Promise<void> {
    const staging = `${this.config.indexDir}.next`;
    rmSync(staging, { recursive: true, force: true });
    // A rollback starts from the snapshot's files: those still current for the store are loaded, not rebuilt.
    if (seedFrom) this.snapshots.copyTo(seedFrom, staging);
    const stagingConfig = { ...this.config, modelDir: target, indexDir: staging };
    const onIndexProgress = (progress: NonNullable<ModelSwitchStatus['progress']>) => {
      this.status = { ...this.status, state: 'indexing', progress };
    };
    // The indexes are built by an encoder of their own that leaves a core to the serving one: with
    // both on every core, shoppers' turns queued behind index batches (turn p99 331 ms against 48 ms
    // during a reindex on 2 cores). The model that will serve is then loaded with the full thread
    // count and finds every index current.
    const threads = buildThreads(this.config.encoder);
    if (threads !== undefined) {
      const builder = await WorkerEncoder.load({ modelDir: target, ...this.config.encoder, threads });
      try {
        await knowledgeBaseFor(this.shop.store, builder, stagingConfig, { onIndexProgress });
      } finally {
        await builder.dispose();
      }
    }
    const next = await loadSnapshot(this.shop.store, stagingConfig, { log: (message) => this.log(`model switch: ${message}`), onIndexProgress });
    try {
      // The new files replace the old ones only now that everything built; the old ones are kept as a snapshot.
      const kept = this.snapshots.keep(this.config.indexDir, { modelDir: this.servingDir, modelId: this.shop.current().encoder.modelId, reason: operation });
      if (kept) this.log(`model switch: the indexes served until now are kept as snapshot ${kept.id}`);
      mkdirSync(this.config.indexDir, { recursive: true });
      for (const file of readdirSync(staging)) renameSync(join(staging, file), join(this.config.indexDir, file));
      rmSync(staging, { recursive: true, force: true });
      writeActiveModel(this.config.dataDir, target);
    } catch (error) {
      await next.encoder.dispose();
      throw error;
    }
    const previous = this.shop.replace(next);
    this.servingDir = target;
    this.status = { ...this.status, state: 'draining' };
    this.log(`model switch: now serving ${next.encoder.modelId}; ${this.shop.inFlightOn(previous)} turns finishing on ${previous.encoder.modelId}`);
    const drained = await Promise.race([
      this.shop.drain(previous).then(() => true),
      new Promise<boolean>((resolveTimeout) => setTimeout(() => resolveTimeout(false), DRAIN_TIMEOUT_MS).unref()),
    ]);
    if (!drained) this.log(`model switch: turns still running on the old model after ${DRAIN_TIMEOUT_MS / 1000} s; freeing it anyway`);
    await previous.encoder.dispose();
    this.finish('done', startedAt, {});
    this.log(`model switch: done in ${this.status.seconds} s`);
  }

  private finish(state: 'done' | 'failed', startedAt: Date, extra: Pick<ModelSwitchStatus, 'error'>): void {
    const finished = new Date();
    const { progress, ...rest } = this.status;
    this.status = {
      ...rest,
      ...(state === 'failed' && progress ? { progress } : {}),
      ...extra,
      state,
      finishedAt: finished.toISOString(),
      seconds: Math.round((finished.getTime() - startedAt.getTime()) / 100) / 10,
    };
    if (state === 'failed') rmSync(`${this.config.indexDir}.next`, { recursive: true, force: true });
  }
}
