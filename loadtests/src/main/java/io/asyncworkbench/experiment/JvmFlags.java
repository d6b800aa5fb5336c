package io.asyncworkbench.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags servers are started with, recorded in {@code meta.json}. The GC is chosen, not
 * left to ergonomics: a JVM pinned to one CPU would otherwise pick SerialGC, another placement
 * G1, and the experiments would compare collectors. On JDK 24+ Netty's use of {@code Unsafe} is
 * turned back on (measured: ~7% more req/s) and native access allowed for epoll.
 */
final class JvmFlags {

    private JvmFlags() {
    }

    static List<String> forServers() {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m"));
        flags.addAll(netty());
        return flags;
    }

    /** What any Netty process of ours needs: Unsafe back on, native access for epoll. */
    static List<String> netty() {
        List<String> flags = new ArrayList<>(List.of("-Dio.netty.noUnsafe=false", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
