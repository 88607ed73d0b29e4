'use strict';
// What a hostile or careless caller passes: every wrong type at every position, objects whose
// valueOf/toString would run code, out-of-range and non-finite numbers, the addon loaded in worker
// threads and the main thread at once, huge and empty inputs, lifecycle misuse, and loops over the
// error paths. Every token is checked against node:crypto.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const pkg = process.env.PAVE_TOKEN_PACKAGE || path.join(__dirname, '..');
const pave = require(pkg);
const reference = (u, k, t, s) => crypto.createHmac('sha256', Buffer.from(s))
  .update(Buffer.concat([Buffer.from(u), Buffer.from(':'), Buffer.from(k), Buffer.from('@'), Buffer.from(t)])).digest('hex');
const status = (n) => (e) => e instanceof pave.PaveError && e.status === n;

test('every wrong type at every position is a TypeError, and no hook runs', () => {
  let hooked = 0;
  const hook = { valueOf() { hooked++; return 0; }, toString() { hooked++; return 'u'; } };
  const wrong = [undefined, null, 1, 1n, true, {}, [], hook, new ArrayBuffer(4), new Uint16Array(2), new Int8Array(2),
    new Uint8ClampedArray(2), new DataView(new ArrayBuffer(2)), new String('u'), Symbol('s'), () => 'u'];
  for (const bad of wrong) {
    for (let i = 0; i < 4; i++) {
      const args = ['u', 'k', 't', 's'];
      args[i] = bad;
      assert.throws(() => pave.token(...args), TypeError, `token position ${i}`);
      assert.throws(() => pave.verify(...args, '00'), TypeError);
    }
    assert.throws(() => new pave.Signer('u', 'k', 's').token(bad), TypeError);
    assert.throws(() => pave.parseTimestamp(bad), TypeError);
  }
  for (let i = 0; i < 5; i++) {
    for (const bad of wrong.filter((w) => w !== undefined && w !== null)) {
      const args = ['u', 'k', 't', 's', '00'];
      args[i] = bad;
      assert.throws(() => pave.verifyFresh(...args, 0, 300), TypeError, `verifyFresh position ${i}`);
    }
  }
  for (const bad of ['1', hook, 1n, {}]) {
    assert.throws(() => pave.tokenNow('u', 'k', 's', bad), TypeError);
    assert.throws(() => pave.timestamp(bad), TypeError);
    assert.throws(() => pave.verifyFresh('u', 'k', 't', 's', '00', bad), TypeError);
    assert.throws(() => pave.verifyFresh('u', 'k', 't', 's', '00', 0, bad), TypeError);
  }
  assert.strictEqual(hooked, 0);
});

test('verifyFresh: a clock or skew out of range or not an integer is INVALID_ARGUMENT, before any MAC', () => {
  const tok = reference('u', 'k', '2021-05-30T12:49:19Z', 's');
  for (const [now, skew] of [[NaN, 300], [Infinity, 300], [-Infinity, 300], [0.5, 300], [2 ** 63, 300],
    [-(2 ** 64), 300], [0, -1], [0, 2 ** 32], [0, NaN], [0, 1.5], [0, Infinity]]) {
    assert.throws(() => pave.verifyFresh('u', 'k', '2021-05-30T12:49:19Z', 's', tok, now, skew), status(4), `${now} ${skew}`);
    assert.throws(() => pave.verifyFresh('u', 'k', 't', 's', '00', now, skew), status(4), `${now} ${skew}`);
  }
  assert.throws(() => pave.verifyFresh('', 'k', 't', 's', '00', 0), status(2));
  assert.throws(() => pave.verifyFresh('u', 'k', 't', 's', '', 0), status(7));
});

test('numbers out of range or not integers are errors, never truncated', () => {
  for (const f of [NaN, Infinity, -Infinity, 2 ** 64, -1, 3, 1.5, -0.5]) {
    assert.throws(() => pave.tokenNow('u', 'k', 's', f), status(4), String(f));
    assert.throws(() => new pave.Signer('u', 'k', 's').tokenNow(f), status(4));
  }
  for (const unix of [NaN, Infinity, 2 ** 53, -(2 ** 60), 0.5, 253402300800]) {
    assert.throws(() => pave.timestamp(unix), status(5), String(unix));
  }
  for (const millis of [NaN, -1, 1000, 2 ** 32, 0.5]) {
    assert.throws(() => pave.timestamp(0, pave.TimeFormat.RFC3339_MILLIS, millis), status(4), String(millis));
  }
});

test('strings, Buffers and Uint8Arrays are their bytes; lone surrogates as V8 encodes them', () => {
  const want = reference('u', 'k', 't', 's');
  const views = [(x) => x, Buffer.from, (x) => new Uint8Array(Buffer.from(x)),
    (x) => new Uint8Array(Buffer.from(`xx${x}yy`)).subarray(2, 2 + x.length)];
  for (const make of views) assert.strictEqual(pave.token(make('u'), make('k'), make('t'), make('s')), want);
  assert.strictEqual(pave.token('\ud800', 'k', 't', 's'), reference(Buffer.from('\ud800'), 'k', 't', 's'));
});

