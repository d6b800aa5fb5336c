package io.asyncworkbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One host's share of a load spread over {@code hosts} generators, as {@code workbench load}
 * flags: the open model's {@code --rate} divided evenly, the closed model's {@code --users} (and
 * {@code --hold-idle}'s idle connections) dealt out one by one, {@code --max-connections} divided
 * and rounded up; every other flag as it is. So the hosts together offer exactly the load one
 * generator would.
 *
 * <pre>{@code
 * share(List.of("--users", "5", "--duration", "2s"), 2, 0)  // [--users, 3, --duration, 2s]
 * share(List.of("--users", "5", "--duration", "2s"), 2, 1)  // [--users, 2, --duration, 2s]
 * }</pre>
 */
final class LoadShares {

    private LoadShares() {
    }

    /** The flags host {@code index} (from 0) of {@code hosts} runs. */
    static List<String> share(List<String> args, int hosts, int index) {
        if (hosts == 1) {
            return args;
        }
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String flag = out.get(i);
            if (flag.equals("--profile")) {
                throw new IllegalArgumentException("an arrival profile (--profile) cannot be shared by " + hosts + " load hosts");
            }
            if (i + 1 >= out.size()) {
                continue;
            }
            String value = out.get(i + 1);
            switch (flag) {
                case "--rate" -> out.set(i + 1, format(Double.parseDouble(value) / hosts));
                case "--users" -> out.set(i + 1, Long.toString(dealt(flag, Long.parseLong(value), hosts, index, 1)));
                case "--hold-idle" -> out.set(i + 1, Long.toString(dealt(flag, Long.parseLong(value), hosts, index, 0)));
                case "--max-connections" -> out.set(i + 1, Long.toString(Math.ceilDiv(Long.parseLong(value), hosts)));
                default -> {
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    /** Host {@code index}'s part of {@code total} dealt out one by one; fails if it is under {@code least}. */
    private static long dealt(String flag, long total, int hosts, int index, long least) {
        long part = total / hosts + (index < total % hosts ? 1 : 0);
        if (part < least) {
            throw new IllegalArgumentException(flag + " " + total + " cannot be shared by " + hosts + " load hosts: each needs at least " + least);
        }
        return part;
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.6f", rate);
    }
}
