package io.asyncworkbench.hardened;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * libuv's reserved file descriptor ({@code uv__emfile_trick}): one descriptor ({@code /dev/null})
 * held open for the moment accept fails with EMFILE. Giving it up lets the server accept one
 * pending connection and close it at once, so that client fails fast instead of hanging in the
 * listen backlog; then the spare is taken again.
 *
 * <pre>{@code
 * SpareDescriptor spare = new SpareDescriptor();  // at startup, while descriptors are free
 * spare.release();                                // accept() said EMFILE: one descriptor free now
 * // accept and close the pending connections
 * spare.reopen();                                 // hold it again for the next time
 * }</pre>
 */
final class SpareDescriptor {

    private static final String PATH = "/dev/null";
    private FileInputStream held;

    /** Opens the spare now, while descriptors are free; fails if it cannot. */
    SpareDescriptor() {
        if (!reopen()) {
            throw new IllegalStateException("cannot open " + PATH + " as a spare descriptor");
        }
        // Exercise release and reopen once so that no class is loaded lazily in the storm.
        release();
        reopen();
    }

    /** Whether the spare is held (false between {@link #release} and a successful {@link #reopen}). */
    boolean isHeld() {
        return held != null;
    }

    /** Closes the spare, freeing one descriptor; false if it was not held. */
    boolean release() {
        if (held == null) {
            return false;
        }
        try {
            held.close();
        } catch (IOException ignored) {
            // Closing /dev/null does not fail; if it did, the descriptor is gone anyway.
        }
        held = null;
        return true;
    }

    /** Takes the spare again; false if no descriptor was free (try again later). */
    boolean reopen() {
        if (held == null) {
            try {
                held = new FileInputStream(PATH);
            } catch (IOException noDescriptor) {
                return false;
            }
        }
        return true;
    }
}
