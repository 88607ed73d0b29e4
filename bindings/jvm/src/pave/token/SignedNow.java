package pave.token;

/** A token for "now" and the timestamp it signed; send exactly that timestamp. Kotlin destructures it: {@code val (ts, token) = ...}. */
public final class SignedNow {
    private final String timestamp;
    private final String token;

    SignedNow(String[] pair) {
        this.timestamp = pair[0];
        this.token = pair[1];
    }

    public String getTimestamp() {
        return timestamp;
    }

    public String getToken() {
        return token;
    }

    /** The timestamp (Kotlin's {@code component1}). */
    public String component1() {
        return timestamp;
    }

    /** The token (Kotlin's {@code component2}). */
    public String component2() {
        return token;
    }

    @Override
    public String toString() {
        return "SignedNow(timestamp=" + timestamp + ", token=" + token + ")";
    }
}
