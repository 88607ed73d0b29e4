<?php
// The PHP-FPM setup, in the CLI: ffi.preload binds the header, opcache.preload
// loads the classes, and PaveToken\Ffi::load() uses the preloaded scope.
$checks = [
    'classes preloaded' => class_exists('PaveToken\Ffi', false),
    'scope preloaded' => (function () { try { FFI::scope('pave_token'); return true; } catch (Throwable) { return false; } })(),
];
$pave = PaveToken\Ffi::load();
$h = $pave->headers('acme', 'key', 'secret');
$checks['token through the scope'] = $h['API-Token'] === hash_hmac('sha256', "acme:key@{$h['API-Timestamp']}", 'secret');
$failed = 0;
foreach ($checks as $name => $ok) {
    if (!$ok) { fwrite(STDERR, "FAIL: $name\n"); $failed++; }
}
printf("php-ffi-preload: %d passed, %d failed\n", count($checks) - $failed, $failed);
exit($failed ? 1 : 0);
