package io.asyncworkbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the report draws for each experiment of DESIGN.md, as a table: its place in the report,
 * two sentences on what it shows (used when a run's {@code meta.json} has no summary), and the
 * figures. An experiment not in the table still renders: a rate sweep for its open-model steps
 * and a users figure for its closed-model ones.
 */
record ExperimentKind(String name, int order, String summary, List<Function<Run, List<Figure>>> figures) {

    private static final List<ExperimentKind> KNOWN = List.of(
            new ExperimentKind("part1-single-thread", 1,
                    "One event-loop thread swept through rising request rates until it saturates. The achieved rate follows"
                            + " the offered one up to the knee, where p99 latency climbs: the blog's 6,000 req/s on its hardware.",
                    List.of(SweepComparisonFigure::of, RateSweepFigure::of, PercentileFigure::of)),
            new ExperimentKind("part1-reuseport", 2,
                    "The same sweep with 1, 2 (and 4 where cores allow) event loops, each with its own SO_REUSEPORT socket on"
                            + " one port. The maximum sustainable rate should grow with the threads, as the blog's 6k, 11k, 20k req/s did.",
                    List.of(ScalingFigure::of, SweepComparisonFigure::of, RateSweepFigure::of, PercentileFigure::of)),
            new ExperimentKind("part3-offload", 3,
                    "A new connection per request and 4 ms of CPU work, done on the accepting thread (inline) or on a worker"
                            + " pool (offload). Offloading raises the sustainable rate (the blog: ~250 to ~1,300 req/s) and lets the"
                            + " server accept more connections than it finishes.",
                    List.of(StackedFigures::whereConnectionsWait, StackedFigures::connectionsOverTime, SweepComparisonFigure::of,
                            RateSweepFigure::of, PercentileFigure::of)),
            new ExperimentKind("accept-loop", 4,
                    "A server limited to a few file descriptors is hit with many more connections, then asked for a new one."
                            + " A naive accept loop spins on EMFILE; the hardened one pauses, stays up and accepts again.",
                    List.of(StackedFigures::acceptLoop)),
            new ExperimentKind("ephemeral-ports", 5,
                    "A connection per request, closed by the client, from one local address against several. From one address"
                            + " the local ports run out (EADDRNOTAVAIL) once TIME_WAIT holds the whole port range.",
                    List.of(StackedFigures::ephemeralPorts)),
            new ExperimentKind("book-blocking-vs-async", 6,
                    "The book's closed-model test: 10 to 2,000 users, each sending its next request when the last is answered, against a blocking server on platform"
                            + " threads, on virtual threads, and the async server. The book saw the async server do ~10x the blocking"
                            + " one's throughput with far fewer errors at 2,000 users.",
                    List.of(StackedFigures::usersSweep)));

    /** The kind of {@code experiment}; an unknown one gets the generic figures and sorts last. */
    static ExperimentKind of(String experiment) {
        return KNOWN.stream().filter(k -> k.name().equals(experiment)).findFirst()
                .orElse(new ExperimentKind(experiment, Integer.MAX_VALUE, "",
                        List.of(RateSweepFigure::of, StackedFigures::usersSweep)));
    }

    /** Every figure of {@code run}, in the table's order. */
    List<Figure> figuresOf(Run run) {
        List<Figure> all = new ArrayList<>();
        figures.forEach(f -> all.addAll(f.apply(run)));
        return all;
    }
}
