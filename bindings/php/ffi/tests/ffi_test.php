<?php
// Tests of the FFI binding over the shared vectors and the error paths.
// usage: PAVE_TOKEN_LIB=/path/libpave_token.so.0 php -d ffi.enable=1 ffi_test.php
declare(strict_types=1);

require __DIR__ . '/../../ext/tests/vectors.inc';
require_once __DIR__ . '/../PaveToken/Ffi.php';
require_once __DIR__ . '/../PaveToken/FfiSigner.php';

use PaveToken\Ffi;

$passed = $failed = 0;
function check(bool $ok, string $what): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAIL: $what\n");
    }
}
function throws(callable $f, string $class, ?int $code = null): bool
{
    try {
        $f();
    } catch (Throwable $e) {
        return $e instanceof $class && ($code === null || $e->getCode() === $code);
    }
    return false;
}

$pave = Ffi::load();

$vectors = pave_token_vectors();
check(count($vectors) >= 500, 'at least 500 vectors');
foreach ($vectors as $i => [$u, $k, $t, $s, $want]) {
    check($pave->token($u, $k, $t, $s) === $want, "token vector $i");
    check(hash_hmac('sha256', "$u:$k@$t", $s) === $want, "hash_hmac vector $i");
    check($pave->signer($u, $k, $s)->token($t) === $want, "signer vector $i");
    check($pave->verify($u, $k, $t, $s, strtoupper($want)), "verify vector $i");
    check(!$pave->verify($u, $k, $t . '0', $s, $want), "verify mismatch vector $i");
}

// The class constants written down by hand agree with the header (through
// the FFI header generated from it and checked against it).
preg_match_all('/^\s+(PAVE_\w+) = (\d+),$/m', file_get_contents(__DIR__ . '/../pave_token_ffi.h'), $m);
$header = array_combine($m[1], array_map('intval', $m[2]));
check(count($header) >= 15, 'the FFI header defines the constants');
foreach (['RFC3339', 'UNIX', 'RFC3339_MILLIS'] as $name) {
    check(constant(Ffi::class . "::TIME_$name") === $header["PAVE_TIME_$name"], "Ffi::TIME_$name is the header's");
}

$formats = [Ffi::TIME_RFC3339, Ffi::TIME_UNIX, Ffi::TIME_RFC3339_MILLIS];
foreach (pave_vector_rows('timestamps.tsv') as [$unix, $millis, $a, $b, $c]) {
    foreach ([$a, $b, $c] as $i => $want) {
        check($pave->timestamp((int)$unix, $formats[$i], (int)$millis) === $want, "timestamp $unix $i");
        check($pave->parseTimestamp($want) === (int)$unix, "parse $want");
    }
}
foreach (pave_vector_rows('parse.tsv') as [$hex, $want]) {
    $in = hex2bin($hex);
    if ($want === 'invalid') {
        check(throws(fn () => $pave->parseTimestamp($in), ValueError::class, 5), 'invalid parse ' . json_encode($in));
    } else {
        check($pave->parseTimestamp($in) === (int)$want, 'parse ' . json_encode($in));
    }
}

// Error paths: ValueError carrying the library's status.
check(throws(fn () => $pave->token('', 'k', 't', 's'), ValueError::class, 2), 'empty username');
check(throws(fn () => $pave->token('u', 'k', 't', ''), ValueError::class, 2), 'empty secret');
check(throws(fn () => $pave->tokenNow('u', 'k', 's', 3), ValueError::class, 4), 'bad format');
check(throws(fn () => $pave->tokenNow('u', 'k', 's', -1), ValueError::class), 'negative format');
check(throws(fn () => $pave->tokenNow('u', 'k', 's', 1 << 32), ValueError::class), 'format wraps');
check(throws(fn () => $pave->timestamp(0, 0, 1000), ValueError::class, 4), 'millis 1000');
check(throws(fn () => $pave->timestamp(253402300800), ValueError::class, 5), 'year 10000');
check(throws(fn () => $pave->signer('u', '', 's'), ValueError::class, 2), 'signer empty key');
check(throws(fn () => $pave->signer('u', 'k', 's')->token(''), ValueError::class, 2), 'signer empty ts');
check(throws(fn () => $pave->verify('u', 'k', 't', '', 'ab'), ValueError::class, 2), 'verify empty secret');
$good = $pave->token('u', 'k', 't', 's');
check(!$pave->verify('u', 'k', 't', 's', substr($good, 0, 63)), 'short token');
check(!$pave->verify('u', 'k', 't', 's', $good . 'a'), 'long token');
check(!$pave->verify('u', 'k', 't', 's', substr($good, 0, 63) . 'z'), 'non-hex token');
check(!$pave->verify('u', 'k', 't', 's', ''), 'empty token');
check($pave->token("a\0b", 'k', 't', 's') === hash_hmac('sha256', "a\0b:k@t", 's'), 'NUL bytes signed as given');
check(throws(function () use ($pave) { $x = $pave->signer('u', 'k', 's'); $y = clone $x; }, Error::class), 'no clone');
// A live signer is constructed once: a second __construct would drop its
// handle unfreed. Nor is one serialized, or unserialized into a half-made
// object whose destructor would fail.
$live = $pave->signer('u', 'k', 's');
check(throws(fn () => $live->__construct($pave, FFI::cdef(''), FFI::new('int'), 'other'), Error::class), 'no second construction');
check($live->token('t') === hash_hmac('sha256', 'u:k@t', 's'), 'the signer still signs after a refused construction');
check(throws(fn () => serialize($live), Error::class), 'no serialize');
$forged = 'O:' . strlen(PaveToken\FfiSigner::class) . ':"' . PaveToken\FfiSigner::class . '":0:{}';
check(throws(fn () => unserialize($forged), Error::class), 'no unserialize');
$bare = (new ReflectionClass(PaveToken\FfiSigner::class))->newInstanceWithoutConstructor();
check(throws(fn () => $bare->token('t'), Error::class), 'an unconstructed signer throws, not crashes');
unset($bare, $live);
check(true, 'destructors of unconstructed signers ran');

