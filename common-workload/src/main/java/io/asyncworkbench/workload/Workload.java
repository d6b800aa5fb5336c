package io.asyncworkbench.workload;

import io.asyncworkbench.cli.ParsingConverter;
import io.asyncworkbench.cli.WorkloadSpec;

import java.time.Duration;

/**
 * The CPU work a server does for one {@code GET /data}, returning the response body.
 *
 * <p>Two kinds exist, chosen with {@code --workload}:
 * <ul>
 *   <li>{@code faithful[:iterations]} (default 100): the blog's {@code cpu_intensive_work},
 *       ported exactly ({@link FaithfulWorkload});</li>
 *   <li>{@code spin:<duration>}: burns that much CPU time of the calling thread, then returns the
 *       same JSON ({@link SpinWorkload}); this sizes the work so that the server, not the load
 *       generator, saturates.</li>
 * </ul>
 * Every workload returns {@code {"street":"10 Downing Street","city":"Value: 99"}} for 100
 * iterations, so a client can check the body whatever the work was.
 */
public interface Workload {

    /** Does the work of one request and returns the JSON body, UTF-8 encoded. */
    byte[] run();

    /** The specification this workload was parsed from, e.g. {@code faithful:100} or {@code spin:4ms}. */
    String spec();

    /**
     * Parses a {@code --workload} value ({@link WorkloadSpec}) and builds the workload it names.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    static Workload parse(String spec) {
        WorkloadSpec parsed = WorkloadSpec.parse(spec);
        return parsed.cpuTime() == null ? new FaithfulWorkload(parsed.iterations()) : new SpinWorkload(parsed.cpuTime());
    }

    /** The picocli converter for {@code --workload}. */
    final class Converter extends ParsingConverter<Workload> {
        public Converter() {
            super(Workload::parse);
        }
    }

    /** A workload's CPU time per request when it is known in advance ({@code spin}), else zero. */
    default Duration nominalCpuTime() {
        return Duration.ZERO;
    }
}
