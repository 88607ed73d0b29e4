// The installed package, through import.
import { token, verify } from 'pave-token';
const want = '891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e';
const args = ['acme_motors', '0123456789abcdef0123456789abcdef', '2026-11-29T21:33:57Z',
  'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210'];
const got = token(...args);
if (got !== want || !verify(...args, got.toUpperCase())) { console.error(`wrong: ${got}`); process.exit(1); }
console.log(`esm ok ${got}`);
