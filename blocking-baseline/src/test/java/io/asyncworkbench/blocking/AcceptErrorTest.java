package io.asyncworkbench.blocking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcceptErrorTest {

    @ParameterizedTest
    @CsvSource({
            "Too many open files, EMFILE, PAUSE",
            "Too many open files in system, ENFILE, PAUSE",
            "No buffer space available, ENOBUFS, PAUSE",
            "Cannot allocate memory, ENOMEM, PAUSE",
            "Software caused connection abort, ECONNABORTED, SKIP",
            "Connection reset, ECONNRESET, SKIP",
            "Connection reset by peer, ECONNRESET, SKIP",
            "Protocol error, EPROTO, SKIP",
            "Operation not permitted, EPERM, SKIP",
            "Bad file descriptor, OTHER, PAUSE"})
    void shouldClassifyByTheErrnoText_whenTheJdkReportsIt(String message, AcceptError kind, AcceptError.Action action) {
        AcceptError classified = AcceptError.classify(new IOException(message));
        assertEquals(kind, classified);
        assertEquals(action, classified.action());
    }

    @Test
    void shouldPause_whenTheErrorHasNoMessage() {
        assertEquals(AcceptError.OTHER, AcceptError.classify(new IOException()));
        assertEquals(AcceptError.Action.PAUSE, AcceptError.OTHER.action());
    }

    @Test
    void shouldHintAtUlimit_whenFdsRunOut() {
        assertEquals("raise the per-process open file limit (ulimit -n)", AcceptError.EMFILE.hint());
    }
}
