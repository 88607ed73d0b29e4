<?php
// GET {PAVE_BASE_URL}/v1/sessions signed with the pave_token extension.
// Environment: PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET, PAVE_BASE_URL
// (default https://openapi.paveapi.com). Exit: 0 ok, 1 on 4xx/5xx, 2 on errors.
$base = getenv('PAVE_BASE_URL') ?: 'https://openapi.paveapi.com';
try {
    $headers = pave_token_headers((string)getenv('PAVE_USERNAME'), (string)getenv('PAVE_API_KEY'),
        (string)getenv('PAVE_API_SECRET'));
} catch (ValueError $e) {
    fwrite(STDERR, "sessions.php: {$e->getMessage()}\n");
    exit(2);
}
$lines = [];
foreach ($headers as $name => $value) {
    $lines[] = "$name: $value";
}
$context = stream_context_create(['http' => [
    'method' => 'GET', 'header' => implode("\r\n", $lines), 'ignore_errors' => true, 'timeout' => 30,
]]);
$body = @file_get_contents("$base/v1/sessions", false, $context);
if ($body === false || !isset($http_response_header[0])) {
    fwrite(STDERR, "sessions.php: request to $base failed\n");
    exit(2);
}
preg_match('{^HTTP/\S+ (\d{3})}', $http_response_header[0], $m);
$status = (int)($m[1] ?? 0);
echo $body, "\nHTTP $status\n";
exit($status >= 400 ? 1 : 0);
