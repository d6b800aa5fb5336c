package io.asyncworkbench.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where and on what a run ran, for {@code meta.json}: the machine (CPU model and count, kernel,
 * memory, the network settings that change results), the JDK, the open-file limit and the git
 * commit (and whether the tree had uncommitted changes). Every value is read, never assumed;
 * what cannot be read is recorded as {@code "unknown"} (a number or a flag that cannot be read: left out).
 */
public final class Provenance {

    /** Kernel settings that decide the connection-per-request and accept-loop experiments. */
    static final List<String> SYSCTLS = List.of(
            "net.ipv4.tcp_tw_reuse", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_fin_timeout",
            "net.core.somaxconn", "net.ipv4.tcp_max_syn_backlog");

    private Provenance() {
    }

    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("cpus", onlineCpus());
        machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
        machine.put("memoryBytes", memKb.matches("\\d+") ? Long.parseLong(memKb) * 1024 : null);
        Map<String, String> sysctl = new LinkedHashMap<>();
        for (String key : SYSCTLS) {
            sysctl.put(key, read(Path.of("/proc/sys", key.split("\\."))).replaceAll("\\s+", " ").trim());
        }
        machine.put("sysctl", sysctl);
        machine.put("openFileLimit", firstValue(Path.of("/proc/self/limits"), "Max open files").trim().split("\\s+")[0]);
        return machine;
    }

    public static Map<String, Object> jdk() {
        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", System.getProperty("java.version"));
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("home", System.getProperty("java.home"));
        return jdk;
    }

    public static Map<String, Object> git(Path repository) {
        Map<String, Object> git = new LinkedHashMap<>();
        String commit = run(repository, "git", "rev-parse", "HEAD");
        git.put("commit", commit.isEmpty() ? "unknown" : commit);
        String status = run(repository, "git", "status", "--porcelain", "--untracked-files=no");
        git.put("dirty", commit.isEmpty() ? null : !status.isEmpty());
        return git;
    }

    /** The number of CPUs the machine has online (not only those this process is pinned to). */
    public static int onlineCpus() {
        String online = read(Path.of("/sys/devices/system/cpu/online")).trim();
        if (online.equals("unknown")) {
            return Runtime.getRuntime().availableProcessors();
        }
        return CpuSet.parse(online).size();
    }

    private static String firstValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                int colon = line.indexOf(':');
                return colon < 0 ? line.substring(key.length()).trim() : line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(Path file) {
        // Not Files.readString: /proc/sys files report size 0, and it may then return a single byte.
        try (var in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Runs a short command and returns its trimmed output, or an empty string if it failed. */
    static String run(Path directory, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