test('every length around the addon\'s 256-byte stack copy, with multi-byte characters at its edge', () => {
  for (const tail of ['', 'é', '€', '😀', '\ud800', '\udfff']) {
    for (let n = 240; n <= 262; n++) {
      const text = 'x'.repeat(n) + tail;
      assert.strictEqual(pave.token(text, text, text, text), reference(text, text, text, text), `${n}+${tail.length}`);
      assert.strictEqual(pave.token(Buffer.from(text), 'k', 't', 's'), reference(text, 'k', 't', 's'));
    }
  }
});

test('a Uint8Array over a SharedArrayBuffer or a detached buffer is its bytes at the call', () => {
  const shared = new Uint8Array(new SharedArrayBuffer(300)).fill(0x61);
  assert.strictEqual(pave.token(shared, shared, shared, shared), reference(Buffer.from(shared), shared, shared, shared));
  const detached = new Uint8Array(16).fill(0x62);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  assert.strictEqual(detached.byteLength, 0);
  assert.throws(() => pave.token(detached, 'k', 't', 's'), status(2));
  assert.throws(() => new pave.Signer('u', 'k', 's').token(detached), status(2));
});

test('huge and empty inputs', () => {
  const big = crypto.randomBytes(64 << 20);
  assert.strictEqual(pave.token(big, 'k', 't', big), reference(big, 'k', 't', big));
  assert.strictEqual(new pave.Signer('u', 'k', big).token(big), reference('u', 'k', big, big));
  for (let i = 0; i < 4; i++) {
    const args = ['u', 'k', 't', 's'];
    args[i] = i % 2 ? Buffer.alloc(0) : '';
    assert.throws(() => pave.token(...args), status(2));
  }
});

test('a signer: no call without new, no forged handle, close twice, no use after close', () => {
  assert.throws(() => pave.Signer('u', 'k', 's'), TypeError);
  assert.strictEqual(Object.getPrototypeOf(pave.Signer), Function.prototype);
  const signer = new pave.Signer('u', 'k', 's');
  assert.strictEqual(signer.token('t'), reference('u', 'k', 't', 's'));
  assert.deepStrictEqual(Object.keys(signer), []);
  signer.close();
  signer.close();
  assert.throws(() => signer.token('t'), /closed/);
  assert.throws(() => signer.tokenNow(), /closed/);
  assert.throws(() => pave.Signer.prototype.token.call({}, 't'), TypeError);
  const root = path.dirname(require.resolve(pkg));
  const addon = ['build', `prebuilds/${process.platform}-${process.arch}`].map((d) => path.join(root, d, 'pave_token.node'))
    .find((f) => require('node:fs').existsSync(f));
  const native = require(addon);
  for (const forged of [{}, null, 1, 'x']) assert.throws(() => native.signerToken(forged, 't'));
  const copy = structuredClone(new pave.Signer('u', 'k', 's'));
  assert.ok(!(copy instanceof pave.Signer));
  assert.throws(() => pave.Signer.prototype.token.call(copy, 't'), TypeError);
});

// Each worker loads the addon, signs, and makes bad calls; so does the main thread, after and while.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const pave = require(workerData.pkg);
let bad = 0;
for (let i = 0; i < 2000; i++) {
  const t = String(1600000000 + i);
  if (new pave.Signer('acme', 'key', 'secret').token(t) !== pave.token('acme', 'key', t, 'secret')) bad++;
  try { pave.token('', 'k', 't', 's'); bad++; } catch (e) { if (!(e instanceof pave.PaveError) || e.status !== 2) bad++; }
  try { pave.token(1, 'k', 't', 's'); bad++; } catch (e) { if (!(e instanceof TypeError)) bad++; }
}
parentPort.postMessage({ bad, sample: pave.token('acme', 'key', '1600000000', 'secret') });
`;

test('worker threads and the main thread each get their own errors and classes', async () => {
  const run = () => new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { pkg } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) {
      assert.strictEqual(r.bad, 0);
      assert.strictEqual(r.sample, reference('acme', 'key', '1600000000', 'secret'));
    }
    assert.throws(() => pave.token('', 'k', 't', 's'), (e) => e instanceof pave.PaveError && e.status === 2);
    assert.throws(() => pave.tokenNow('u', 'k', 's', 7), (e) => e instanceof pave.PaveError && e.status === 4);
    assert.throws(() => pave.token(1, 'k', 't', 's'), TypeError);
  }
});

test('error paths do not leak', () => {
  const payload = Buffer.alloc(1 << 20);
  const signer = new pave.Signer('u', 'k', 's');
  const calls = [() => pave.tokenNow(payload, payload, payload, 9), () => pave.token(payload, payload, '', payload),
    () => pave.verify(payload, 'k', 't', '', payload), () => pave.parseTimestamp(payload), () => signer.token(''),
    () => new pave.Signer(payload, payload, ''), () => pave.token(payload, payload, 1, payload),
    () => pave.verifyFresh(payload, 'k', 't', payload, payload, 0), () => pave.verifyFresh(payload, 'k', 't', payload, '0', 0.5)];
  const loop = () => { for (let i = 0; i < 300; i++) for (const call of calls) assert.throws(call); };
  loop();
  if (global.gc) global.gc();
  const before = process.memoryUsage().rss;
  loop();
  if (global.gc) global.gc();
  const grown = (process.memoryUsage().rss - before) / (1 << 20);
  assert.ok(grown < 64, `${grown.toFixed(1)} MiB more after 2,700 failing calls with 1 MiB inputs`);
});
