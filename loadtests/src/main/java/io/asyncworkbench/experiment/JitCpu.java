package io.asyncworkbench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How much CPU a JVM's JIT compilers use, read from outside the process: the user + system time of
 * its threads named {@code C1 CompilerThre...} and {@code C2 CompilerThre...} in
 * {@code /proc/PID/task/TID/stat} (the kernel counts in ticks of 10 ms). Works for the servers and
 * the generator alike; empty where {@code /proc} is not there.
 *
 * <p>The JVM starts and stops compiler threads as the work comes and goes, so a sum over the
 * threads can fall: {@link #millisBetween} adds each thread's own growth instead.
 *
 * <pre>{@code
 * Map<Long, Long> before = JitCpu.sample(pid);
 * ... one round of load ...
 * double compiling = JitCpu.millisBetween(before, JitCpu.sample(pid));
 * }</pre>
 */
final class JitCpu {

    private static final double MILLIS_PER_TICK = 10;

    private JitCpu() {
    }

    /** The ticks used so far by each compiler thread of {@code pid}, by thread id. */
    static Map<Long, Long> sample(long pid) {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                long used = compilerTicks(read(task.resolve("stat")));
                if (used > 0) {
                    ticks.put(Long.parseLong(task.getFileName().toString()), used);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone, or this is not Linux: nothing to count.
        }
        return ticks;
    }

    /** The milliseconds the compilers used from {@code before} to {@code after}; a thread that exited in between is not counted. */
    static double millisBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            ticks += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return ticks * MILLIS_PER_TICK;
    }

    /** utime + stime of one {@code stat} line when its thread is a JIT compiler, else 0. */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        // After the name: state is field 3, utime field 14, stime field 15.
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) throws IOException {
        // Not Files.readString: /proc files report size 0.
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
