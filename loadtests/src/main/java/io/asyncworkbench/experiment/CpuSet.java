package io.asyncworkbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of CPUs in the kernel's list format, as {@code taskset -c} takes it: {@code 0},
 * {@code 0-1}, {@code 0,2-3}. {@link #split(int)} gives the runner's default placement: on a
 * machine with two or more CPUs the server gets the first half and the load generator the rest,
 * so the two never compete for a core.
 */
public record CpuSet(List<Integer> cpus) {

    public CpuSet {
        cpus = List.copyOf(new TreeSet<>(cpus));
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a CPU set cannot be empty");
        }
    }

    /** Parses {@code 0-1,3}. */
    public static CpuSet parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.trim().split(",")) {
            String[] range = part.trim().split("-");
            try {
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                if (range.length > 2 || from < 0 || to < from) {
                    throw new NumberFormatException();
                }
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a CPU list (e.g. 0, 0-1, 0,2-3)");
            }
        }
        return new CpuSet(cpus);
    }

    /** All {@code count} CPUs, {@code 0-(count-1)}. */
    public static CpuSet all(int count) {
        return parse("0-" + (count - 1));
    }

    /** The default placement on {@code count} CPUs: server first half, generator second; null with one CPU. */
    public static CpuSet[] split(int count) {
        if (count < 2) {
            return null;
        }
        int server = count / 2;
        return new CpuSet[] {parse("0-" + (server - 1)), parse(server + "-" + (count - 1))};
    }

    public int size() {
        return cpus.size();
    }

    /** The list format, compressed into ranges: {@code 0-1,3}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cpus.size(); i++) {
            int start = cpus.get(i);
            int end = start;
            while (i + 1 < cpus.size() && cpus.get(i + 1) == end + 1) {
                end = cpus.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
        }
        return out.toString();
    }
}
