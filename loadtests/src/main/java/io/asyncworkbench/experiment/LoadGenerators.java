package io.asyncworkbench.experiment;

import io.asyncworkbench.load.Summary;
import io.asyncworkbench.load.SummaryMerge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generators of one series: one {@link GeneratorProcess} on each load host (on one box:
 * one, here). A load runs on all of them at once, each with its share ({@link LoadShares}), all
 * started on one agreed instant ({@code --start-at}, on each host's clock: the runner's plus the
 * host's measured offset); their summaries and interval logs come back into the run folder, and
 * the total adds them exactly ({@link SummaryMerge}).
 *
 * <pre>{@code
 * try (LoadGenerators load = LoadGenerators.start(hosts, offsets, prefix, loadJar, folder, "threads-1")) {
 *     LoadGenerators.Result step = load.run(List.of("--url", url, "--rate", "2000", "--duration", "3s"), true);
 *     step.total();   // what steps.csv records
 *     step.hosts();   // what steps-by-host.csv records
 * }
 * }</pre>
 */
final class LoadGenerators implements AutoCloseable {

    /**
     * How far ahead of now the agreed start is set: room for the line to reach every host over
     * SSH and for each generator to prime its connections (a few milliseconds on a LAN).
     */
    static final Duration START_LEAD = Duration.ofMillis(500);

    /** One host's part of a load: its flags, its summary, and its interval log in the run folder (null when none was asked for). */
    record HostResult(Host host, List<String> args, Summary summary, Path hlog, double clockOffsetMillis) {
    }

    /** A load's total and every host's part of it. */
    record Result(Summary total, List<HostResult> hosts) {

        /** Deletes the hosts' interval logs, once they have been added to the series' logs. */
        void deleteLogs() throws IOException {
            for (HostResult h : hosts) {
                if (h.hlog() != null) {
                    Files.deleteIfExists(h.hlog());
                }
            }
        }
    }

    private record Member(Host host, GeneratorProcess process, double clockOffsetMillis) {
    }

    private final List<Member> members;
    private final Path folder;

    private LoadGenerators(List<Member> members, Path folder) {
        this.members = members;
        this.folder = folder;
    }

    /**
     * Starts a generator on each of {@code hosts} (whose clock offsets from the runner's are
     * {@code clockOffsetsMillis}), each program behind {@code prefix} (its placement), its log in
     * {@code folder} as {@code <series>.load.log} (one host) or {@code <series>.<label>.load.log}.
     */
    static LoadGenerators start(List<Host> hosts, List<Double> clockOffsetsMillis, List<String> prefix, Path loadJar,
                                Path folder, String series) throws IOException {
        List<Member> members = new ArrayList<>();
        try {
            for (int i = 0; i < hosts.size(); i++) {
                Host host = hosts.get(i);
                host.createScratch();
                List<String> command = host.command(GeneratorProcess.command(prefix, host.java(), host.install(loadJar)));
                String log = hosts.size() == 1 ? series + ".load.log" : series + "." + host.label() + ".load.log";
                members.add(new Member(host, GeneratorProcess.start(command, folder.resolve(log).toAbsolutePath()),
                        clockOffsetsMillis.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            new LoadGenerators(members, folder).close();
            throw e;
        }
        return new LoadGenerators(members, folder);
    }

    /** The hosts, in order. */
    List<Host> hosts() {
        return members.stream().map(Member::host).toList();
    }

    /**
     * Runs one load with {@code args} ({@code workbench load} flags, the total load) on every host;
     * with {@code keepLogs} each host's interval log stays in the run folder for the caller (who
     * deletes it with {@link Result#deleteLogs()}).
     */
    Result run(List<String> args, boolean keepLogs) throws IOException {
        int n = members.size();
        // With more than one host the total's percentiles come from the hosts' logs, so they are always written.
        boolean logs = keepLogs || n > 1;
        Instant startAt = n > 1 ? Instant.now().plus(START_LEAD) : null;
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            List<String> share = new ArrayList<>(LoadShares.share(args, n, i));
            shares.add(List.copyOf(share));
            share.addAll(List.of("--json", m.host().scratch(folder, json(m))));
            if (logs) {
                share.addAll(List.of("--hlog", m.host().scratch(folder, hlog(m))));
            }
            if (startAt != null) {
                share.addAll(List.of("--start-at", startAt.plusNanos((long) (m.clockOffsetMillis() * 1e6)).toString()));
            }
            m.process().send(share);
        }
        IOException failed = null;
        for (Member m : members) {
            try {
                m.process().awaitDone();
            } catch (IOException e) {
                failed = failed == null ? new IOException(m.host().describe() + ": " + e.getMessage(), e) : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        List<HostResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            List<String> files = new ArrayList<>(List.of(m.host().scratch(folder, json(m))));
            if (logs) {
                files.add(m.host().scratch(folder, hlog(m)));
            }
            m.host().fetch(files, folder);
            results.add(new HostResult(m.host(), shares.get(i), GeneratorProcess.readSummary(folder.resolve(json(m))),
                    logs ? folder.resolve(hlog(m)) : null, m.clockOffsetMillis()));
        }
        Summary total = n == 1 ? results.getFirst().summary()
                : SummaryMerge.merge(results.stream().map(r -> r.host().label()).toList(),
                        results.stream().map(HostResult::summary).toList(), results.stream().map(HostResult::hlog).toList());
        Result result = new Result(total, results);
        if (!keepLogs) {
            result.deleteLogs();
        }
        return result;
    }

    private static String json(Member m) {
        return ".step." + m.host().label() + ".json";
    }

    private static String hlog(Member m) {
        return ".step." + m.host().label() + ".hlog";
    }

    /** Ends every generator (each exits at the end of its input) and removes the hosts' scratch files. */
    @Override
    public void close() {
        for (Member m : members) {
            m.process().close();
            m.host().removeScratch();
        }
    }
}
