package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void shouldShowElapsedRateLatencyErrorsAndConnections() {
        assertEquals("   4s/10s      2,000 req/s  p50 0.180 ms  p99 0.410 ms  errors 0  connections 3",
                ProgressLine.format(4.0, 10.0, false, 2000, 0.18, 0.41, 0, 3));
        assertEquals("warmup    1s      1,000 req/s  p50 - ms  p99 - ms  errors 5  connections 1",
                ProgressLine.format(1.0, Double.NaN, true, 1000, Double.NaN, Double.NaN, 5, 1));
    }

    @Test
    void shouldRewriteOneLineOnATerminal_andPrintLinesOtherwise() {
        StringWriter tty = new StringWriter();
        ProgressLine onTerminal = new ProgressLine(new PrintWriter(tty), true);
        onTerminal.show("a");
        onTerminal.show("b");
        onTerminal.end();
        assertEquals("\ra\u001b[K\rb\u001b[K" + System.lineSeparator(), tty.toString());

        StringWriter file = new StringWriter();
        ProgressLine intoFile = new ProgressLine(new PrintWriter(file), false);
        intoFile.show("a");
        intoFile.show("b");
        intoFile.end();
        assertEquals("a" + System.lineSeparator() + "b" + System.lineSeparator(), file.toString());
    }
}
