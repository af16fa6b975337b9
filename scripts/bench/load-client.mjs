// Load generator for `npm run bench` (turns), run as its own process so that its HTTP
// client work does not share the server's event loop. Bounded: at most `turns` turns per
// conversation and `maxSeconds` in all; sends only to the loopback URL it is given.
//
//   node scripts/bench/load-client.mjs '{"base":"http://127.0.0.1:PORT/v3/directline","concurrency":20,...}'
//   -> one JSON line: { latencies: [...], kinds: {...}, errors, seconds }
const options = JSON.parse(process.argv[2]);
const { base, concurrency, turns, maxSeconds, thinkMs, queries } = options;
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) throw new Error(`load-client: refusing non-loopback target ${base}`);
const deadline = Date.now() + maxSeconds * 1000;
const latencies = [];
const kinds = {};
let errors = 0;
let next = 0;
let seed = 12345;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function conversation(c, count, record, think = thinkMs) {
  const started = await (await fetch(`${base}/conversations`, { method: 'POST' })).json();
  const headers = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
  let watermark = 0;
  // Staggered starts, as shoppers do not all press Enter at the same instant.
  if (think && record) await sleep(random() * think[1]);
  for (let t = 0; t < count && Date.now() < deadline; t++) {
    const text = queries[(next++ * 7 + c) % queries.length];
    const begin = performance.now();
    const post = await fetch(`${base}/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text, from: { id: `bench-${c}` } }),
    });
    const got = await (await fetch(`${base}/conversations/${started.conversationId}/activities?watermark=${watermark}`, { headers })).json();
    const elapsed = performance.now() - begin;
    watermark = Number(got.watermark);
    const reply = got.activities.find((a) => a.from.role === 'bot');
    if (record) {
      latencies.push(elapsed);
      if (!post.ok || !reply) errors++;
      const kind = reply?.channelData?.aisle?.kind ?? 'none';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    if (think) await sleep(think[0] + random() * (think[1] - think[0]));
  }
}

await conversation(-1, 20, false, null); // warm-up, not recorded, no pauses (null: undefined would take the default)
const begin = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, c) => conversation(c, turns, true)));
process.stdout.write(`${JSON.stringify({ latencies, kinds, errors, seconds: (performance.now() - begin) / 1000 })}\n`);
