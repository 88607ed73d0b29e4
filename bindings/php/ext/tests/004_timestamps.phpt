--TEST--
pave_timestamp and pave_timestamp_parse over the shared timestamp and parse vectors
--EXTENSIONS--
pave_token
--FILE--
<?php
require __DIR__ . '/vectors.inc';
$bad = 0;
$formats = [PAVE_TIME_RFC3339, PAVE_TIME_UNIX, PAVE_TIME_RFC3339_MILLIS];
foreach (pave_vector_rows('timestamps.tsv') as [$unix, $millis, $a, $b, $c]) {
    foreach ($formats as $i => $format) {
        $want = [$a, $b, $c][$i];
        if (pave_timestamp((int)$unix, $format, (int)$millis) !== $want || pave_timestamp_parse($want) !== (int)$unix) {
            echo "timestamp $unix/$format failed\n";
            $bad++;
        }
    }
}
$invalid = 0;
foreach (pave_vector_rows('parse.tsv') as [$hex, $want]) {
    $in = hex2bin($hex);
    try {
        $got = pave_timestamp_parse($in);
        if ($want === 'invalid' || $got !== (int)$want) {
            echo "parse ", json_encode($in), " gave $got, want $want\n";
            $bad++;
        }
    } catch (ValueError $e) {
        $invalid++;
        if ($want !== 'invalid') {
            echo "parse ", json_encode($in), " threw, want $want\n";
            $bad++;
        }
    }
}
var_dump($bad, $invalid > 100);
?>
--EXPECT--
int(0)
bool(true)
