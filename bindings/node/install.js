'use strict';
// npm install: nothing to do where this package carries an addon for the
// platform (prebuilds/); elsewhere (macOS, Windows, musl Linux, other CPUs)
// the addon is built from the Rust sources the package ships (rust/, and the
// pave-token crate in crate/) with cargo, into build/. PAVE_TOKEN_BUILD_FROM_SOURCE=1
// builds from source even where a prebuilt fits; CARGO names the cargo to use.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { prebuiltKey } = require('./platform.js');

const prebuilt = prebuiltKey() && path.join(__dirname, 'prebuilds', prebuiltKey(), 'pave_token.node');
if (prebuilt && fs.existsSync(prebuilt) && !process.env.PAVE_TOKEN_BUILD_FROM_SOURCE) process.exit(0);

const cargo = process.env.CARGO || 'cargo';
const where = `${process.platform}-${process.arch}${prebuiltKey() ? '' : ' (musl)'}`;
const probe = spawnSync(cargo, ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(`pave-token: no prebuilt addon for ${where}, and building it from source needs Rust's cargo ` +
    `(not found as '${cargo}': install it from https://rustup.rs) and a C linker (cc, or Visual Studio's on Windows).`);
  process.exit(1);
}
console.error(`pave-token: building the addon for ${where} from source with ${probe.stdout.trim()}`);
const target = path.join(__dirname, 'target');
const build = spawnSync(cargo, ['build', '--release', '--locked'], {
  cwd: __dirname, stdio: 'inherit', env: { ...process.env, CARGO_TARGET_DIR: target },
});
if (build.status !== 0) {
  console.error(`pave-token: cargo build failed (exit ${build.status}); a C linker is needed besides cargo.`);
  process.exit(1);
}
const names = { win32: 'pave_token_node.dll', darwin: 'libpave_token_node.dylib' };
fs.mkdirSync(path.join(__dirname, 'build'), { recursive: true });
fs.copyFileSync(path.join(target, 'release', names[process.platform] || 'libpave_token_node.so'),
  path.join(__dirname, 'build', 'pave_token.node'));
fs.rmSync(target, { recursive: true, force: true });
