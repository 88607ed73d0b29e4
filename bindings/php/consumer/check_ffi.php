<?php
// The FFI wrapper as Composer installed it (vendor/autoload.php, PSR-4):
// usage: php -d ffi.enable=1 check_ffi.php tokens.tsv /prefix/lib/libpave_token.so.0
declare(strict_types=1);
require getcwd() . '/vendor/autoload.php';
require __DIR__ . '/worked_example.php';

[$u, $k, $t, $s, $want] = worked_example($argv[1]);
$from = (new ReflectionClass(PaveToken\Ffi::class))->getFileName();
if (!str_starts_with($from, getcwd() . '/vendor/')) {
    echo "WRONG: PaveToken\\Ffi loaded from $from, not from vendor/\n";
    exit(1);
}
$pave = PaveToken\Ffi::load($argv[2]);
report('ffi', $pave->token($u, $k, $t, $s), $pave->signer($u, $k, $s)->token($t), $want);
