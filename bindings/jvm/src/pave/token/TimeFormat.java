package pave.token;

/** How a timestamp is written; {@link #code} is the header's {@code PAVE_TIME_*} value. */
public enum TimeFormat {
    /** {@code 2021-05-30T12:49:19Z}: the {@code API-Timestamp} format PAVE documents (the default). */
    RFC3339(0),
    /** {@code 1622378959}: Unix seconds. */
    UNIX(1),
    /** {@code 2021-05-30T12:49:19.123Z}: RFC 3339 with milliseconds. */
    RFC3339_MILLIS(2);

    /** The header's {@code PAVE_TIME_*} value. */
    public final int code;

    TimeFormat(int code) {
        this.code = code;
    }
}
