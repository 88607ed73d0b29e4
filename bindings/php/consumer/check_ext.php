<?php
// The pave_token extension as installed (pecl install, or PIE's build
// steps): usage: php -d extension=.../pave_token.so check_ext.php tokens.tsv
declare(strict_types=1);
require __DIR__ . '/worked_example.php';

[$u, $k, $t, $s, $want] = worked_example($argv[1]);
report('extension ' . phpversion('pave_token'), pave_token($u, $k, $t, $s), (new Pave\Signer($u, $k, $s))->token($t), $want);
