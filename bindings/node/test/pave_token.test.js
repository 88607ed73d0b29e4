'use strict';
// node --test: shared vectors, crypto.createHmac cross-checks, error paths,
// the signer, and one signed request to the local PAVE-like endpoint.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { spawn } = require('node:child_process');
// PAVE_TOKEN_PACKAGE: test an installed package (make package test) instead of this folder.
const pave = require(process.env.PAVE_TOKEN_PACKAGE || '..');

const TOP = process.env.PAVE_TOP || path.join(__dirname, '..', '..', '..');
const rows = (name) => fs.readFileSync(path.join(TOP, 'tests', 'vectors', name), 'ascii')
  .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const reference = (u, k, t, s) => crypto.createHmac('sha256', s)
  .update(Buffer.concat([Buffer.from(u), Buffer.from(':'), Buffer.from(k), Buffer.from('@'), Buffer.from(t)])).digest('hex');

// The header's #define constants, evaluated: the one source of truth.
function headerDefines() {
  const file = process.env.PAVE_TOKEN_HEADER || path.join(TOP, 'include', 'pave_token.h');
  const defines = {};
  for (const line of fs.readFileSync(file, 'ascii').split('\n')) {
    const m = /^#define (PAVE_\w+) (.+)$/.exec(line.trim());
    if (!m) continue;
    let expr = m[2];
    for (const [name, value] of Object.entries(defines)) expr = expr.split(name).join(String(value));
    if (/^[\d\s()+]+$/.test(expr)) defines[m[1]] = expr.split(/[\s()+]+/).filter(Boolean).reduce((a, b) => a + Number(b), 0);
  }
  return defines;
}

test('sizes, statuses and formats match the C header', () => {
  const h = headerDefines();
  assert.strictEqual(pave.constants.TOKEN_SIZE, h.PAVE_TOKEN_SIZE);
  assert.strictEqual(h.PAVE_TOKEN_SIZE, h.PAVE_TOKEN_LEN + 1);
  assert.strictEqual(pave.constants.TIMESTAMP_SIZE, h.PAVE_TIMESTAMP_SIZE);
  for (const [name, value] of Object.entries(pave.constants.Status)) {
    assert.strictEqual(value, h[name === 'OK' ? 'PAVE_OK' : `PAVE_ERR_${name}`], name);
  }
  for (const [name, value] of Object.entries(pave.TimeFormat)) assert.strictEqual(value, h[`PAVE_TIME_${name}`], name);
});

test('every token vector', () => {
  const vectors = rows('tokens.tsv');
  assert.ok(vectors.length >= 500);
  for (const r of vectors) {
    const [u, k, t, s] = r.slice(0, 4).map((h) => Buffer.from(h, 'hex'));
    assert.strictEqual(pave.token(u, k, t, s), r[4]);
    const signer = new pave.Signer(u, k, s);
    assert.strictEqual(signer.token(t), r[4]);
    signer.close();
    assert.ok(pave.verify(u, k, t, s, r[4].toUpperCase()));
    assert.ok(!pave.verify(u, k, Buffer.concat([t, Buffer.from('0')]), s, r[4]));
  }
});

test('timestamp and parse vectors', () => {
  const formats = [pave.TimeFormat.RFC3339, pave.TimeFormat.UNIX, pave.TimeFormat.RFC3339_MILLIS];
  for (const [unix, millis, ...texts] of rows('timestamps.tsv')) {
    formats.forEach((f, i) => {
      assert.strictEqual(pave.timestamp(Number(unix), f, Number(millis)), texts[i]);
      assert.strictEqual(pave.parseTimestamp(texts[i]), Number(unix));
    });
  }
  for (const [hex, want] of rows('parse.tsv')) {
    const input = Buffer.from(hex, 'hex');
    if (want === 'invalid') {
      assert.throws(() => pave.parseTimestamp(input), (e) => e instanceof pave.PaveError && e.status === 5);
    } else {
      assert.strictEqual(pave.parseTimestamp(input), Number(want));
    }
  }
});

test('random inputs against crypto.createHmac', () => {
  for (let i = 0; i < 3000; i++) {
    const [u, k, t, s] = [0, 1, 2, 3].map(() => crypto.randomBytes(1 + crypto.randomInt(200)));
    assert.strictEqual(pave.token(u, k, t, s), reference(u, k, t, s));
  }
  assert.strictEqual(pave.token('jürgen', 'ключ', 't', '秘密'), reference('jürgen', 'ключ', 't', '秘密'));
});

test('errors carry the status', () => {
  const status = (n) => (e) => e instanceof pave.PaveError && e.status === n && e.message.length > 0;
  assert.throws(() => pave.token('', 'k', 't', 's'), status(2));
  assert.throws(() => pave.token('u', 'k', 't', ''), status(2));
  assert.throws(() => pave.tokenNow('u', 'k', 's', 3), status(4));
  assert.throws(() => pave.tokenNow('u', 'k', 's', -1), status(4));
  assert.throws(() => pave.timestamp(0, 9), status(4));
  assert.throws(() => pave.timestamp(0, 2, 1000), status(4));
  assert.throws(() => pave.timestamp(253402300800), status(5));
  assert.throws(() => pave.parseTimestamp('yesterday'), status(5));
  assert.throws(() => pave.verify('u', 'k', 't', '', '00'), status(2));
  assert.throws(() => new pave.Signer('u', 'k', ''), status(2));
  assert.throws(() => pave.token(1, 'k', 't', 's'), TypeError);
  const good = pave.token('u', 'k', 't', 's');
  for (const bad of [good.slice(0, 63), good + '0', good.slice(0, 63) + 'g', '']) {
    assert.strictEqual(pave.verify('u', 'k', 't', 's', bad), false);
  }
  const signer = new pave.Signer('u', 'k', 's');
  signer.close();
  signer.close();
  assert.throws(() => signer.token('t'), /closed/);
});

