--TEST--
pave_token_verify_fresh over the shared freshness vectors (Python decided each answer), the reason in $status, and bad arguments
--EXTENSIONS--
pave_token
--FILE--
<?php
require __DIR__ . '/vectors.inc';

$answers = ['ok' => 0, 'token_mismatch' => PAVE_ERR_TOKEN_MISMATCH,
    'invalid_timestamp' => PAVE_ERR_INVALID_TIMESTAMP, 'timestamp_skew' => PAVE_ERR_TIMESTAMP_SKEW];
$bad = 0;
$seen = [];
foreach (pave_vector_rows('fresh.tsv') as $i => [$u, $k, $t, $s, $tok, $now, $skew, $expect]) {
    $status = -1;
    $ok = pave_token_verify_fresh(hex2bin($u), hex2bin($k), hex2bin($t), hex2bin($s), $tok, (int)$now, (int)$skew,
        $status);
    $seen[$expect] = ($seen[$expect] ?? 0) + 1;
    if ($ok !== ($expect === 'ok') || $status !== $answers[$expect]) {
        $bad++;
        echo "row $i: ", var_export($ok, true), " $status, want $expect\n";
    }
}
var_dump($bad, count($seen), min($seen) >= 100);

// The default clock: a token signed now is fresh, one signed 301 s ago is not.
$u = 'acme_motors'; $k = '0123456789abcdef0123456789abcdef'; $s = 'secret';
$now = pave_timestamp();
var_dump(pave_token_verify_fresh($u, $k, $now, $s, pave_token($u, $k, $now, $s)));
$old = pave_timestamp(time() - 301);
var_dump(pave_token_verify_fresh($u, $k, $old, $s, pave_token($u, $k, $old, $s), null, 300, $status), $status);
// Without $status, and a wrong token with a malformed timestamp: the MAC decides first.
var_dump(pave_token_verify_fresh($u, $k, 'yesterday', $s, str_repeat('0', 64), 0, 300, $status), $status);

foreach ([[-1], [4294967296], [PHP_INT_MIN]] as [$skew]) {
    try {
        pave_token_verify_fresh($u, $k, $now, $s, 'x', 0, $skew);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    pave_token_verify_fresh('', $k, $now, $s, 'x');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    pave_token_verify_fresh($u, $k, $now, $s, 'x', 'soon');
} catch (TypeError $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
int(0)
int(4)
bool(true)
bool(true)
bool(false)
int(8)
bool(false)
int(7)
pave_token_verify_fresh(): Argument #7 ($max_skew) must be between 0 and 4294967295
pave_token_verify_fresh(): Argument #7 ($max_skew) must be between 0 and 4294967295
pave_token_verify_fresh(): Argument #7 ($max_skew) must be between 0 and 4294967295
pave_token_verify_fresh(): Argument #1 ($username) must not be empty
TypeError
