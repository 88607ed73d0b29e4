// A TypeScript user of the installed npm package, checked with `tsc --strict`.
import pave, { token, tokenNow, verify, Signer, TimeFormat, PaveError, type PaveHeaders } from 'pave-token';

const t: string = token('acme_motors', '0123456789abcdef0123456789abcdef', '2026-11-29T21:33:57Z', new Uint8Array([1, 2, 3]));
const now = tokenNow('u', 'k', 's', TimeFormat.RFC3339_MILLIS);
const ok: boolean = verify('u', 'k', now.timestamp, 's', now.token);
const signer = new Signer('u', 'k', 's');
const headers: PaveHeaders = signer.signHeaders();
signer.close();
try {
  token('', 'k', 't', 's');
} catch (e) {
  if (e instanceof PaveError) console.log(e.status);
}
console.log(t.length, ok, headers['API-Token'].length, pave.version());
