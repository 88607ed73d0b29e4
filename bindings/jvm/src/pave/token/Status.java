package pave.token;

/** The {@code pave_status} values of {@link PaveException#getStatus()} (the header's {@code PAVE_OK}, {@code PAVE_ERR_*}). */
public final class Status {
    public static final int OK = 0;
    public static final int NULL_ARGUMENT = 1;
    public static final int EMPTY_ARGUMENT = 2;
    public static final int BUFFER_TOO_SMALL = 3;
    public static final int INVALID_ARGUMENT = 4;
    public static final int INVALID_TIMESTAMP = 5;
    public static final int CLOCK = 6;
    public static final int TOKEN_MISMATCH = 7;
    public static final int TIMESTAMP_SKEW = 8;
    public static final int INTERNAL = 255;

    private Status() {
    }
}
