--TEST--
Pave\Signer: lifecycle, not clonable or serializable, typed signatures, phpinfo and constants
--EXTENSIONS--
pave_token
--FILE--
<?php
$s = new Pave\Signer('acme_motors', '0123456789abcdef0123456789abcdef',
    'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210');
echo $s->token('2026-11-29T21:33:57Z'), "\n";
$s->__construct('u', 'k', 's');
var_dump($s->token('t') === hash_hmac('sha256', 'u:k@t', 's'));
try { $c = clone $s; } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { serialize($s); } catch (Exception $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { (new ReflectionClass(Pave\Signer::class))->newInstanceWithoutConstructor(); }
catch (ReflectionException $e) { echo "no signer without its constructor\n"; }
try { $s->__construct('u', 'k', ''); } catch (ValueError $e) { echo "failed re-construct keeps the old credentials: "; }
var_dump($s->token('t') === hash_hmac('sha256', 'u:k@t', 's'));
unset($s);
echo (new ReflectionFunction('pave_token_now'))->getParameters()[3], "\n";
echo (new ReflectionMethod(Pave\Signer::class, 'tokenNow'))->getReturnType(), "\n";
var_dump(PAVE_TIME_RFC3339, PAVE_TIME_UNIX, PAVE_TIME_RFC3339_MILLIS, PAVE_TOKEN_LEN);
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump(str_contains($info, 'libpave_token version => ' . phpversion('pave_token')));
var_dump(preg_match('/^\d+\.\d+\.\d+/', phpversion('pave_token')) === 1);
?>
--EXPECT--
891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e
bool(true)
Error: Trying to clone an uncloneable object of class Pave\Signer
Exception: Serialization of 'Pave\Signer' is not allowed
no signer without its constructor
failed re-construct keeps the old credentials: bool(true)
Parameter #3 [ <optional> int $format = PAVE_TIME_RFC3339 ]
array
int(0)
int(1)
int(2)
int(64)
bool(true)
bool(true)
