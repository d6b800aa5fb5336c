package io.asyncworkbench.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LauncherTest {

    /** A real main class for the launcher to run. */
    public static final class Main {
        static String[] received;

        public static void main(String[] args) {
            received = args;
            if (args.length > 0 && args[0].equals("fail")) {
                throw new IllegalStateException("from main");
            }
        }
    }

    @Test
    void shouldRunTheRealMain_withTheSameArguments() throws Throwable {
        String[] args = {"--port", "0"};
        Launcher.runMain(Main.class.getName(), args);
        assertSame(args, Main.received);
    }

    @Test
    void shouldThrowWhatTheRealMainThrew_unwrapped() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Launcher.runMain(Main.class.getName(), new String[] {"fail"}));
        assertEquals("from main", thrown.getMessage());
    }

    @Test
    void shouldReadTheFeatureVersion_fromOldAndNewSpecificationVersions() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(25, Launcher.feature("25"));
    }

    @Test
    void shouldSayWhatIsNeeded_whatWasFound_andWhatToRun_inOneLine() {
        assertEquals("minimal-single-thread.jar: needs Java 21 or newer, found 17 (/usr/lib/jvm/java-17-openjdk-amd64);"
                        + " run it with the java of a JDK 21+, or run ./workbench server minimal-single-thread --port 8080, which finds one",
                Launcher.refusal("minimal-single-thread.jar", 21, 17, "/usr/lib/jvm/java-17-openjdk-amd64",
                        Launcher.workbenchCommand("minimal-single-thread", new String[] {"--port", "8080"})));
    }

    @Test
    void shouldNameTheWorkbenchCommand_thatRunsEachJar() {
        String[] none = {};
        assertEquals("./workbench server accept-loop-hardened", Launcher.workbenchCommand("accept-loop-hardened", none));
        assertEquals("./workbench server vertx-stages multi --threads 2",
                Launcher.workbenchCommand("vertx-stages", new String[] {"multi", "--threads", "2"}));
        assertEquals("./workbench load", Launcher.workbenchCommand("loadtests", none));
        assertEquals("./workbench experiment part3-offload --quick",
                Launcher.workbenchCommand("loadtests", new String[] {"experiment", "part3-offload", "--quick"}));
        assertEquals("./workbench report", Launcher.workbenchCommand("results", none));
        assertEquals("./workbench jmh", Launcher.workbenchCommand("jmh", none));
    }

    @Test
    void shouldQuoteArguments_thatTheShellWouldSplit() {
        assertEquals("./workbench load --url http://127.0.0.1:8080/data --header 'X-Name: it'\\''s'",
                Launcher.workbenchCommand("loadtests", new String[] {"load", "--url", "http://127.0.0.1:8080/data", "--header", "X-Name: it's"}));
    }
}
