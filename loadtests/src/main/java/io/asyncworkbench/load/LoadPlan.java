package io.asyncworkbench.load;

import io.asyncworkbench.cli.Durations;
import io.asyncworkbench.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one {@code workbench load} run does, checked and complete: {@link LoadCommand} builds
 * it from the flags, {@link LoadRun} carries it out. Each workload model becomes the same two
 * things an event loop needs, an arrival schedule and a session length:
 * <ul>
 *   <li>open ({@code --rate 2000}): one phase of 2,000 arrivals/s, each user sending one request;</li>
 *   <li>closed ({@code --users 10 --requests-per-user 50}): 10 arrivals spread over {@code --ramp},
 *       each user sending 50 requests one after another;</li>
 *   <li>profile ({@code --profile phases.yaml}): the file's phases and session.</li>
 * </ul>
 *
 * @param duration the measured time after the warmup; {@code null} for a closed run that ends
 *                 when every user has sent its requests
 * @param startAt  when the schedule starts on this machine's clock (the load spread over hosts starts
 *                 on one agreed instant); {@code null}: as soon as the path is primed
 */
public record LoadPlan(URI url, HttpMethod method, List<Map.Entry<String, String>> headers,
                       Model model, double rateRps, int users, int requestsPerUser, Duration ramp,
                       ArrivalProfile profile, String profileName,
                       Duration warmup, Duration duration, Duration timeout,
                       int threads, int maxConnections, boolean connectionClose, boolean clientClose, int holdIdle,
                       List<InetAddress> sourceAddresses, Transport transport,
                       Path hlog, Path json, Instant startAt, String commandLine) {

    /** The workload models. */
    public enum Model { OPEN, CLOSED, PROFILE }

    public LoadPlan {
        headers = List.copyOf(headers);
        sourceAddresses = List.copyOf(sourceAddresses);
    }

    /** The host to connect to. */
    public String host() {
        return url.getHost();
    }

    /** The port to connect to (80 when the URL names none). */
    public int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** Warmup plus duration, or {@code null} when the run ends with its users. */
    public Duration runLength() {
        return duration == null ? null : warmup.plus(duration);
    }

    /** The arrivals of loop {@code loop} of {@code loops}. */
    public FireSchedule arrivals(int loop, int loops) {
        return switch (model) {
            case OPEN -> FireSchedule.ofPhases(List.of(new Phase(runLength(), rateRps, 0)), loop, loops);
            case CLOSED -> FireSchedule.evenly(users, ramp.toNanos(), loop, loops);
            case PROFILE -> FireSchedule.ofPhases(profile.phases(), loop, loops);
        };
    }

    /** The most users loop {@code loop} lets be active at once during phase {@code phase}. */
    public int maxUsers(int phase, int loop, int loops) {
        if (model != Model.PROFILE || phase >= profile.phases().size()) {
            return Integer.MAX_VALUE;
        }
        return profile.phases().get(phase).maxUsersOnLoop(loop, loops);
    }

    /** Requests per user session; {@link ArrivalProfile#FOREVER} (0) to loop until the run ends. */
    public int sessionRequests() {
        return switch (model) {
            case OPEN -> 1;
            case CLOSED -> requestsPerUser;
            case PROFILE -> profile.sessionRequests();
        };
    }

    /** Loop {@code loop}'s share of {@code --max-connections}. */
    public int maxConnectionsOnLoop(int loop, int loops) {
        return share(maxConnections, loop, loops);
    }

    /** Loop {@code loop}'s share of {@code --hold-idle}. */
    public int holdIdleOnLoop(int loop, int loops) {
        return share(holdIdle, loop, loops);
    }

    private static int share(int total, int loop, int loops) {
        return total / loops + (loop < total % loops ? 1 : 0);
    }

    /**
     * The request every user sends, as the bytes that go on the wire: encoded once by Netty's
     * encoder, then written again and again. Example: {@code GET /data HTTP/1.1\r\nhost: 127.0.0.1:8080\r\n\r\n}.
     */
    public byte[] requestBytes() {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        encoder.writeOutbound(newRequest());
        ByteBuf bytes = Unpooled.buffer();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; part.release()) {
            bytes.writeBytes(part);
        }
        encoder.finishAndReleaseAll();
        return ByteBufUtil.getBytes(bytes);
    }

    /** The request every user sends; immutable with an empty body. */
    public FullHttpRequest newRequest() {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.HOST, url.getPort() < 0 ? host() : host() + ":" + port());
        for (Map.Entry<String, String> header : headers) {
            h.add(header.getKey(), header.getValue());
        }
        if (connectionClose) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.PATCH)) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, Unpooled.EMPTY_BUFFER, h,
                new DefaultHttpHeaders());
    }

    /** One phrase for the model: {@code open model, 2,000 req/s}. */
    public String describeModel() {
        return switch (model) {
            case OPEN -> String.format(Locale.ROOT, "open model, %,.1f req/s", rateRps);
            case CLOSED -> String.format(Locale.ROOT, "closed model, %,d users%s%s", users,
                    requestsPerUser > 0 ? String.format(Locale.ROOT, " x %,d requests", requestsPerUser) : "",
                    ramp.isZero() ? "" : ", ramp " + Durations.format(ramp));
            case PROFILE -> String.format(Locale.ROOT, "profile %s, %d phase%s, %s per user", profileName,
                    profile.phases().size(), profile.phases().size() == 1 ? "" : "s",
                    profile.sessionRequests() == ArrivalProfile.FOREVER ? "looping"
                            : profile.sessionRequests() + " request" + (profile.sessionRequests() == 1 ? "" : "s"));
        };
    }

    /** Whether every request gets a new connection: the server closes it ({@code --connection-close}) or the generator does. */
    public boolean connectionPerRequest() {
        return connectionClose || clientClose;
    }

    /** The peak rate of new connections this plan asks for, when it opens one per request and the rate is known. */
    public double plannedConnectionsPerSecond() {
        if (!connectionPerRequest()) {
            return 0;
        }
        return switch (model) {
            case OPEN -> rateRps;
            case PROFILE -> profile.sessionRequests() == 1
                    ? profile.phases().stream().mapToDouble(Phase::arrivalRatePerSec).max().orElse(0) : 0;
            case CLOSED -> 0;
        };
    }
}
