<?php
// The worked example: the first row of the shared tokens.tsv (hex-encoded
// username, api_key, timestamp, api_secret; then the expected token).
declare(strict_types=1);

/** @return array{string, string, string, string, string} */
function worked_example(string $tokens_tsv): array
{
    foreach (file($tokens_tsv, FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if ($line !== '' && $line[0] !== '#') {
            $cols = explode("\t", $line);
            return [hex2bin($cols[0]), hex2bin($cols[1]), hex2bin($cols[2]), hex2bin($cols[3]), $cols[4]];
        }
    }
    fwrite(STDERR, "$tokens_tsv: no rows\n");
    exit(2);
}

function report(string $what, string $token, string $signed, string $want): void
{
    if ($token !== $want || $signed !== $want) {
        echo "WRONG $what: $token / $signed, want $want\n";
        exit(1);
    }
    echo "ok $what $token\n";
}
