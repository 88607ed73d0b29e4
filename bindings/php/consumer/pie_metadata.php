<?php
// PIE reads the extension's composer.json: its type, the extension name, and
// the configure options it may pass. Checks them against config.m4 (the
// option names config.m4 declares, the module PHP_NEW_EXTENSION builds) and
// prints the configure flag for PREFIX, built the way PIE builds it.
// usage: php pie_metadata.php ext/ PREFIX
declare(strict_types=1);

[, $dir, $prefix] = $argv;
$meta = json_decode(file_get_contents("$dir/composer.json"), true, 16, JSON_THROW_ON_ERROR);
$m4 = file_get_contents("$dir/config.m4");
$fail = function (string $why): never {
    fwrite(STDERR, "ERROR: composer.json for PIE: $why\n");
    exit(1);
};

$meta['type'] === 'php-ext' || $fail("type is {$meta['type']}, not php-ext");
preg_match('/PHP_NEW_EXTENSION\(\[?(\w+)/', $m4, $ext) || $fail('config.m4 has no PHP_NEW_EXTENSION');
($meta['php-ext']['extension-name'] ?? null) === $ext[1] || $fail("extension-name is not $ext[1]");
preg_match_all('/PHP_ARG_(WITH|ENABLE)\(\[?([\w-]+)/', $m4, $args, PREG_SET_ORDER);
$declared = array_map(fn ($a) => strtolower($a[1]) . '-' . $a[2], $args);
$flag = null;
foreach ($meta['php-ext']['configure-options'] ?? [] as $opt) {
    in_array($opt['name'], $declared, true) || $fail("configure option {$opt['name']} is not in config.m4");
    if (($opt['needs-value'] ?? false) && str_starts_with($opt['name'], 'with-')) {
        $flag = "--{$opt['name']}=$prefix";
    }
}
$flag !== null || $fail('no configure option takes the library PREFIX');
echo $flag, "\n";