// Hostile input: wrong types at every position, numbers out of range, 64 MiB strings.
foreach ([[], new stdClass(), null] as $bad) {
    for ($i = 0; $i < 4; $i++) {
        $args = ['u', 'k', 't', 's'];
        $args[$i] = $bad;
        check(throws(fn () => $pave->token(...$args), TypeError::class), "wrong type at $i");
    }
}
foreach ([-1, 3, PHP_INT_MAX, PHP_INT_MIN] as $n) {
    check(throws(fn () => $pave->tokenNow('u', 'k', 's', $n), Throwable::class), "format $n");
}
check(throws(fn () => $pave->timestamp(PHP_INT_MAX), ValueError::class), 'unix out of range');
check(throws(fn () => $pave->timestamp(0, Ffi::TIME_RFC3339_MILLIS, -1), Throwable::class), 'millis -1');
$big = str_repeat("\xff\x00ab", 16 << 20);
check($pave->token($big, 'k', 't', $big) === hash_hmac('sha256', "$big:k@t", $big), '64 MiB');
check($pave->signer('u', 'k', $big)->token($big) === hash_hmac('sha256', "u:k@$big", $big), '64 MiB signer');
unset($big);

// verifyFresh over the shared freshness vectors (Python decided each answer), as the extension's.
$answers = ['ok' => 0, 'token_mismatch' => 7, 'invalid_timestamp' => 5, 'timestamp_skew' => 8];
$seen = [];
foreach (pave_vector_rows('fresh.tsv') as $i => [$u, $k, $t, $s, $tok, $now, $skew, $expect]) {
    $status = -1;
    $ok = $pave->verifyFresh(hex2bin($u), hex2bin($k), hex2bin($t), hex2bin($s), $tok, (int)$now, (int)$skew, $status);
    check($ok === ($expect === 'ok') && $status === $answers[$expect], "fresh vector $i: $status, want $expect");
    $seen[$expect] = ($seen[$expect] ?? 0) + 1;
}
check(count($seen) === 4 && min($seen) >= 100, 'every freshness answer, 100 times or more');
$ts = $pave->timestamp();
$fresh = hash_hmac('sha256', "u:k@$ts", 's');
check($pave->verifyFresh('u', 'k', $ts, 's', $fresh), 'signed now: fresh by the clock');
$old = $pave->timestamp(time() - 301);
check(!$pave->verifyFresh('u', 'k', $old, 's', hash_hmac('sha256', "u:k@$old", 's'), null, 300, $status) && $status === 8,
    '301 s old: skew');
check(!$pave->verifyFresh('u', 'k', 'yesterday', 's', str_repeat('0', 64), 0, 300, $status) && $status === 7,
    'the MAC first');
foreach ([-1, 4294967296, PHP_INT_MIN, PHP_INT_MAX] as $skew) {
    check(throws(fn () => $pave->verifyFresh('u', 'k', $ts, 's', $fresh, 0, $skew), ValueError::class), "skew $skew");
}
check(throws(fn () => $pave->verifyFresh('', 'k', $ts, 's', $fresh), ValueError::class, 2), 'fresh: empty username');
check(throws(fn () => $pave->verifyFresh('u', 'k', $ts, 's', $fresh, 'soon'), TypeError::class), 'fresh: now a string');
check(throws(fn () => $pave->verifyFresh('u', 'k', $ts, 's', null), TypeError::class), 'fresh: token null');
check($pave->verifyFresh('u', 'k', $ts, 's', $fresh, PHP_INT_MIN, 300, $status) === false && $status === 8, 'PHP_INT_MIN');

// Now-functions sign their own timestamp.
$signer = $pave->signer('acme', 'key', 'secret');
foreach ([20 => Ffi::TIME_RFC3339, 10 => Ffi::TIME_UNIX, 24 => Ffi::TIME_RFC3339_MILLIS] as $len => $format) {
    foreach ([$pave->tokenNow('acme', 'key', 'secret', $format), $signer->tokenNow($format)] as $now) {
        check(strlen($now['timestamp']) === $len, "now length $format");
        check($now['token'] === hash_hmac('sha256', "acme:key@{$now['timestamp']}", 'secret'), "now token $format");
        check(abs($pave->parseTimestamp($now['timestamp']) - time()) <= 1, "now is now $format");
    }
    $h = $signer->headers($format);
    check($h['API-Key'] === 'key' && $h['API-Token'] === hash_hmac('sha256', "acme:key@{$h['API-Timestamp']}", 'secret'),
        "signer headers $format");
    $h = $pave->headers('acme', 'key', 'secret', $format);
    check($h['API-Token'] === hash_hmac('sha256', "acme:key@{$h['API-Timestamp']}", 'secret'), "headers $format");
}
check(strlen($pave->timestamp()) === 20, 'timestamp now');
check(preg_match('/^\d+\.\d+\.\d+$/', $pave->version()) === 1, 'version');

echo "php-ffi: $passed passed, $failed failed\n";
exit($failed ? 1 : 0);
