package io.asyncworkbench.jmh;

import io.asyncworkbench.workload.Workload;
import io.netty.channel.ChannelHandler;

/**
 * {@link HttpExchangeBenchmark}'s exchange through {@link ReferenceNettyServer}'s pipeline instead of
 * the stages' shared one: the same request bytes, workload and measurement, so the two scores'
 * difference (CPU time and, with {@code -prof gc}, bytes allocated per request) is what the shared
 * core adds to a minimal Netty server.
 *
 * <pre>
 * taskset -c 1 java -jar jmh/target/benchmarks.jar 'HttpExchangeBenchmark|ReferenceExchangeBenchmark' \
 *     -prof io.asyncworkbench.jmh.CpuTimeProfiler -prof gc
 * </pre>
 */
public class ReferenceExchangeBenchmark extends HttpExchangeBenchmark {

    @Override
    ChannelHandler pipeline(Workload work) {
        return ReferenceNettyServer.initializer(work);
    }
}
