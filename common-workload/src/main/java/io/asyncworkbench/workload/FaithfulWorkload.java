package io.asyncworkbench.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The blog's {@code cpu_intensive_work}, ported exactly.
 *
 * <pre>{@code
 * fn cpu_intensive_work() -> String {
 *     let mut y = "X".to_string();
 *     for x in 0..100 { y = format!("Value: {}", x); }
 *     let address = Address { street: "10 Downing Street".to_owned(), city: y.to_owned() };
 *     serde_json::to_string(&address).unwrap()
 * }
 * }</pre>
 *
 * <p>With 100 iterations the result is {@code {"street":"10 Downing Street","city":"Value: 99"}}.
 * The blog's repository looped 1,000 times; {@code faithful:1000} does that (same JSON but
 * {@code "Value: 999"}).
 *
 * <p>Two choices keep the port honest about cost: {@code format!} becomes string concatenation
 * (Java's {@code String.format} costs 10-30 times the whole workload, see the {@code jmh} module),
 * and the Jackson writer is built once, not per call.
 */
public final class FaithfulWorkload implements Workload {

    private static final ObjectWriter ADDRESS_WRITER = new ObjectMapper().writerFor(Address.class);

    private final int iterations;

    public FaithfulWorkload(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        this.iterations = iterations;
    }

    @Override
    public byte[] run() {
        return serialise(cpuIntensiveWork(iterations));
    }

    /** The loop of the blog's function: the last of {@code iterations} formatted values. */
    static String cpuIntensiveWork(int iterations) {
        String y = "X";
        for (int x = 0; x < iterations; x++) {
            y = "Value: " + x;
        }
        return y;
    }

    /** Serialises the blog's address with {@code city} to JSON bytes, with the shared writer. */
    static byte[] serialise(String city) {
        try {
            return ADDRESS_WRITER.writeValueAsBytes(new Address("10 Downing Street", city));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Address record always serialises", e);
        }
    }

    public int iterations() {
        return iterations;
    }

    @Override
    public String spec() {
        return "faithful:" + iterations;
    }

    @Override
    public String toString() {
        return spec();
    }
}
