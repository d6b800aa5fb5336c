package io.asyncworkbench.load;

import java.time.Duration;

/**
 * One arrival phase of a load profile, as Stormforger defines them: for {@code duration}, new
 * users arrive at {@code arrivalRatePerSec}, and at most {@code maxUsers} are active at once
 * (0: no limit). An arrival that finds {@code maxUsers} active is skipped and counted.
 *
 * <p>The open model is one phase whose users each send a single request: {@code --rate 2000
 * --duration 10s} is {@code Phase(10s, 2000, 0)}.
 */
public record Phase(Duration duration, double arrivalRatePerSec, int maxUsers) {

    public Phase {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a phase duration must not be negative: " + duration);
        }
        if (!(arrivalRatePerSec >= 0) || Double.isInfinite(arrivalRatePerSec)) {
            throw new IllegalArgumentException("an arrival rate must be a finite number >= 0: " + arrivalRatePerSec);
        }
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must be >= 0 (0: no limit): " + maxUsers);
        }
    }

    /** This phase's share of {@code maxUsers} on loop {@code loop} of {@code loops} (0 stays "no limit"). */
    public int maxUsersOnLoop(int loop, int loops) {
        if (maxUsers == 0) {
            return Integer.MAX_VALUE;
        }
        return maxUsers / loops + (loop < maxUsers % loops ? 1 : 0);
    }
}
