/**
 * Runs a model-toolchain script in its virtual environment. The trainer's stdout is one
 * JSON event per line (progress, metrics, done), handed to `onEvent`; everything else
 * (stderr, non-JSON lines) goes to the terminal as it comes, so errors are never hidden.
 *
 *   const done = await runPython(python, ['scripts/model/finetune.py', ...], { onEvent });
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface TrainerEvent {
  event: 'progress' | 'metrics' | 'done';
  [key: string]: unknown;
}

export interface RunPythonOptions {
  cwd?: string;
  onEvent?: (event: TrainerEvent) => void;
  /** Lines that are not events (a child's plain stdout). Default: printed to stderr. */
  onLine?: (line: string) => void;
}

/** Resolves with the last `done` event (if any); rejects when the process fails, with its exit code. */
export function runPython(python: string, args: readonly string[], options: RunPythonOptions = {}): Promise<TrainerEvent | undefined> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    let done: TrainerEvent | undefined;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const event = parseEvent(line);
      if (!event) {
        (options.onLine ?? ((text: string) => process.stderr.write(`${text}\n`)))(line);
        return;
      }
      if (event.event === 'done') done = event;
      options.onEvent?.(event);
    });
    child.on('error', (error) => reject(new Error(`${python}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      lines.close();
      if (code === 0) resolvePromise(done);
      else reject(new Error(`${args[0]} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

function parseEvent(line: string): TrainerEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as TrainerEvent;
    return typeof value.event === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
