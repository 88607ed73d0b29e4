'use strict';
// The addon against Node's crypto.createHmac, same inputs, one run.
const crypto = require('node:crypto');
const pave = require('.');

const [U, K, T] = ['acme_motors', '0123456789abcdef0123456789abcdef', '2026-11-29T21:33:57Z'];
const S = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
const signer = new pave.Signer(U, K, S);
const cases = {
  'crypto.createHmac': () => crypto.createHmac('sha256', S).update(`${U}:${K}@${T}`).digest('hex'),
  'pave.token()': () => pave.token(U, K, T, S),
  'Signer.token()': () => signer.token(T),
};
if (new Set(Object.values(cases).map((f) => f())).size !== 1) throw new Error('tokens differ');
const n = 200000;
const best = {};
for (let round = 0; round < 5; round++) {
  for (const [name, f] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    const ns = Number(process.hrtime.bigint() - start) / n;
    best[name] = Math.min(best[name] ?? Infinity, ns);
  }
}
console.log('| call | ns/token | vs createHmac |\n|---|---|---|');
for (const [name, ns] of Object.entries(best)) {
  console.log(`| ${name} | ${ns.toFixed(0)} | ${(ns / best['crypto.createHmac']).toFixed(2)}x |`);
}
signer.close();
