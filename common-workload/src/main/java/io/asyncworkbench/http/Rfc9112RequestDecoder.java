package io.asyncworkbench.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, strict where RFC 9112 is and Netty is not by default: the version must
 * read {@code HTTP/DIGIT.DIGIT} to the letter (RFC 9112 §2.3: the name is case-sensitive), where
 * Netty upper-cases {@code http/1.1} and takes {@code HTTP/1.10}. A version that breaks the grammar
 * fails the request (400); one that keeps it but is not 1.x ({@code HTTP/7.1}) is decoded, and
 * {@link ExchangePolicy} answers it 505.
 *
 * <p>The rest is configuration ({@link #config}): lines end in CRLF only, and {@code Content-Length}
 * beside {@code Transfer-Encoding} fails the request instead of being dropped (RFC 9112 §6.1).
 */
public final class Rfc9112RequestDecoder extends HttpRequestDecoder {

    public Rfc9112RequestDecoder(HttpLimits limits) {
        super(config(limits));
    }

    /** The decoder settings every server here uses, Vert.x's aside (it builds its own decoder). */
    static HttpDecoderConfig config(HttpLimits limits) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true);
    }

    @Override
    protected String splitThirdWordInitialLine(byte[] asciiBytes, int start, int length) {
        if (length != 8 || asciiBytes[start] != 'H' || asciiBytes[start + 1] != 'T' || asciiBytes[start + 2] != 'T'
                || asciiBytes[start + 3] != 'P' || asciiBytes[start + 4] != '/' || !isDigit(asciiBytes[start + 5])
                || asciiBytes[start + 6] != '.' || !isDigit(asciiBytes[start + 7])) {
            throw new IllegalArgumentException("invalid HTTP-version: HTTP/DIGIT.DIGIT expected");
        }
        return super.splitThirdWordInitialLine(asciiBytes, start, length);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
