<?php
// Reads the shared test vectors (tests/vectors/*.tsv, written by
// tests/vectors/generate.py with Python's hmac and datetime). Used by the
// extension's .phpt tests and by the FFI tests.

function pave_vector_rows(string $name): array
{
    $dir = getenv('PAVE_VECTORS') ?: dirname(__DIR__, 2) . '/tests/vectors';
    $lines = file("$dir/$name", FILE_IGNORE_NEW_LINES);
    if ($lines === false) {
        throw new RuntimeException("cannot read $dir/$name");
    }
    $rows = [];
    foreach ($lines as $line) {
        if ($line !== '' && $line[0] !== '#') {
            $rows[] = explode("\t", $line);
        }
    }
    if (!$rows) {
        throw new RuntimeException("$name has no rows");
    }
    return $rows;
}

/** @return list<array{string, string, string, string, string}> username, api_key, timestamp, api_secret, token */
function pave_token_vectors(): array
{
    return array_map(
        fn ($r) => [hex2bin($r[0]), hex2bin($r[1]), hex2bin($r[2]), hex2bin($r[3]), $r[4]],
        pave_vector_rows('tokens.tsv')
    );
}
