package io.asyncworkbench.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP/1.1 conformance corpus ({@code conformance/corpus.txt}, test data): raw request bytes,
 * the statuses every server must answer them with, and whether it then closes. {@link #check}
 * sends a case to a live server three ways, each on a fresh connection:
 *
 * <ol>
 *   <li>whole, in one write;</li>
 *   <li>byte by byte, one write each;</li>
 *   <li>split in two at every position, two writes.</li>
 * </ol>
 *
 * A case that keeps the connection open is followed by {@code GET /data ... Connection: close}:
 * the server must answer it too (200) and then close, which shows that it read the request's body
 * to its exact end: no byte of it was taken for a request, nothing after it was swallowed.
 */
public final class ConformanceCorpus {

    static final String PROBE = "GET /data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    /** One case: {@code request} as ISO-8859-1 text, one char a byte. */
    public record Case(String id, List<Integer> statuses, boolean closes, String request) {

        /** The statuses of the whole exchange: those of the case, then the probe's 200 if the connection stays open. */
        List<Integer> expected() {
            List<Integer> all = new ArrayList<>(statuses);
            if (!closes) {
                all.add(200);
            }
            return all;
        }

        String bytesSent() {
            return closes ? request : request + PROBE;
        }
    }

    private ConformanceCorpus() {
    }

    /** Every case of the corpus, in file order. */
    public static List<Case> load() {
        try (InputStream in = ConformanceCorpus.class.getResourceAsStream("/conformance/corpus.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(ConformanceCorpus::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case parse(String line) {
        String[] f = line.split("\\|", 4);
        List<Integer> statuses = Arrays.stream(f[1].trim().split("\\s+")).map(Integer::valueOf).toList();
        return new Case(f[0].trim(), statuses, f[2].trim().equals("close"), unescape(f[3].strip()));
    }

    /** {@code \r \n \t \0 \xHH} to the bytes they stand for. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
            }
        }
        return out.toString();
    }

    /** Sends {@code c} whole, byte by byte, and split at every position, and checks each answer. */
    public static void check(int port, Case c) throws IOException {
        assertAnswered(c, "whole", exchange(port, c, List.of(c.bytesSent())));
        List<String> bytes = c.bytesSent().chars().mapToObj(ch -> String.valueOf((char) ch)).toList();
        assertAnswered(c, "byte by byte", exchange(port, c, bytes));
        String sent = c.bytesSent();
        for (int at = 1; at < c.request().length(); at++) {
            assertAnswered(c, "split at " + at, exchange(port, c, List.of(sent.substring(0, at), sent.substring(at))));
        }
    }

    private static void assertAnswered(Case c, String how, RawHttp.Reply reply) {
        assertEquals(c.expected(), reply.statuses(), c.id() + ", sent " + how + ": " + reply.text());
        assertTrue(reply.closedByServer(), c.id() + ", sent " + how + ": the server left the connection open");
    }

    /**
     * Writes {@code parts} one write each, then reads it all. For a case the server closes, the
     * writes stop once it has answered (more bytes would meet a reset); else they all go.
     */
    private static RawHttp.Reply exchange(int port, Case c, List<String> parts) throws IOException {
        try (RawHttp raw = new RawHttp(port, 5000)) {
            for (String part : parts) {
                if (!c.closes()) {
                    raw.send(part);
                } else if (!raw.sendUnlessAnswered(part)) {
                    break;
                }
            }
            return raw.readAll();
        }
    }
}
