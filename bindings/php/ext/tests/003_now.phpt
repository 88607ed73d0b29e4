--TEST--
the now-functions sign their own timestamp, in each format, as arrays and as headers
--EXTENSIONS--
pave_token
--FILE--
<?php
$lengths = [PAVE_TIME_RFC3339 => 20, PAVE_TIME_UNIX => 10, PAVE_TIME_RFC3339_MILLIS => 24];
$signer = new Pave\Signer('acme', 'key123', 'secret');
foreach ($lengths as $format => $len) {
    $before = time();
    $r = pave_token_now('acme', 'key123', 'secret', $format);
    $h = pave_token_headers('acme', 'key123', 'secret', $format);
    $s = $signer->tokenNow($format);
    $sh = $signer->headers($format);
    $after = time();
    foreach ([[$r['timestamp'], $r['token']], [$h['API-Timestamp'], $h['API-Token']],
              [$s['timestamp'], $s['token']], [$sh['API-Timestamp'], $sh['API-Token']]] as [$ts, $tok]) {
        $when = pave_timestamp_parse($ts);
        var_dump(strlen($ts) === $len && $tok === hash_hmac('sha256', "acme:key123@$ts", 'secret')
                 && $when >= $before && $when <= $after);
    }
    var_dump(array_keys($r), array_keys($h), $h['API-Key'] === 'key123', $sh['API-Key'] === 'key123');
}
// Default format is RFC 3339, and pave_timestamp() without a time is now.
var_dump(strlen(pave_token_now('a', 'b', 'c')['timestamp']) === 20);
var_dump(abs(pave_timestamp_parse(pave_timestamp()) - time()) <= 1);
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(9) "timestamp"
  [1]=>
  string(5) "token"
}
array(3) {
  [0]=>
  string(7) "API-Key"
  [1]=>
  string(9) "API-Token"
  [2]=>
  string(13) "API-Timestamp"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(9) "timestamp"
  [1]=>
  string(5) "token"
}
array(3) {
  [0]=>
  string(7) "API-Key"
  [1]=>
  string(9) "API-Token"
  [2]=>
  string(13) "API-Timestamp"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  string(9) "timestamp"
  [1]=>
  string(5) "token"
}
array(3) {
  [0]=>
  string(7) "API-Key"
  [1]=>
  string(9) "API-Token"
  [2]=>
  string(13) "API-Timestamp"
}
bool(true)
bool(true)
bool(true)
bool(true)