// verifyFresh over the shared freshness vectors (Python decided each answer), and at its limits.
test('verifyFresh: true, or PaveError with the reason', () => {
  const want = { token_mismatch: 7, invalid_timestamp: 5, timestamp_skew: 8 };
  const outcome = (...args) => {
    try {
      assert.strictEqual(pave.verifyFresh(...args), true);
      return 'ok';
    } catch (e) {
      if (!(e instanceof pave.PaveError)) throw e;
      return Object.keys(want).find((k) => want[k] === e.status) || e.status;
    }
  };
  const seen = {};
  let inexact = 0;
  for (const r of rows('fresh.tsv')) {
    const [u, k, t, s] = r.slice(0, 4).map((h) => Buffer.from(h, 'hex'));
    if (BigInt(Number(r[5])) !== BigInt(r[5])) { // 2^63 - 1: no number is that integer
      inexact++;
      assert.strictEqual(outcome(u, k, t, s, r[4], Number(r[5]), Number(r[6])), 4);
      continue;
    }
    assert.strictEqual(outcome(u, k, t, s, r[4], Number(r[5]), Number(r[6])), r[7], r.join(' '));
    seen[r[7]] = (seen[r[7]] || 0) + 1;
  }
  assert.deepStrictEqual(Object.keys(seen).sort(), ['invalid_timestamp', 'ok', 'timestamp_skew', 'token_mismatch']);
  for (const n of Object.values(seen)) assert.ok(n >= 100, JSON.stringify(seen));
  assert.strictEqual(inexact, 1);

  const [u, k, t, s] = ['acme', '0123456789abcdef', '2021-05-30T12:49:19Z', 'secret'];
  const tok = reference(u, k, t, s);
  const signed = 1622378959;
  assert.strictEqual(pave.MAX_SKEW_SECONDS, 300);
  assert.strictEqual(outcome(u, k, t, s, tok, signed + 300), 'ok');
  assert.strictEqual(outcome(u, k, t, s, tok, signed - 301), 'timestamp_skew');
  assert.strictEqual(outcome(u, k, t, s, tok, signed + 3600, 3600), 'ok');
  assert.strictEqual(outcome(u, k, t, s, tok), 'timestamp_skew'); // the system clock: 2021 is stale
  assert.strictEqual(outcome(u, k, t, s, tok, null, null), 'timestamp_skew');
  const now = pave.tokenNow(u, k, s);
  assert.strictEqual(pave.verifyFresh(u, k, now.timestamp, s, now.token), true);
  assert.strictEqual(outcome(u, k, 'yesterday', s, tok, signed), 'token_mismatch'); // the MAC first
  assert.strictEqual(outcome(u, k, 'yesterday', s, reference(u, k, 'yesterday', s), signed), 'invalid_timestamp');
  assert.strictEqual(outcome(u, k, t, s, tok.toUpperCase(), Number.MAX_SAFE_INTEGER, 4294967295), 'timestamp_skew');
});

test('now-functions sign their own timestamp', () => {
  const signer = new pave.Signer('acme', 'key', 'secret');
  for (const [format, len] of [[0, 20], [1, 10], [2, 24]]) {
    for (const now of [pave.tokenNow('acme', 'key', 'secret', format), signer.tokenNow(format)]) {
      assert.strictEqual(now.timestamp.length, len);
      assert.strictEqual(now.token, reference('acme', 'key', now.timestamp, 'secret'));
      assert.ok(Math.abs(pave.parseTimestamp(now.timestamp) - Date.now() / 1000) <= 2);
    }
  }
  const h = signer.signHeaders();
  assert.strictEqual(h['API-Token'], reference('acme', 'key', h['API-Timestamp'], 'secret'));
  signer.close();
  assert.match(pave.version(), /^\d+\.\d+\.\d+$/);
});

test('a signed request to the local PAVE-like endpoint gets 200', async () => {
  const server = spawn('python3', [path.join(TOP, 'tests', 'e2e', 'pave_endpoint.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      server.stdout.once('data', (d) => resolve(String(d).match(/http:\/\/\S+/)[0]));
      server.once('error', reject);
    });
    const headers = pave.signHeaders('acme_motors', '0123456789abcdef0123456789abcdef',
      'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210');
    const { status, body } = await new Promise((resolve, reject) => {
      http.get(`${url}/v1/sessions`, { headers }, (res) => {
        let data = '';
        res.on('data', (c) => { data += c; });
        res.on('end', () => resolve({ status: res.statusCode, body: data }));
      }).on('error', reject);
    });
    assert.strictEqual(status, 200, body);
    assert.strictEqual(JSON.parse(body).username, 'acme_motors');
  } finally {
    server.kill();
  }
});
