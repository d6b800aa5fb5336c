package io.asyncworkbench.http;

/**
 * How large a request may be. Past a limit the server answers and closes the connection:
 * request line → 414, headers → 431, body → 413.
 */
public record HttpLimits(int maxRequestLineBytes, int maxHeaderBytes, long maxBodyBytes) {

    /** 4 KiB request line, 8 KiB of headers (Netty's and nginx's defaults), 64 KiB of body. */
    public static final HttpLimits DEFAULT = new HttpLimits(4096, 8192, 65536);

    public HttpLimits {
        if (maxRequestLineBytes < 16 || maxHeaderBytes < 16 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits too small: " + maxRequestLineBytes + "/" + maxHeaderBytes + "/" + maxBodyBytes);
        }
    }
}
