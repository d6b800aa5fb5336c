package io.asyncworkbench.experiment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three {@link SimulatedHosts} are what the runner's SSH placement will take them for: each alias
 * lands in its own host (its address, no other's), host reaches host and the runner reaches them
 * all, scp copies; and {@code close()} leaves no namespace, no process and no file behind. Skipped,
 * with the reason, where the hosts cannot be made (not root, no sshd, ...).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedHostsIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern INET = Pattern.compile("\\binet (\\S+)/\\d+");

    private static SimulatedHosts hosts;

    @BeforeAll
    static void createThreeHosts() throws IOException {
        Optional<String> reason = SimulatedHosts.unavailable();
        assumeTrue(reason.isEmpty(), reason.orElse(""));
        hosts = SimulatedHosts.create(3);
    }

    @AfterAll
    static void closeHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void shouldLandInTheHostsOwnNamespace_whenSshGoesToItsAlias() throws IOException {
        for (int i = 1; i <= 3; i++) {
            String addresses = Commands.check(hosts.ssh(i, "ip -4 -o addr show"));
            assertEquals(Set.of("127.0.0.1", hosts.address(i)), inets(addresses), hosts.destination(i) + " has: " + addresses);
        }
    }

    @Test
    void shouldConnectFromOneHostToAnother_andBeRefusedWhereNothingListens() throws IOException {
        Commands.Result toSshd = Commands.run(hosts.ssh(2, tcpProbe(hosts.address(1), 22)), COMMAND_TIMEOUT);
        assertEquals(0, toSshd.status(), "host 2 to host 1's sshd: " + toSshd.err());
        // The negative control: the same probe fails where nothing listens.
        Commands.Result toNothing = Commands.run(hosts.ssh(2, tcpProbe(hosts.address(1), 1)), COMMAND_TIMEOUT);
        assertNotEquals(0, toNothing.status(), "host 2 to host 1's port 1, where nothing listens");
    }

    @Test
    void shouldReachEveryHost_fromTheRunnersNamespace() throws IOException {
        for (int i = 1; i <= 3; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hosts.address(i), 22), 5_000);
                socket.setSoTimeout(5_000);
                String banner = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertTrue(banner != null && banner.startsWith("SSH-2.0-"), hosts.address(i) + " greeted with: " + banner);
            }
        }
    }

    @Test
    void shouldCopyAFile_withScp(@TempDir Path local) throws IOException {
        Path sent = Files.writeString(local.resolve("sent.txt"), "to host 3\n");
        // The hosts share this machine's files: the copy lands where the test can read it.
        Path copy = local.resolve("copy.txt");
        Commands.check(List.of("scp", "-F", hosts.sshConfig().toString(), sent.toString(), hosts.destination(3) + ":" + copy));
        assertEquals("to host 3\n", Files.readString(copy));
    }

    @Test
    void shouldLeaveNothingBehind_whenClosed_andBeSafeToCloseTwice() throws IOException {
        SimulatedHosts second = SimulatedHosts.create(1);
        List<String> namespaces = second.namespaces();
        List<Long> pids = new ArrayList<>(second.sshdPids());
        try {
            // A process a session leaves behind, no longer under sshd: close() must stop it too.
            String orphan = Commands.check(second.ssh(1, "sleep 300 </dev/null >/dev/null 2>&1 & echo $!")).strip();
            pids.add(Long.parseLong(orphan));
            assertNotEquals(subnet(hosts.address(1)), subnet(second.address(1)), "a second fixture takes a /24 of its own");
            assertEquals(2, namespaces.size(), "the switch and the host: " + namespaces);
            assertTrue(netnsList().containsAll(namespaces), "before close: " + netnsList());
            assertTrue(pids.stream().allMatch(SimulatedHostsIT::alive), "before close, sshd and orphan pids " + pids);
            assertTrue(Files.isDirectory(second.directory()));
            assertTrue(rootAddresses().contains(second.rootAddress()));
        } finally {
            second.close();
        }

        assertTrue(Collections.disjoint(netnsList(), namespaces), "after close: " + netnsList());
        assertFalse(pids.stream().anyMatch(SimulatedHostsIT::alive), "after close, sshd and orphan pids " + pids);
        assertFalse(Files.exists(second.directory()), second.directory() + " is left");
        assertFalse(rootAddresses().contains(second.rootAddress()), "the root namespace's end is left");
        second.close();
        // Closing one fixture leaves the other working.
        Commands.check(hosts.ssh(1, "true"));
    }

    /** A shell command on the remote host that connects to {@code address:port} and exits 0 only if it could. */
    private static String tcpProbe(String address, int port) {
        return "timeout 5 bash -c 'echo > /dev/tcp/" + address + "/" + port + "'";
    }

    private static Set<String> inets(String ipAddrShow) {
        Matcher m = INET.matcher(ipAddrShow);
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }

    private static Set<String> rootAddresses() throws IOException {
        return inets(Commands.check(List.of("ip", "-4", "-o", "addr", "show")));
    }

    private static List<String> netnsList() throws IOException {
        return Commands.check(List.of("ip", "netns", "list")).lines().map(l -> l.split(" ")[0]).toList();
    }

    private static String subnet(String address) {
        return address.substring(0, address.lastIndexOf('.'));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
