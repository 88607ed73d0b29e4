package pave.token;

/** A call the library refused: {@link #getStatus()} is its {@code pave_status} ({@link Status}), the message its own. */
public final class PaveException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String libraryMessage;

    public PaveException(int status, String libraryMessage) {
        super("pave_token: " + libraryMessage + " (status " + status + ")");
        this.status = status;
        this.libraryMessage = libraryMessage;
    }

    public int getStatus() {
        return status;
    }

    public String getLibraryMessage() {
        return libraryMessage;
    }
}
