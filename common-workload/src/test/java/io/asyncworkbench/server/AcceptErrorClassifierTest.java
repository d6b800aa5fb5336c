package io.asyncworkbench.server;

import io.asyncworkbench.server.AcceptErrorClassifier.AcceptError;
import io.asyncworkbench.server.AcceptErrorClassifier.Category;
import io.asyncworkbench.transport.Errno;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AcceptErrorClassifierTest {

    private final AcceptErrorClassifier classifier = new AcceptErrorClassifier();

    @ParameterizedTest
    @CsvSource({
            "ECONNABORTED, 103, PER_CONNECTION", "ECONNRESET, 104, PER_CONNECTION",
            "ECONNREFUSED, 111, PER_CONNECTION", "EPROTO, 71, PER_CONNECTION", "EPERM, 1, PER_CONNECTION",
            "EMFILE, 24, RESOURCE_SHORTAGE", "ENFILE, 23, RESOURCE_SHORTAGE",
            "ENOBUFS, 105, RESOURCE_SHORTAGE", "ENOMEM, 12, RESOURCE_SHORTAGE"})
    void shouldSortEveryErrnoOfTheChapter_whenGivenItsLinuxNumber(Errno errno, int number, Category category) {
        assertEquals(category, classifier.classify(number));
        assertEquals(category, AcceptErrorClassifier.category(errno));
    }

    @ParameterizedTest
    @CsvSource({"EMFILE", "ENFILE", "ENOBUFS", "ENOMEM", "ECONNABORTED", "ECONNRESET", "ECONNREFUSED", "EPROTO", "EPERM"})
    void shouldReadTheErrno_whenANativeTransportFails(Errno errno) {
        assumeTrue(Epoll.isAvailable(), "the native library formats the message");
        AcceptError error = classifier.classify(new Errors.NativeIoException("accept", -errno.number(), false));
        assertEquals(errno.name(), error.kind());
        assertEquals(errno, error.errno());
        assertEquals(classifier.classify(errno.number()), error.category());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Too many open files | EMFILE | RESOURCE_SHORTAGE",
            "Too many open files in system | ENFILE | RESOURCE_SHORTAGE",
            "No buffer space available | ENOBUFS | RESOURCE_SHORTAGE",
            "Cannot allocate memory | ENOMEM | RESOURCE_SHORTAGE",
            "Connection reset by peer | ECONNRESET | PER_CONNECTION",
            "Connection reset | ECONNRESET | PER_CONNECTION",
            "Operation not permitted | EPERM | PER_CONNECTION",
            "Software caused connection abort | ECONNABORTED | PER_CONNECTION",
            "Connection refused | ECONNREFUSED | PER_CONNECTION",
            "Protocol error | EPROTO | PER_CONNECTION"})
    void shouldMatchTheStrerrorText_whenNioFails(String message, String kind, Category category) {
        AcceptError error = classifier.classify(new IOException(message));
        assertEquals(kind, error.kind());
        assertEquals(category, error.category());
    }

    @ParameterizedTest
    @CsvSource({"EPIPE", "EADDRNOTAVAIL", "ETIMEDOUT"})
    void shouldPauseButNameTheErrno_whenItIsAConnectionsErrorAcceptDoesNotRaise(Errno errno) {
        AcceptError error = classifier.classify(new IOException(errno.text()));
        assertEquals(errno.name(), error.kind());
        assertEquals(Category.OTHER, error.category());
    }

    @Test
    void shouldPauseForAnythingElse_whenTheErrorIsUnknown() {
        assertEquals(Category.OTHER, classifier.classify(95));
        assertEquals(new AcceptError("IOException", null, Category.OTHER, "Operation not supported"),
                classifier.classify(new IOException("Operation not supported")));
        assertEquals("IllegalStateException", classifier.classify(new IllegalStateException()).kind());
        assertEquals(Category.OTHER, classifier.classify(new IOException()).category(), "no message at all");
        assertEquals(Category.OTHER, classifier.classify(new NoClassDefFoundError("Too many open files")).category(),
                "only I/O errors are matched by their message");
    }

    @Test
    void shouldNameAnUnlistedErrno_whenANativeTransportFails() {
        assumeTrue(Epoll.isAvailable());
        AcceptError error = classifier.classify(new Errors.NativeIoException("accept", -95, false));
        assertEquals("errno95", error.kind());
        assertEquals(Category.OTHER, error.category());
    }

    @Test
    void shouldHintAtTheLimitToRaise_whenTheErrorIsAShortage() {
        assertEquals("raise the per-process open file limit (ulimit -n)", AcceptErrorClassifier.hint(Errno.EMFILE));
        for (Errno errno : Errno.values()) {
            Category category = AcceptErrorClassifier.category(errno);
            assertEquals(category == Category.RESOURCE_SHORTAGE, !AcceptErrorClassifier.hint(errno).isEmpty() && errno != Errno.EPERM,
                    errno + ": every shortage has a hint");
        }
    }
}
