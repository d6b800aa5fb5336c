package io.asyncworkbench.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the six fixture runs and checks the output against committed golden files: the whole
 * {@code README.md} (step tables, published vs reproduced, machine) and every figure's CSV, byte
 * for byte. After an intended change, regenerate them with
 * {@code mvn -f results/pom.xml test -Dtest=ReportFixtureTest -Dgolden.update=true} and read the diff.
 * The rendered report stays in {@code target/fixture-report/results/} to look at (open its index.html).
 * Every PNG is checked for its size here; that they all show in a browser is {@link IndexPageBrowserTest}.
 */
@Timeout(60)
class ReportFixtureTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Path out;
    static String stdout;
    static int status;

    @BeforeAll
    static void render() throws IOException {
        FixtureReport.Rendered rendered = FixtureReport.get();
        out = rendered.out();
        status = rendered.status();
        stdout = rendered.output();
        if (Boolean.getBoolean("golden.update")) {
            copyGolden();
        }
    }

    @Test
    void shouldRenderEveryExperiment_whenAllRunsAreWhole() {
        assertEquals(0, status, stdout);
        assertEquals("report: rendered 6 experiment(s), 22 figure(s) into " + DamagedRunException.display(out)
                + " (README.md, index.html, figures/)\n", stdout);
    }

    @Test
    void shouldMatchTheGoldenReadme_whenRenderingTheFixtures() throws IOException {
        assertEquals(Files.readString(GOLDEN.resolve("README.md")), Files.readString(out.resolve("README.md")));
    }

    @Test
    void shouldMatchTheGoldenCsvs_whenRenderingTheFixtures() throws IOException {
        Map<String, String> expected = files(GOLDEN.resolve("figures"), ".csv");
        Map<String, String> actual = files(out.resolve("figures"), ".csv");
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, csv) -> assertEquals(csv, actual.get(name), name));
    }

    @Test
    void shouldDrawEachFigureKindAtItsSize_whenReadBackAsPng() throws IOException {
        Map<String, int[]> sizes = Map.of(
                "part1-single-thread/sweep-threads-1.png", new int[] {900, RateSweepFigure.HEIGHT_PX},
                "part1-reuseport/threads.png", new int[] {900, ScalingFigure.HEIGHT_PX},
                "part1-reuseport/sweep-compared.png", new int[] {900, SweepComparisonFigure.HEIGHT_PX},
                "part3-offload/connections-over-time.png", new int[] {900, 160 + 150 * 2},
                "part3-offload/where-connections-wait.png", new int[] {900, 160 + 150 * 2},
                "accept-loop/fds-errors-cpu.png", new int[] {900, 760},
                "ephemeral-ports/connections-per-second.png", new int[] {900, 160 + 150 * 2},
                "book-blocking-vs-async/users.png", new int[] {900, 760},
                "part1-single-thread/percentiles-threads-1.png", new int[] {900, PercentileFigure.HEIGHT_PX});
        for (Map.Entry<String, int[]> e : sizes.entrySet()) {
            BufferedImage image = ImageIO.read(out.resolve("figures").resolve(e.getKey()).toFile());
            assertEquals(e.getValue()[0], image.getWidth(), e.getKey());
            assertEquals(e.getValue()[1], image.getHeight(), e.getKey());
            assertFalse(isBlank(image), e.getKey() + " is one colour");
        }
    }

    @Test
    void shouldWriteTheSameBytes_whenRenderedTwice(@TempDir Path again) throws IOException {
        Path runs = FixtureRuns.copyTo(again);
        Path jmh = FixtureRuns.copyJmhTo(again);
        Path second = again.resolve("results");
        assertEquals(0, Report.render(runs, List.of(), jmh, second, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        Map<String, byte[]> first = bytes(out);
        Map<String, byte[]> repeat = bytes(second);
        assertEquals(first.keySet(), repeat.keySet());
        first.forEach((name, content) -> assertArrayEquals(content, repeat.get(name), name));
    }

    @Test
    void shouldEmbedEveryFigure_whenWritingTheHtmlPage() throws IOException {
        String html = Files.readString(out.resolve("index.html"));
        assertEquals(22, html.split("<img src=\"data:image/png;base64,", -1).length - 1);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "not self-contained");
        assertTrue(html.contains("<h2 id=\"part3-offload\">"));
    }

    private static boolean isBlank(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, String> files(Path dir, String suffix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        bytes(dir).forEach((name, content) -> {
            if (name.endsWith(suffix)) {
                files.put(name, new String(content, StandardCharsets.UTF_8));
            }
        });
        return files;
    }

    /** Every file under {@code dir} except the runs, by relative path. */
    private static Map<String, byte[]> bytes(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("runs/")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private static void copyGolden() throws IOException {
        Files.createDirectories(GOLDEN);
        Files.writeString(GOLDEN.resolve("README.md"), Files.readString(out.resolve("README.md")));
        for (Map.Entry<String, String> e : files(out.resolve("figures"), ".csv").entrySet()) {
            Path target = GOLDEN.resolve("figures").resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue());
        }
    }
}
