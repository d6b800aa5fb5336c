package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;
import io.netty.handler.codec.http.HttpMethod;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Plans for tests that need one without parsing a command line. */
final class LoadPlanFixtures {

    private LoadPlanFixtures() {
    }

    /** An open-model plan: 100 req/s for 1 s against {@code url}. */
    static LoadPlan open(String url) {
        return new LoadPlan(URI.create(url), HttpMethod.GET, List.of(), LoadPlan.Model.OPEN, 100, 0, 0, Duration.ZERO,
                null, null, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 10, false, false, 0, List.of(),
                Transport.AUTO, null, null, null, "workbench load (test)");
    }
}
