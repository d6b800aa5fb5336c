package io.asyncworkbench.hardened;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What Linux's {@code /proc} says about a process: its CPU time and its open sockets. */
final class Proc {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}): 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** User plus system CPU time the process has used, in seconds (fields 14 and 15 of {@code /proc/<pid>/stat}). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis, which is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) / TICKS_PER_SECOND;
    }

    /** How many sockets the process holds open now: the listening one, accepted connections, any others. */
    static int openSockets(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            // The list changes while it is read: an fd that closed meanwhile is simply not counted.
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }
}
