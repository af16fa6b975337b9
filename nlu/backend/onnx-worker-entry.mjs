// Entry of the encoder worker thread. The project runs TypeScript through tsx, whose
// loader a worker does not inherit, so the worker registers it before loading its code.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./onnx-worker.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('./onnx-worker.js', import.meta.url).href);
}
