package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.handler.codec.http.HttpMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code workbench load}: the flags, each with an example in {@code --help}. {@link LoadPlans}
 * checks them and builds the {@link LoadPlan}; {@link LoadRun} carries it out.
 */
@Command(name = "load", mixinStandardHelpOptions = true, version = "async-http-workbench 0.1", sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Loads any HTTP/1.1 server and reports latency without coordinated omission.",
                "%nLatency is corrected (from the intended send time), with the uncorrected latency (from the actual "
                        + "send) in brackets; errors are counted by class with a hint; a warning says when the generator "
                        + "itself fell behind or ran short of CPU. Choose one model: --rate, --users or --profile. "
                        + "One unrecorded primer request per thread goes out before the clock starts.%n"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  workbench load --url http://127.0.0.1:8080/data --rate 2000 --duration 30s",
                "  workbench load --url http://127.0.0.1:8080/data --users 64 --warmup 2s",
                "  workbench load --url http://127.0.0.1:8080/data --users 10 \\",
                "      --requests-per-user 50",
                "  workbench load --url http://127.0.0.1:8080/data --profile phases.yaml \\",
                "      --connection-close --source-addresses 127.0.0.2-127.0.0.9 \\",
                "      --hlog run.hlog --json run.json"})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The server to load (http only). Example: --url http://127.0.0.1:8080/data")
    URI url;

    @Option(names = "--rate", paramLabel = "RPS",
            description = "Open model: requests per second on a fixed schedule, whatever the responses do. Example: --rate 2000")
    Double rate;

    @Option(names = "--users", paramLabel = "N",
            description = "Closed model: N users, each sending its next request when the last is answered. Example: --users 64")
    Integer users;

    @Option(names = "--requests-per-user", paramLabel = "N",
            description = "Closed model: each user sends N requests, then stops; without --duration the run ends when all have. Example: --requests-per-user 50")
    Integer requestsPerUser;

    @Option(names = "--ramp", paramLabel = "DURATION", defaultValue = "0s",
            description = "Closed model: start the users evenly over this time (default: ${DEFAULT-VALUE}, all at once). Example: --ramp 5s")
    Duration ramp;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Arrival phases, JSON or YAML (.yaml/.yml): phases of {duration, arrivalRate (new users/s), maxUsers}, "
                    + "session.requests per user (0: loop until the end). Example: --profile phases.yaml")
    Path profile;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to measure, after the warmup (default: 10s; with --profile the profile's length minus the warmup; "
                    + "with --requests-per-user until every user is done). Example: --duration 30s")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s",
            description = "Load first for this long without recording (default: ${DEFAULT-VALUE}). Example: --warmup 5s")
    Duration warmup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Per request, for the connect and for the response; also how long the end waits for requests in flight "
                    + "(default: ${DEFAULT-VALUE}). Example: --timeout 2s")
    Duration timeout;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Event-loop threads of the generator (default: ${DEFAULT-VALUE}). Example: --threads 2")
    int threads;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "At most N open connections; a request that finds none free waits, and its wait counts in its latency "
                    + "(default: the users for --users, the profile's peak maxUsers or 1000 for --profile, 100 for --rate). Example: --max-connections 64")
    Integer maxConnections;

    @Option(names = "--connection-close",
            description = "Send 'Connection: close': a new connection per request, which the server closes after responding. Example: --connection-close")
    boolean connectionClose;

    @Option(names = "--client-close",
            description = "A new connection per request, which the generator closes itself once the response is read (as siege "
                    + "does), so TIME_WAIT holds the generator's local port, not the server's. Example: --client-close")
    boolean clientClose;

    @Option(names = "--hold-idle", paramLabel = "N", defaultValue = "0",
            description = "Besides the load, open N connections when the clock starts and hold them without a request until "
                    + "the end: an idle storm, as in the accept-loop chapter (connections the server cannot accept wait in "
                    + "its listen queue). Example: --hold-idle 1000")
    int holdIdle;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "A request header; repeat for more. Example: --header 'Accept: application/json'")
    List<String> headers = new ArrayList<>();

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET",
            description = "The request method, sent without a body (default: ${DEFAULT-VALUE}). Example: --method HEAD")
    String method;

    @Option(names = "--source-addresses", paramLabel = "RANGE",
            description = "Bind connections round-robin to these local addresses, each with its own ephemeral ports. "
                    + "Example: --source-addresses 127.0.0.2-127.0.0.9")
    String sourceAddresses;

    @Option(names = "--transport", paramLabel = "auto|epoll|io_uring|nio", defaultValue = "auto", converter = Transport.Converter.class,
            description = "The I/O transport (default: ${DEFAULT-VALUE}: epoll where it loads, else nio). Example: --transport nio")
    Transport transport;

    @Option(names = "--start-at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Start the schedule at this time (UTC, ISO-8601), after the connections are primed: for load "
                    + "from several hosts on one schedule. Too late when primed: starts at once, with a warning. "
                    + "Example: --start-at 2026-12-08T03:30:00.250Z")
    Instant startAt;

    @Option(names = "--hlog", paramLabel = "FILE",
            description = "Write an HdrHistogram interval log, 1 s intervals: corrected latency untagged, uncorrected tagged. Example: --hlog run.hlog")
    Path hlog;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the summary as JSON, with the command line and the start and end times. Example: --json run.json")
    Path json;

    @Override
    public Integer call() throws Exception {
        LoadPlan plan = LoadPlans.of(this, spec);
        new LoadRun(plan, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
        return 0;
    }

    /** Parses {@code --start-at 2026-12-08T03:30:00.250Z}. */
    public static final class InstantConverter extends io.asyncworkbench.cli.ParsingConverter<Instant> {
        public InstantConverter() {
            super(text -> {
                try {
                    return Instant.parse(text);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a UTC time such as 2026-12-08T03:30:00.250Z");
                }
            });
        }
    }

    HttpMethod httpMethod() {
        return HttpMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT));
    }
}
