'use strict';
/** The prebuilds/ folder for this platform, or null on musl Linux (the
 *  prebuilt Linux addons are for glibc). */
function prebuiltKey() {
  if (process.platform === 'linux') {
    const report = process.report && process.report.getReport();
    if (report && report.header && !report.header.glibcVersionRuntime) return null;
  }
  return `${process.platform}-${process.arch}`;
}
module.exports = { prebuiltKey };
