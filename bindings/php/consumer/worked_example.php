<?php
// The worked example: the first row of the shared tokens.tsv, read by the
// extension tests' own reader.
declare(strict_types=1);

require dirname(__DIR__) . '/ext/tests/vectors.inc';

/** @return array{string, string, string, string, string} */
function worked_example(string $tokens_tsv): array
{
    putenv('PAVE_VECTORS=' . dirname($tokens_tsv));
    return pave_token_vectors()[0];
}

function report(string $what, string $token, string $signed, string $want): void
{
    if ($token !== $want || $signed !== $want) {
        echo "WRONG $what: $token / $signed, want $want\n";
        exit(1);
    }
    echo "ok $what $token\n";
}
