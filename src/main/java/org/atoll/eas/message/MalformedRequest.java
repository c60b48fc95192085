package org.atoll.eas.message;

/** The request document is not the command's: it is answered with {@link #status()} and changes nothing. */
public final class MalformedRequest extends Exception {

    private final transient WireStatus status;

    public MalformedRequest(WireStatus status) {
        super(status.toString(), null, false, false);
        this.status = status;
    }

    /** The command's Status for this request. */
    public WireStatus status() {
        return status;
    }
}
