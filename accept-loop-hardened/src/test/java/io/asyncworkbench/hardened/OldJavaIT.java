package io.asyncworkbench.hardened;

import io.asyncworkbench.testing.StageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar as users start it, {@code java -jar}, through the launcher every runnable jar has for
 * its Main-Class: on a Java older than 21 (Debian's default {@code java} is 17) one line and exit
 * 1, not an {@code UnsupportedClassVersionError}; on the Java that runs the build, the server as
 * before, exit codes included.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OldJavaIT {

    private static final Path JAR = Path.of("target/accept-loop-hardened.jar");
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    /** What a {@code java -jar} run printed (stdout and stderr) and its exit status. */
    private record Run(List<String> lines, int exit) {
    }

    @Test
    void shouldPrintOneLine_andExit1_onAJavaOlderThan21() throws Exception {
        Optional<Path> oldJdk = olderJdk();
        assumeTrue(oldJdk.isPresent(), "no Java older than 21 under " + JVM_DIRECTORY + " (CI images may have none)");
        Path home = oldJdk.get();
        int feature = feature(home).orElseThrow();

        Run run = run(home.resolve("bin/java"), "--port", "0");

        assertEquals(List.of("accept-loop-hardened.jar: needs Java 21 or newer, found " + feature + " (" + home + "); run it with the java"
                + " of a JDK 21+, or run ./workbench server accept-loop-hardened --port 0, which finds one"), run.lines());
        assertEquals(1, run.exit());
    }

    @Test
    void shouldStartAsBefore_onTheJavaOfTheBuild() throws Exception {
        Run help = run(Path.of(StageProcess.java()), "--help");
        assertEquals(0, help.exit(), help.lines().toString());
        assertTrue(help.lines().get(0).startsWith("Usage: accept-loop-hardened"), help.lines().toString());

        Run wrongFlag = run(Path.of(StageProcess.java()), "--no-such-flag");
        assertEquals(2, wrongFlag.exit(), "picocli's usage error, through the launcher: " + wrongFlag.lines());
    }

    private static Run run(Path java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running: " + command);
        return new Run(output.lines().toList(), process.exitValue());
    }

    /** A JDK or JRE older than 21 (and 8 or newer, which can load the launcher) in the system JVM directory. */
    private static Optional<Path> olderJdk() throws IOException {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> feature(home).filter(f -> f >= 8 && f < 21).isPresent())
                    .map(OldJavaIT::realPath).sorted().findFirst();
        }
    }

    /** The feature version in the home's {@code release} file. */
    private static Optional<Integer> feature(Path home) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException noReleaseFile) {
            return Optional.empty();
        }
    }

    /** java.home, as the launcher prints it, is the real path. */
    private static Path realPath(Path home) {
        try {
            return home.toRealPath();
        } catch (IOException e) {
            return home;
        }
    }
}
