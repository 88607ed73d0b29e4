--TEST--
bad input: ValueError naming the argument, wrong types, verify mismatches
--EXTENSIONS--
pave_token
--FILE--
<?php
function attempt(callable $f) {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
attempt(fn () => pave_token('', 'k', 't', 's'));
attempt(fn () => pave_token('u', '', 't', 's'));
attempt(fn () => pave_token('u', 'k', '', 's'));
attempt(fn () => pave_token('u', 'k', 't', ''));
attempt(fn () => pave_token('u', 'k', 't'));
attempt(fn () => pave_token_now('u', 'k', 's', 3));
attempt(fn () => pave_token_now('u', 'k', 's', -1));
attempt(fn () => pave_token_now('u', 'k', 's', 4294967296));
attempt(fn () => pave_token_headers('u', 'k', ''));
attempt(fn () => pave_token_verify('u', 'k', 't', '', str_repeat('0', 64)));
attempt(fn () => pave_timestamp(0, 9));
attempt(fn () => pave_timestamp(0, PAVE_TIME_RFC3339_MILLIS, 1000));
attempt(fn () => pave_timestamp(253402300800));
attempt(fn () => pave_timestamp(-62167219201, PAVE_TIME_UNIX));
attempt(fn () => pave_timestamp_parse('2021-02-29T00:00:00Z'));
attempt(fn () => pave_timestamp_parse(''));
attempt(fn () => new Pave\Signer('u', 'k', ''));
attempt(fn () => (new Pave\Signer('u', 'k', 's'))->token(''));
attempt(fn () => (new Pave\Signer('u', 'k', 's'))->tokenNow(7));
$good = pave_token('u', 'k', 't', 's');
var_dump(
    pave_token_verify('u', 'k', 't', 's', $good),
    pave_token_verify('u', 'k', 't', 's', substr($good, 0, 63)),
    pave_token_verify('u', 'k', 't', 's', $good . '0'),
    pave_token_verify('u', 'k', 't', 's', substr($good, 0, 63) . 'g'),
    pave_token_verify('u', 'k', 't', 's', ''),
);
// Any bytes are signed as given, NUL included.
var_dump(pave_token("a\0b", 'k', 't', 's') === hash_hmac('sha256', "a\0b:k@t", 's'));
?>
--EXPECT--
ValueError: pave_token(): Argument #1 ($username) must not be empty
ValueError: pave_token(): Argument #2 ($api_key) must not be empty
ValueError: pave_token(): Argument #3 ($timestamp) must not be empty
ValueError: pave_token(): Argument #4 ($api_secret) must not be empty
ArgumentCountError: pave_token() expects exactly 4 arguments, 3 given
ValueError: pave_token_now(): Argument #4 ($format) must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS
ValueError: pave_token_now(): Argument #4 ($format) must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS
ValueError: pave_token_now(): Argument #4 ($format) must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS
ValueError: pave_token_headers(): Argument #3 ($api_secret) must not be empty
ValueError: pave_token_verify(): Argument #4 ($api_secret) must not be empty
ValueError: pave_timestamp(): Argument #2 ($format) must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS
ValueError: pave_timestamp(): Argument #3 ($millis) must be between 0 and 999
ValueError: pave_timestamp(): Argument #1 ($unix) must lie within years 0000..9999 UTC
ValueError: pave_timestamp(): Argument #1 ($unix) must lie within years 0000..9999 UTC
ValueError: pave_timestamp_parse(): Argument #1 ($timestamp) is not a valid timestamp (Unix seconds or RFC 3339 within years 0000..9999)
ValueError: pave_timestamp_parse(): Argument #1 ($timestamp) is not a valid timestamp (Unix seconds or RFC 3339 within years 0000..9999)
ValueError: Pave\Signer::__construct(): Argument #3 ($api_secret) must not be empty
ValueError: Pave\Signer::token(): Argument #1 ($timestamp) must not be empty
ValueError: Pave\Signer::tokenNow(): Argument #1 ($format) must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
