package io.asyncworkbench.http;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared exchange policy on request heads built by hand, no decoder and no socket. */
class ExchangePolicyTest {

    /** A head: method, target, version, then field lines as "name: value". */
    private record Head(String method, String target, int majorVersion, int minorVersion, String... fields) implements RequestHead {
        @Override
        public List<String> values(Field field) {
            return Arrays.stream(fields).filter(f -> f.toLowerCase(Locale.ROOT).startsWith(field.fieldName() + ":"))
                    .map(f -> f.substring(f.indexOf(':') + 1).trim()).toList();
        }
    }

    private static int status(String method, String target, int major, int minor, String... fields) {
        return ExchangePolicy.decide(new Head(method, target, major, minor, fields), 1024).status();
    }

    @Test
    void plainGet_shouldBeServed_andKeptAlive() {
        Verdict verdict = ExchangePolicy.decide(new Head("GET", "/data", 1, 1, "host: x"), 1024);
        assertFalse(verdict.rejected());
        assertTrue(verdict.keepAlive());
        assertFalse(verdict.headOnly());
    }

    @Test
    void unsupportedMajorVersion_shouldGet505() {
        assertEquals(505, status("GET", "/data", 7, 1, "host: x"));
        assertEquals(505, status("GET", "/data", 2, 0, "host: x"));
        assertEquals(0, status("GET", "/data", 1, 2, "host: x"), "a higher minor version is served as 1.1");
    }

    @Test
    void hostRules_shouldFollowRfc9112Section3_2() {
        assertEquals(400, status("GET", "/data", 1, 1));
        assertEquals(400, status("GET", "/data", 1, 1, "host: a", "host: b"));
        assertEquals(400, status("GET", "/data", 1, 1, "host: a b"));
        assertEquals(400, status("GET", "/data", 1, 1, "host: x:8o"));
        assertEquals(0, status("GET", "/data", 1, 1, "host: "), "an empty Host is valid");
        assertEquals(0, status("GET", "/data", 1, 1, "host: [::1]:8080"));
        assertEquals(0, status("GET", "/data", 1, 0), "HTTP/1.0 needs no Host");
    }

    @Test
    void framing_shouldRefuseWhatCouldBeSmuggled() {
        assertEquals(400, status("POST", "/data", 1, 1, "host: x", "transfer-encoding: chunked", "content-length: 3"));
        assertEquals(400, status("POST", "/data", 1, 1, "host: x", "transfer-encoding: chunked, gzip"));
        assertEquals(400, status("POST", "/data", 1, 1, "host: x", "transfer-encoding: chunked", "transfer-encoding: chunked"));
        assertEquals(400, status("POST", "/data", 1, 0, "transfer-encoding: chunked"));
        assertEquals(501, status("POST", "/data", 1, 1, "host: x", "transfer-encoding: gzip, chunked"));
        assertEquals(400, status("POST", "/data", 1, 1, "host: x", "content-length: 1", "content-length: 1"));
        assertEquals(400, status("POST", "/data", 1, 1, "host: x", "content-length: +1"));
        assertEquals(413, status("POST", "/data", 1, 1, "host: x", "content-length: 1025"));
        assertEquals(0, status("POST", "/data", 1, 1, "host: x", "transfer-encoding: Chunked"));
    }

    @Test
    void targetsAndMethods_shouldBeCheckedBeforeRouting() {
        assertEquals(400, status("GET", "data", 1, 1, "host: x"));
        assertEquals(400, status("GET", "/da ta", 1, 1, "host: x"));
        assertEquals(400, status("GET", "/data#top", 1, 1, "host: x"));
        assertEquals(400, status("GET", "*", 1, 1, "host: x"));
        assertEquals(0, status("OPTIONS", "*", 1, 1, "host: x"));
        assertEquals(0, status("GET", "http://example.com/data?x=%20", 1, 1, "host: x"));
        assertEquals(405, status("CONNECT", "example.com:443", 1, 1, "host: x"));
        assertEquals(501, status("BREW", "/data", 1, 1, "host: x"));
    }

    @Test
    void expect_shouldAskForContinue_onlyWhenABodyFollows() {
        assertTrue(ExchangePolicy.decide(new Head("POST", "/data", 1, 1, "host: x", "content-length: 5", "expect: 100-continue"), 1024).expectContinue());
        assertFalse(ExchangePolicy.decide(new Head("GET", "/data", 1, 1, "host: x", "expect: 100-continue"), 1024).expectContinue());
        assertFalse(ExchangePolicy.decide(new Head("POST", "/data", 1, 0, "content-length: 5", "expect: 100-continue"), 1024).expectContinue());
        assertEquals(417, status("GET", "/data", 1, 1, "host: x", "expect: teapot"));
    }

    @Test
    void keepAlive_shouldFollowTheVersionAndTheConnectionField() {
        assertFalse(ExchangePolicy.decide(new Head("GET", "/data", 1, 1, "host: x", "connection: Close"), 1024).keepAlive());
        assertFalse(ExchangePolicy.decide(new Head("GET", "/data", 1, 0), 1024).keepAlive());
        assertTrue(ExchangePolicy.decide(new Head("GET", "/data", 1, 0, "connection: keep-alive"), 1024).keepAlive());
        assertTrue(ExchangePolicy.decide(new Head("HEAD", "/data", 1, 1, "host: x"), 1024).headOnly());
    }

    @Test
    void allow_shouldGoWith405_andWithOptions() {
        assertEquals(ExchangePolicy.ALLOW, ExchangePolicy.allowFor(405, "POST"));
        assertEquals(ExchangePolicy.ALLOW, ExchangePolicy.allowFor(200, "OPTIONS"));
        assertNull(ExchangePolicy.allowFor(200, "GET"));
    }
}
