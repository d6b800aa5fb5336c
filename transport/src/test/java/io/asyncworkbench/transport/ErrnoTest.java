package io.asyncworkbench.transport;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ErrnoTest {

    @ParameterizedTest
    @CsvSource({
            "EPERM, 1", "ENOMEM, 12", "ENFILE, 23", "EMFILE, 24", "EPIPE, 32", "EPROTO, 71", "EADDRNOTAVAIL, 99",
            "ECONNABORTED, 103", "ECONNRESET, 104", "ENOBUFS, 105", "ETIMEDOUT, 110", "ECONNREFUSED, 111"})
    void shouldHoldLinuxNumbers_whenLookedUpEitherWay(Errno errno, int number) {
        assertEquals(number, errno.number());
        assertEquals(errno, Errno.byNumber(number));
    }

    @ParameterizedTest
    @EnumSource(Errno.class)
    void shouldReadTheSameErrno_whetherNettyGivesItsNumberOrNioItsText(Errno errno) {
        assumeTrue(Epoll.isAvailable(), "the native library formats the message");
        Errors.NativeIoException fromEpoll = new Errors.NativeIoException("connect", -errno.number(), false);

        assertEquals(OptionalInt.of(errno.number()), Errno.number(fromEpoll));
        assertEquals(errno, Errno.of(fromEpoll));
        assertTrue(fromEpoll.getMessage().endsWith(errno.text()), "the C library's text: " + fromEpoll.getMessage());
        assertEquals(errno, Errno.of(new IOException(errno.text())), "as Java NIO reports it");
        assertEquals(errno, Errno.of(new IOException("connect(..) failed: " + errno.text() + ": /127.0.0.1:9")),
                "as Netty reports it with the address");
    }

    @Test
    void shouldMatchEveryKnownSpelling_ignoringCase() {
        assertEquals(Errno.ECONNRESET, Errno.of(new IOException("Connection reset")), "the JDK's own text");
        assertEquals(Errno.ECONNREFUSED, Errno.of(new ConnectException("finishConnect(..) failed: connection refused")));
        assertEquals(Errno.EADDRNOTAVAIL, Errno.of(new BindException("Address not available")), "musl's text");
        assertEquals(Errno.ENFILE, Errno.of(new IOException("Too many open files in system")), "not EMFILE, whose text it begins with");
        assertEquals(Errno.EMFILE, Errno.of(new IOException("accept(..) failed: Too many open files")));
    }

    @Test
    void shouldGiveNoErrno_whenTheTableDoesNotListIt() {
        assertNull(Errno.byNumber(95));
        assertNull(Errno.of(new IOException("Operation not supported")));
        assertNull(Errno.of(new IOException((String) null)));
        assertEquals(OptionalInt.empty(), Errno.number(new IOException("Too many open files")), "NIO keeps no number");
    }

    @Test
    void shouldKeepTheNumberButGiveNoErrno_whenNettyReadsOneTheTableDoesNotList() {
        assumeTrue(Epoll.isAvailable());
        Errors.NativeIoException unlisted = new Errors.NativeIoException("accept", -95, false);

        assertEquals(OptionalInt.of(95), Errno.number(unlisted));
        assertNull(Errno.of(unlisted));
    }
}
