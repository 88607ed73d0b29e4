--TEST--
hostile input: wrong types at every position, conversion hooks, NAN and huge numbers, 64 MiB strings, lifecycle misuse
--EXTENSIONS--
pave_token
--INI--
memory_limit=1G
error_reporting=E_ALL & ~E_DEPRECATED
--FILE--
<?php
function kind(callable $f): string {
    try {
        $f();
        return 'none';
    } catch (Throwable $e) {
        return get_class($e);
    }
}
$ref = fn ($u, $k, $t, $s) => hash_hmac('sha256', "$u:$k@$t", $s);

// Wrong types at every position of every function: TypeError, never a crash
// (PHP's coercive mode turns null into "", which is empty: ValueError).
$wrong = [[], new stdClass, fopen('php://memory', 'r'), null];
$kinds = [];
foreach ($wrong as $bad) {
    for ($i = 0; $i < 4; $i++) {
        $args = ['u', 'k', 't', 's'];
        $args[$i] = $bad;
        $kinds[] = kind(fn () => pave_token(...$args));
        $kinds[] = kind(fn () => pave_token_verify(...[...$args, 'x']));
    }
    $kinds[] = kind(fn () => (new Pave\Signer('u', 'k', 's'))->token($bad));
    $kinds[] = kind(fn () => pave_timestamp_parse($bad));
}
echo "wrong types: ", implode(',', array_unique(array_slice($kinds, 0, 30))), "; null: ", implode(',', array_unique(array_slice($kinds, 30))), "\n";

// verify_fresh: every wrong type at each of its seven by-value positions; clocks out of range.
$kinds = [];
foreach ([[], new stdClass, fopen('php://memory', 'r')] as $bad) {
    for ($i = 0; $i < 7; $i++) {
        $args = ['u', 'k', 't', 's', 'x', 0, 300];
        $args[$i] = $bad;
        $kinds[] = kind(fn () => pave_token_verify_fresh(...$args));
    }
}
echo "verify_fresh wrong types: ", implode(',', array_unique($kinds)), " (", count($kinds), ")\n";
foreach ([NAN, INF, PHP_INT_MAX, PHP_INT_MIN] as $n) {
    echo "now ", var_export($n, true), ": ", kind(fn () => pave_token_verify_fresh('u', 'k', 't', 's', 'x', $n)), "\n";
}

// Numbers: NAN and INF are TypeErrors, integers out of range ValueErrors (a fraction
// is PHP's to truncate, with a deprecation, in coercive mode).
foreach ([NAN, INF, -INF, PHP_INT_MAX, PHP_INT_MIN, -1] as $n) {
    echo "format ", var_export($n, true), ": ", kind(fn () => pave_token_now('u', 'k', 's', $n)), "\n";
}
echo "unix INF: ", kind(fn () => pave_timestamp(INF)), "\n";
echo "unix max: ", kind(fn () => pave_timestamp(PHP_INT_MAX)), "\n";
echo "millis min: ", kind(fn () => pave_timestamp(0, PAVE_TIME_RFC3339_MILLIS, PHP_INT_MIN)), "\n";

// A Stringable argument is converted before anything is signed; its hook may
// drop every other reference to the signer, which the call still holds.
$signer = new Pave\Signer('u', 'k', 's');
$hook = new class { public function __toString(): string { global $signer; $signer = null; return 't'; } };
echo "hook: ", $signer->token($hook) === $ref('u', 'k', 't', 's') ? 'right token' : 'WRONG', ", signer now ", var_export($signer, true), "\n";

// 64 MiB inputs.
$big = str_repeat("\xff\x00ab", 16 << 20);
echo "64 MiB: ", pave_token($big, 'k', 't', $big) === $ref($big, 'k', 't', $big) ? 'right' : 'WRONG', "\n";
echo "64 MiB signer: ", (new Pave\Signer('u', 'k', $big))->token($big) === $ref('u', 'k', $big, $big) ? 'right' : 'WRONG', "\n";

// Lifecycle: construct again, clone, serialize, unserialize, no constructor.
$s = new Pave\Signer('u', 'k', 's');
$s->__construct('u2', 'k2', 's2');
echo "constructed again: ", $s->token('t') === $ref('u2', 'k2', 't', 's2') ? 'new credentials' : 'WRONG', "\n";
echo "clone: ", kind(fn () => clone $s), "\n";
echo "serialize: ", kind(fn () => serialize($s)), "\n";
echo "unserialize: ", kind(fn () => unserialize('O:11:"Pave\Signer":0:{}')), "\n";
echo "no constructor: ", kind(fn () => (new ReflectionClass(Pave\Signer::class))->newInstanceWithoutConstructor()), "\n";
unset($s);
echo "done\n";
?>
--EXPECT--
wrong types: TypeError; null: ValueError
verify_fresh wrong types: TypeError (21)
now NAN: TypeError
now INF: TypeError
now 9223372036854775807: none
now -9223372036854775807-1: none
format NAN: TypeError
format INF: TypeError
format -INF: TypeError
format 9223372036854775807: ValueError
format -9223372036854775807-1: ValueError
format -1: ValueError
unix INF: TypeError
unix max: ValueError
millis min: ValueError
hook: right token, signer now NULL
64 MiB: right
64 MiB signer: right
constructed again: new credentials
clone: Error
serialize: Exception
unserialize: Exception
no constructor: ReflectionException
done
