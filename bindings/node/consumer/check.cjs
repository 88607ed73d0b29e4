// The installed package, through require().
const pave = require('pave-token');
const want = '891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e';
const got = pave.token('acme_motors', '0123456789abcdef0123456789abcdef', '2026-11-29T21:33:57Z',
  'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210');
if (got !== want) { console.error(`wrong: ${got}`); process.exit(1); }
console.log(`cjs ok ${got}`);
