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
import type { IndexProgress } from '../catalog/index.js';
import { encoderDirProblem } from '../nlu/index.js';
import { writeActiveModel } from './active-model.js';
import { HttpError } from './http-errors.js';
import type { Shop } from './shop.js';
import { loadSnapshot, type ShopConfig } from './startup.js';

export type ModelSwitchState = 'idle' | 'loading' | 'indexing' | 'draining' | 'done' | 'failed';

export interface ModelSwitchStatus {
  state: ModelSwitchState;
  /** The model answering turns now. */
  serving: string;
  /** The model being switched to (or last switched to). */
  target?: string;
  progress?: IndexProgress;
  error?: string;
  startedAt?: string;
  finishedAt?: string;
  seconds?: number;
}

/** Longest wait for turns still running on the old model before it is freed anyway. */
const DRAIN_TIMEOUT_MS = 60_000;

export class ModelSwitcher {
  private status: Omit<ModelSwitchStatus, 'serving'> = { state: 'idle' };
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly shop: Shop,
    private readonly config: ShopConfig,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

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
  start(modelDir: string): ModelSwitchStatus {
    const target = resolve(modelDir);
    if (this.busy()) throw new HttpError(409, 'Conflict', `a switch to ${this.status.target} is already running (${this.status.state})`);
    const problem = encoderDirProblem(target);
    if (problem) throw new HttpError(400, 'BadArgument', `modelDir: ${problem}`);
    const startedAt = new Date();
    this.status = { state: 'loading', target, startedAt: startedAt.toISOString() };
    this.log(`model switch: loading ${target}`);
    this.running = this.run(target, startedAt).catch((error: unknown) => {
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

  private async run(target: string, startedAt: Date): Promise<void> {
    const staging = `${this.config.indexDir}.next`;
    rmSync(staging, { recursive: true, force: true });
    const next = await loadSnapshot(this.shop.store, { ...this.config, modelDir: target, indexDir: staging }, {
      log: (message) => this.log(`model switch: ${message}`),
      onIndexProgress: (progress) => {
        this.status = { ...this.status, state: 'indexing', progress };
      },
    });
    try {
      // The new files replace the old ones only now that everything built.
      mkdirSync(this.config.indexDir, { recursive: true });
      for (const file of readdirSync(staging)) renameSync(join(staging, file), join(this.config.indexDir, file));
      rmSync(staging, { recursive: true, force: true });
      writeActiveModel(this.config.dataDir, target);
    } catch (error) {
      await next.encoder.dispose();
      throw error;
    }
    const previous = this.shop.replace(next);
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
