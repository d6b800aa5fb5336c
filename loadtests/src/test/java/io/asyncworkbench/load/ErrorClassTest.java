package io.asyncworkbench.load;

import io.asyncworkbench.transport.Errno;
import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ErrorClassTest {

    @Test
    void shouldClassifyConnectFailures_asEpollAndNioReportThem() {
        assertEquals(ErrorClass.REFUSED, ErrorClass.of(new ConnectException("finishConnect(..) failed: Connection refused: /127.0.0.1:9")));
        assertEquals(ErrorClass.REFUSED, ErrorClass.of(new ConnectException("Connection refused")));
        assertEquals(ErrorClass.CONNECT_TIMEOUT, ErrorClass.of(new ConnectTimeoutException("connection timed out after 5000 ms")));
        assertEquals(ErrorClass.NO_EPHEMERAL_PORT, ErrorClass.of(new IOException("connect(..) failed: Cannot assign requested address")));
        assertEquals(ErrorClass.FD_LIMIT, ErrorClass.of(new IOException("newSocketStream(..) failed: Too many open files")));
    }

    @Test
    void shouldClassifyBrokenConnections() {
        assertEquals(ErrorClass.RESET, ErrorClass.of(new IOException("recvAddress(..) failed: Connection reset by peer")));
        assertEquals(ErrorClass.RESET, ErrorClass.of(new IOException("writevAddresses(..) failed: Broken pipe")));
        assertEquals(ErrorClass.CLOSED, ErrorClass.of(new ClosedChannelException()));
    }

    @ParameterizedTest
    @CsvSource({
            "EMFILE, FD_LIMIT", "ENFILE, FD_LIMIT", "EADDRNOTAVAIL, NO_EPHEMERAL_PORT", "ECONNREFUSED, REFUSED",
            "ECONNRESET, RESET", "EPIPE, RESET", "ETIMEDOUT, CONNECT_TIMEOUT", "ENOBUFS, OTHER", "EPERM, OTHER"})
    void shouldClassifyAnErrnoOneWay_whetherEpollGivesItsNumberOrNioItsText(Errno errno, ErrorClass expected) {
        assumeTrue(Epoll.isAvailable(), "the native library formats the message");
        Errors.NativeIoException fromEpoll = new Errors.NativeIoException("connect", -errno.number(), false);

        assertEquals(expected, ErrorClass.of(fromEpoll));
        assertEquals(expected, ErrorClass.of(new ChannelException("failed to open a new channel", fromEpoll)));
        assertEquals(expected, ErrorClass.of(new IOException(errno.text())), "as Java NIO reports it");
    }

    @Test
    void shouldLookThroughTheCauses_andFallBackToOther() {
        assertEquals(ErrorClass.FD_LIMIT, ErrorClass.of(new RuntimeException("failed to open a new channel",
                new IOException("Too many open files"))));
        assertEquals(ErrorClass.OTHER, ErrorClass.of(new IllegalStateException("something else")));
        assertEquals(ErrorClass.OTHER, ErrorClass.of(new IOException((String) null)));
    }

    @Test
    void shouldGiveEveryClassAOneLineHint() {
        for (ErrorClass e : ErrorClass.values()) {
            assertTrue(!e.hint().isBlank() && !e.hint().contains("\n"), e.name());
        }
        assertTrue(ErrorClass.NO_EPHEMERAL_PORT.hint().contains("--source-addresses"));
    }

    @Test
    void shouldExplainStatusesByClass() {
        assertEquals("the server failed to handle the request", ErrorClass.statusHint(500));
        assertEquals("the server is overloaded or shedding load", ErrorClass.statusHint(503));
        assertEquals("no such path on the server: check --url", ErrorClass.statusHint(404));
        assertTrue(ErrorClass.statusHint(418).contains("rejected"));
        assertTrue(ErrorClass.statusHint(301).contains("redirect"));
    }
}
