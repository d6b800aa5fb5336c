package io.asyncworkbench.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hosts table and the per-host step tables of the run whose load came from two hosts
 * ({@code fixture-runs-hosts/}: 2,000, 4,000 and 6,000 req/s, each offered half by {@code load-1}
 * and half by {@code load-2}, three repetitions; at 6,000 load-2 lacked CPU in two of them). Its
 * report is rendered alone into {@code target/hosts-report/results/}, where it stays to be looked at.
 */
@Timeout(60)
class HostTablesTest {

    private static final Path ROOT = Path.of("target/hosts-report");

    static Run run;
    static Path out;

    @BeforeAll
    static void render() throws IOException, DamagedRunException {
        FixtureReport.deleteRecursively(ROOT);
        Path runDir = FixtureRuns.copyHostsRunTo(ROOT);
        run = Run.load(runDir);
        out = ROOT.resolve("results");
        StringWriter text = new StringWriter();
        int status = Report.render(runDir.getParent().getParent(), List.of(), ROOT.resolve("no-jmh"), out,
                new PrintWriter(text, true), new PrintWriter(text, true));
        assertEquals(0, status, text.toString());
    }

    @Test
    void shouldListTheServerThenEachLoadHost_withTheirMachinesAndClocks() {
        Block.Table hosts = HostTables.hosts(run);

        assertEquals(List.of("role", "label", "destination", "address", "CPUs", "CPU model", "kernel", "JDK", "clock offset ms"),
                hosts.header());
        assertEquals(List.of(
                List.of("server", "server", "`root@198.19.7.2`", "198.19.7.2", "2", "Intel Xeon E-2388G (fixture)", "Linux 6.1",
                        "25.0.1 (Eclipse Adoptium)", "+0.40 ± 1.20"),
                List.of("load", "load-1", "`wbhost2`", "198.19.7.3", "4", "AMD EPYC 7B13 (fixture)", "Linux 6.1",
                        "25.0.1 (Eclipse Adoptium)", "-0.20 ± 0.90"),
                List.of("load", "load-2", "`bench@wbhost3`", "198.19.7.4", "2", "AMD EPYC 7B13 (fixture)", "Linux 6.6",
                        "21.0.5 (Eclipse Adoptium)", "+1.35 ± 0.60")), hosts.rows());
    }

    @Test
    void shouldWriteTheClockAsOffsetAndUncertainty_orNoneWhenUnmeasured() {
        assertEquals("0.00 ± 0.00", HostTables.clock(0.0, 0.0), "the runner's own machine");
        assertEquals("-12.5", HostTables.clock(-12.5, null));
        assertEquals(Numbers.NONE, HostTables.clock(null, 1.0));
    }

    @Test
    void shouldShowEachStepsHostsThenTheirTotal_asMediansWithRanges() {
        List<Block> blocks = HostTables.steps(run, "threads-1");
        assertEquals(2, blocks.size(), "one open-model table and its heading");
        Block.Table table = (Block.Table) blocks.get(1);

        assertEquals(List.of("step", "host", "offered req/s", "share", "achieved req/s", "p99 ms", "send lag p99 ms",
                "generator CPU", "generator-limited"), table.header());
        assertEquals(9, table.rows().size(), "3 steps, each 2 hosts and their total");
        assertEquals(List.of(
                List.of("2,000 req/s", "load-1", "1,000", "50.0%", "1,000 (998–1,000)", "0.66 (0.64–0.69)", "0.08", "12.0%", ""),
                List.of("", "load-2", "1,000", "50.0%", "1,000 (997–1,000)", "0.70 (0.67–0.72)", "0.09", "13.0%", ""),
                List.of("", "total", "2,000", "", "1,998 (1,997–2,000)", "0.68 (0.66–0.70)", "0.09", "13.0%", "")),
                table.rows().subList(0, 3));
        // At 6,000 req/s load-2 fell behind in repetitions 1 and 3: its share, its CPU, and the flag say so.
        assertEquals(List.of(
                List.of("6,000 req/s", "load-1", "3,000", "51.9%", "3,000 (2,998–3,000)", "2.60 (2.50–2.70)", "0.10", "31.0%", ""),
                List.of("", "load-2", "3,000", "48.1%", "2,720 (2,640–2,990)", "9.80 (4.10–12.5)", "2.40", "96.0%", "2 of 3"),
                List.of("", "total", "6,000", "", "5,720 (5,640–5,988)", "8.90 (3.90–11.0)", "2.10", "96.0%", "2 of 3")),
                table.rows().subList(6, 9));
    }

    @Test
    void shouldKeyEachStepByItsUsers_whenTheModelIsClosed(@TempDir Path root) throws IOException, DamagedRunException {
        Path closed = FixtureRuns.copyHostsRunTo(root);
        for (String file : List.of("steps.csv", "steps-by-host.csv")) {
            Path csv = closed.resolve(file);
            Files.writeString(csv, Files.readString(csv).replaceAll(",sweep,open,(\\d+),,", ",step,closed,,$1,"));
        }

        List<Block> blocks = HostTables.steps(Run.load(closed), "threads-1");

        Block.Table table = (Block.Table) blocks.get(1);
        assertTrue(((Block.Paragraph) blocks.get(0)).text().contains("closed model, by load host:"));
        assertEquals("users", table.header().get(2));
        assertEquals(List.of("6,000 users", "load-1", "3,000", "51.9%"), table.rows().get(6).subList(0, 4));
        assertEquals(List.of("", "total", "6,000", ""), table.rows().get(8).subList(0, 4));
    }

    @Test
    void shouldShowNoHostTables_whenTheRunHasNoHosts() throws IOException, DamagedRunException {
        Path root = ROOT.resolve("plain");
        Run plain = Run.load(FixtureRuns.onlyRun(FixtureRuns.copyTo(root, List.of("part1-single-thread")).resolve("part1-single-thread")));
        assertEquals(List.of(), HostTables.steps(plain, "threads-1"));
        assertFalse(Files.readString(Path.of("src/test/resources/golden/README.md")).contains("by load host"),
                "the six fixture runs have no hosts: their report has no host tables");
    }

    @Test
    void shouldPlaceTheHostTablesInTheExperimentsSection_whenRendered() throws IOException {
        String md = Files.readString(out.resolve("README.md"));
        int steps = md.indexOf("Netty, 1 thread (`threads-1`), open model:");
        int byHost = md.indexOf("Netty, 1 thread (`threads-1`), open model, by load host:");
        int machine = md.indexOf("### Machine");
        int hosts = md.indexOf("### Hosts");
        assertTrue(0 < steps && steps < byHost && byHost < machine && machine < hosts, "steps, by host, machine, hosts: " + md);
        assertTrue(md.contains("| 6,000 req/s | load-1 | 3,000 | 51.9% | 3,000 (2,998–3,000) |"), md);
        assertTrue(md.contains("| load | load-2 | `bench@wbhost3` | 198.19.7.4 | 2 |"), md);
        assertTrue(md.contains("| server host `root@198.19.7.2`, load from 2 hosts (see Hosts) |"), "the series table says where it ran: " + md);

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h3 id=\"part1-single-thread-hosts\">Hosts</h3>"));
        assertTrue(html.contains("<tr><td></td><td>load-2</td><td class=\"n\">3,000</td><td class=\"n\">48.1%</td>"), html);
    }
}
