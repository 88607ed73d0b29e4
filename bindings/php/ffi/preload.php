<?php
// opcache.preload script for PHP-FPM sites using the FFI binding (see README).
// The header itself is bound by `ffi.preload=.../pave_token_ffi.h` (FFI::load
// cannot run here when opcache.preload_user is set); this preloads the classes,
// and PaveToken\Ffi::load() then finds the "pave_token" scope.
require_once __DIR__ . '/PaveToken/Ffi.php';
require_once __DIR__ . '/PaveToken/FfiSigner.php';
