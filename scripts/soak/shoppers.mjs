// Shoppers for `npm run soak`, run as their own process so their HTTP client work does not share
// the server's event loop or its memory figures. `conversations` shoppers at once, each paced like
// a person (reads, thinks, types), each visit a handful of turns (messages, and events on the
// products shown) before the shopper leaves and a new one arrives. Bounded by `minutes`; sends only
// to the loopback URL it is given.
//
//   node scripts/soak/shoppers.mjs '{"base":"http://127.0.0.1:PORT/v3/directline","conversations":50,"minutes":30,...}'
//   -> one JSON line per turn: {"at": ms since start, "ms": latency, "ok": true, "kind": "faq"}
const { base, conversations, minutes, thinkMs, turnsPerVisit, queries, seed: firstSeed = 7 } = JSON.parse(process.argv[2]);
if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) throw new Error(`soak shoppers: refusing non-loopback target ${base}`);
const start = Date.now();
const deadline = start + minutes * 60_000;
let seed = firstSeed;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, deadline - Date.now()))));
const emit = (turn) => process.stdout.write(`${JSON.stringify({ at: Date.now() - start, ...turn })}\n`);

async function visit(shopper) {
  const startedResponse = await fetch(`${base}/conversations`, { method: 'POST' });
  if (startedResponse.status !== 201) {
    emit({ ms: 0, ok: false, kind: `start ${startedResponse.status}` });
    return;
  }
  const started = await startedResponse.json();
  const headers = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
  const url = `${base}/conversations/${started.conversationId}/activities`;
  let watermark = 0;
  let shown = [];
  const turns = turnsPerVisit[0] + Math.floor(random() * (turnsPerVisit[1] - turnsPerVisit[0] + 1));
  for (let t = 0; t < turns && Date.now() < deadline; t++) {
    // Now and then a shopper opens a product the bot showed, or puts it in the cart, as the page sends.
    const browse = shown.length > 0 && random() < 0.3;
    const activity = browse
      ? { type: 'event', name: random() < 0.7 ? 'product.view' : 'cart.add', value: { productId: shown[Math.floor(random() * shown.length)] } }
      : { type: 'message', text: queries[Math.floor(random() * queries.length)] };
    const begin = performance.now();
    let ok = false;
    let kind = 'none';
    try {
      const post = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ ...activity, from: { id: `soak-${shopper}` } }) });
      await post.arrayBuffer();
      const got = await (await fetch(`${url}?watermark=${watermark}`, { headers })).json();
      watermark = Number(got.watermark);
      const reply = got.activities.find((a) => a.from?.role === 'bot' && a.type === 'message');
      kind = browse ? activity.name : (reply?.channelData?.aisle?.kind ?? 'none');
      ok = post.ok && (browse || reply !== undefined);
      const products = reply?.channelData?.aisle?.products;
      if (Array.isArray(products) && products.length) shown = products.map((p) => p.id).filter(Boolean);
    } catch (error) {
      kind = `error ${error?.cause?.code ?? error?.message ?? error}`;
    }
    emit({ ms: performance.now() - begin, ok, kind });
    await sleep(thinkMs[0] + random() * (thinkMs[1] - thinkMs[0]));
  }
}

async function shopper(n) {
  // Staggered arrivals, as shoppers do not all come at the same instant.
  await sleep(random() * thinkMs[1]);
  while (Date.now() < deadline) await visit(n);
}

await Promise.all(Array.from({ length: conversations }, (_, n) => shopper(n)));
