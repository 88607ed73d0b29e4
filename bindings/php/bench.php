<?php
// hash_hmac vs the pave_token extension vs FFI, same inputs, one run.
// usage (from the top): make bench   or   make -C bindings/php bench
require_once __DIR__ . '/ffi/PaveToken/Ffi.php';
require_once __DIR__ . '/ffi/PaveToken/FfiSigner.php';

$u = 'acme_motors';
$k = '0123456789abcdef0123456789abcdef';
$t = '2026-11-29T21:33:57Z';
$s = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
$n = (int)(getenv('BENCH_N') ?: 200000);

$ffi = PaveToken\Ffi::load();
$signer = new Pave\Signer($u, $k, $s);
$ffiSigner = $ffi->signer($u, $k, $s);
$want = hash_hmac('sha256', "$u:$k@$t", $s);
$cases = [
    'hash_hmac' => fn () => hash_hmac('sha256', "$u:$k@$t", $s),
    'extension pave_token()' => fn () => pave_token($u, $k, $t, $s),
    'extension Pave\Signer::token()' => fn () => $signer->token($t),
    'FFI Ffi::token()' => fn () => $ffi->token($u, $k, $t, $s),
    'FFI FfiSigner::token()' => fn () => $ffiSigner->token($t),
];
$best = [];
foreach ($cases as $name => $f) {
    if ($f() !== $want) {
        exit("$name computes a different token\n");
    }
}
for ($round = 0; $round < 5; $round++) {
    foreach ($cases as $name => $f) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $f();
        }
        $ns = (hrtime(true) - $start) / $n;
        $best[$name] = min($best[$name] ?? INF, $ns);
    }
}
// The closure call costs the same for every row; it is measured and subtracted.
$empty = fn () => null;
$start = hrtime(true);
for ($i = 0; $i < $n; $i++) {
    $empty();
}
$overhead = (hrtime(true) - $start) / $n;
printf("PHP %s, %d calls x 5 rounds, best round, closure overhead %.0f ns subtracted\n", PHP_VERSION, $n, $overhead);
printf("| %-32s | %8s | %12s |\n|%s|%s|%s|\n", 'call', 'ns/token', 'vs hash_hmac', str_repeat('-', 34), str_repeat('-', 10), str_repeat('-', 14));
$base = $best['hash_hmac'] - $overhead;
foreach ($best as $name => $ns) {
    printf("| %-32s | %8.0f | %11.2fx |\n", $name, $ns - $overhead, ($ns - $overhead) / $base);
}
