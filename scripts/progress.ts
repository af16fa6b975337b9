/** A terminal progress bar for long steps (indexing, evaluation), plain lines when not a TTY. */
import cliProgress from 'cli-progress';

export interface ProgressBar {
  /** `detail` (a loss, a rate) is shown beside the label but does not start a new bar or line. */
  update(done: number, total: number, label: string, detail?: string): void;
  stop(): void;
}

export function progressBar(): ProgressBar {
  if (!process.stdout.isTTY) {
    let last = '';
    return {
      update(done, total, label, detail) {
        const step = Math.floor((done / Math.max(total, 1)) * 20);
        const key = `${label}:${step}`;
        if (key !== last) {
          last = key;
          console.log(`${label}: ${done}/${total}${detail ? ` (${detail})` : ''}`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{label} [{bar}] {percentage}% | {value}/{total} | eta {eta}s {detail}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  return {
    update(done, total, label) {
      if (!started || label !== current) {
        if (started) bar.stop();
        bar.start(total, done, { label });
        started = true;
        current = label;
      }
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
