package io.asyncworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code workbench host-facts}: this machine's facts and JDK as one JSON object on standard output,
 * {@code {"machine": {...}, "jdk": {...}}}, the same {@link Provenance} meta.json records for the
 * runner's machine. The runner runs it on every remote host over SSH, which also proves the host
 * has the jar and a Java that runs it.
 */
@Command(name = "host-facts", hidden = true, mixinStandardHelpOptions = true,
        description = "Prints this machine's facts and JDK as JSON (what meta.json records of a host).")
public final class HostFactsCommand implements Callable<Integer> {

    /** The facts of this machine: {@code machine} and {@code jdk}. */
    static Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("machine", Provenance.machine());
        facts.put("jdk", Provenance.jdk());
        return facts;
    }

    @Override
    public Integer call() throws Exception {
        System.out.println(new ObjectMapper().writeValueAsString(facts()));
        return 0;
    }
}
