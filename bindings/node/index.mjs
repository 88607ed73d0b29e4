// ES module entry: the CommonJS implementation, re-exported by name.
import pave from './index.js';

export const {
  TimeFormat, PaveError, token, tokenNow, verify, verifyFresh, MAX_SKEW_SECONDS, timestamp, parseTimestamp, signHeaders, Signer, version, constants,
} = pave;
export default pave;
