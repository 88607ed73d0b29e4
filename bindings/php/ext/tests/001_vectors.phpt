--TEST--
every shared vector: pave_token, Pave\Signer and pave_token_verify equal hash_hmac and the expected token
--EXTENSIONS--
pave_token
--FILE--
<?php
require __DIR__ . '/vectors.inc';
$vectors = pave_token_vectors();
$bad = 0;
foreach ($vectors as $i => [$u, $k, $t, $s, $want]) {
    $got = pave_token($u, $k, $t, $s);
    $ref = hash_hmac('sha256', "$u:$k@$t", $s);
    $signed = (new Pave\Signer($u, $k, $s))->token($t);
    if ($got !== $want || $ref !== $want || $signed !== $want
        || !pave_token_verify($u, $k, $t, $s, $want) || !pave_token_verify($u, $k, $t, $s, strtoupper($want))
        || pave_token_verify($u, $k, $t . '0', $s, $want)) {
        echo "vector $i failed\n";
        $bad++;
    }
}
var_dump(count($vectors) >= 500, $bad);
?>
--EXPECT--
bool(true)
int(0)
