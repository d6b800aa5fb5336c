package io.asyncworkbench.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All of a server's metrics, rendered at {@code GET /metrics} in the Prometheus text format.
 *
 * <p>Each server thread records into its own {@link ThreadMetrics} (one writer, no locks); a
 * scrape reads them all and labels each sample with its thread, as the blog's Part 2 server did:
 *
 * <pre>
 * server_connections_accepted_total{thread="loop-0"} 200
 * server_connections_finished_total{thread="loop-0"} 199
 * server_connections_active{thread="loop-0"} 1
 * server_requests_total{thread="loop-0",status="200"} 4000
 * server_request_service_seconds{thread="loop-0",quantile="0.99"} 0.000412
 * </pre>
 *
 * Service-time quantiles are over everything recorded since the server started; a scraper that
 * wants them per interval diffs successive {@code _count}s or reads the load generator's log.
 *
 * <p>A scrape renders on the thread that serves it (an event loop, in the async stages), so it
 * must not hold up the threads that record: {@link #render()} takes no lock of its own. It reads
 * the counters (atomics) and drains each thread's service time once, under that summary's own
 * lock, which only scrapes take ({@link DurationSummary}): two scrapes at once each get a
 * consistent snapshot, and no value is counted twice or lost. The only other lock here, in
 * {@link #forThread}, is taken when a thread's metrics are first created, never when recording.
 */
public final class ServerMetrics {

    private final Map<String, String> info;
    private final ThreadMetrics shared;
    private final Map<String, ThreadMetrics> threads = new ConcurrentHashMap<>();
    private final List<ThreadMetrics> threadsInOrder = new CopyOnWriteArrayList<>();
    private final AcceptMetrics accept = new AcceptMetrics();
    private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    /**
     * Metrics kept per thread; {@code info} becomes the labels of {@code server_info}, e.g. stage,
     * transport, workload, threads.
     */
    public ServerMetrics(Map<String, String> info) {
        this(info, null);
    }

    private ServerMetrics(Map<String, String> info, String sharedLabel) {
        this.info = Map.copyOf(info);
        this.shared = sharedLabel == null ? null : register(new ThreadMetrics(sharedLabel, ThreadMetrics.Writers.MANY));
    }

    /**
     * Metrics that every thread records into together, labelled {@code thread="label"}: for servers
     * with a thread per connection, where per-thread series would be thousands of one-off lines.
     */
    public static ServerMetrics sharedByAllThreads(Map<String, String> info, String label) {
        return new ServerMetrics(info, label);
    }

    /**
     * The metrics the calling thread records into: its own, created on first use, or the shared
     * ones. Call it once per connection, not per request.
     */
    public ThreadMetrics forCurrentThread() {
        return shared != null ? shared : forThread(Thread.currentThread().getName());
    }

    private ThreadMetrics register(ThreadMetrics metrics) {
        threads.put(metrics.thread(), metrics);
        threadsInOrder.add(metrics);
        return metrics;
    }

    /** The metrics labelled {@code thread}, created on first use. */
    public ThreadMetrics forThread(String thread) {
        ThreadMetrics metrics = threads.get(thread);
        if (metrics != null) {
            return metrics;
        }
        synchronized (threads) {
            ThreadMetrics existing = threads.get(thread);
            return existing != null ? existing : register(new ThreadMetrics(thread, ThreadMetrics.Writers.ONE));
        }
    }

    public List<ThreadMetrics> threads() {
        return List.copyOf(threadsInOrder);
    }

    public AcceptMetrics accept() {
        return accept;
    }

    /** Adds a stage's own metrics to every scrape. */
    public void register(MetricsSource source) {
        sources.add(source);
    }

    /** Requests decoded but not answered yet, over all threads: what a graceful shutdown waits for. */
    public long requestsInFlight() {
        long total = 0;
        for (ThreadMetrics t : threadsInOrder) {
            total += t.requestsInFlight();
        }
        return total;
    }

    /** Renders every metric as Prometheus text; safe to call from several threads at once. */
    public String render() {
        List<ThreadMetrics> inOrder = threads();
        PrometheusText out = new PrometheusText();
        String[] infoLabels = info.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        out.family("server_info", "gauge", "The server's stage and configuration.");
        out.sample("server_info", 1, infoLabels);

        out.family("server_connections_accepted_total", "counter", "Connections accepted, by the thread that serves them.");
        inOrder.forEach(t -> out.sample("server_connections_accepted_total", t.accepted(), "thread", t.thread()));
        out.family("server_connections_finished_total", "counter", "Connections closed after being served.");
        inOrder.forEach(t -> out.sample("server_connections_finished_total", t.finished(), "thread", t.thread()));
        out.family("server_connections_active", "gauge", "Connections open now (accepted minus finished).");
        inOrder.forEach(t -> out.sample("server_connections_active", t.active(), "thread", t.thread()));

        out.family("server_requests_total", "counter", "Requests answered, by status.");
        inOrder.forEach(t -> t.writeStatuses(out, "server_requests_total"));
        out.family("server_requests_in_flight", "gauge", "Requests decoded and not answered yet.");
        inOrder.forEach(t -> out.sample("server_requests_in_flight", t.requestsInFlight(), "thread", t.thread()));

        // One drain per thread per scrape: the summary and the max below describe the same values.
        out.family("server_request_service_seconds", "summary",
                "Time from a request's decoding to its response being written, since start (HdrHistogram).");
        DurationSummary.Snapshot[] serviceTimes = new DurationSummary.Snapshot[inOrder.size()];
        for (int i = 0; i < serviceTimes.length; i++) {
            serviceTimes[i] = inOrder.get(i).drainServiceTime();
            serviceTimes[i].writeTo(out, "server_request_service_seconds", "thread", inOrder.get(i).thread());
        }
        out.family("server_request_service_max_seconds", "gauge", "Longest service time since start.");
        for (int i = 0; i < serviceTimes.length; i++) {
            out.sample("server_request_service_max_seconds", serviceTimes[i].maxSeconds(), "thread", inOrder.get(i).thread());
        }

        accept.writeTo(out);
        sources.forEach(source -> source.writeTo(out));
        return out.toString();
    }
}
