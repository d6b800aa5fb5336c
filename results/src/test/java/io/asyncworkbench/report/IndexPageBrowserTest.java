package io.asyncworkbench.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens {@code index.html} in a real browser, headless Chromium, offline, and fails if any image
 * does not show. The page is copied alone into an empty folder, so it must carry its images with it;
 * a copy gets a small probe script that, on load, writes each image's natural size into the DOM,
 * which {@code --dump-dom} prints. A page with one broken image is the negative control. A
 * screenshot of the page is kept at {@code target/fixture-report/index-screenshot.png}.
 *
 * <p>Skipped, with a message, where {@code /usr/bin/chromium} is not installed
 * ({@code apt-get install -y chromium}; {@code .ci/run} installs it).
 */
@Timeout(120)
class IndexPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PROBE = """
            <script>
            window.addEventListener('load', () => {
              const images = Array.from(document.images);
              document.body.setAttribute('data-probe', images.map(i =>
                  (i.complete && i.naturalWidth > 0 ? 'ok ' : 'broken ') + i.naturalWidth + 'x' + i.naturalHeight).join(';'));
            });
            </script>
            """;
    private static final Pattern PROBED = Pattern.compile("data-probe=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "headless Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium): index.html not checked in a browser");
    }

    @Test
    void shouldShowEveryImage_whenTheReportPageOpensFromDiskAlone() throws Exception {
        Path page = FixtureReport.get().out().resolve("index.html");
        List<String> images = probe(Files.readString(page));
        long figures;
        try (var files = Files.walk(FixtureReport.get().out().resolve("figures"))) {
            figures = files.filter(f -> f.toString().endsWith(".png")).count();
        }
        assertEquals(22, figures, "the fixture report's figures (15, and 7 percentile figures: one per swept series)");
        assertEquals(figures, images.size(), "the browser shows every figure the report drew: " + images);
        for (String image : images) {
            assertTrue(image.startsWith("ok 900x"), "an image did not show: " + images);
        }
    }

    @Test
    void shouldReportTheBrokenImage_whenAPageHasOne() throws Exception {
        List<String> images = probe("<!DOCTYPE html><html><body><img src=\"data:image/png;base64,AAAA\" alt=\"broken\"></body></html>");
        assertEquals(List.of("broken 0x0"), images);
    }

    @Test
    void shouldDrawTheReportPage_whenScreenshotted() throws Exception {
        Path page = dir.resolve("index.html");
        Files.copy(FixtureReport.get().out().resolve("index.html"), page);
        Path shot = FixtureReport.ROOT.toAbsolutePath().resolve("index-screenshot.png");
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1000,1800", page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(1800, image.getHeight());
    }

    /** The probe's line per image of {@code html}, opened as a file in an otherwise empty folder. */
    private List<String> probe(String html) throws Exception {
        Path page = dir.resolve("probe.html");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"));
        String dom = chromium("--dump-dom", "--virtual-time-budget=10000", page.toUri().toString());
        Matcher m = PROBED.matcher(dom);
        assertTrue(m.find(), "the probe did not run; the browser printed: " + dom.substring(0, Math.min(dom.length(), 500)));
        return m.group(1).isEmpty() ? List.of() : List.of(m.group(1).split(";"));
    }

    /** Runs headless Chromium, offline and with a throw-away profile; returns its stdout. */
    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Path stderr = Files.createTempFile(dir, "chromium", ".err");
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish in 60 s");
            }
        } finally {
            chromium.destroyForcibly();
        }
        assertEquals(0, chromium.exitValue(), () -> "chromium failed: " + read(stderr));
        return Files.readString(stdout);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
