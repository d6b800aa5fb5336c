package io.asyncworkbench.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The catalogue of experiments: loads and validates the definitions shipped in
 * {@code experiments/<name>.json}. A bad definition fails with one message that names the file
 * and every problem in it, e.g. {@code experiments/part1-reuseport.json: profiles: both quick
 * and full are required}.
 */
public final class Experiments {

    /** Every experiment, in the order {@code reproduce} runs them. */
    public static final List<String> NAMES = List.of(
            "part1-single-thread", "part1-reuseport", "part3-offload", "accept-loop", "ephemeral-ports", "book-blocking-vs-async");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Experiments() {
    }

    /** Loads experiment {@code name}; throws with a message for the user if it is unknown or invalid. */
    public static ExperimentDefinition load(String name) {
        String resource = "experiments/" + name + ".json";
        try (InputStream in = Experiments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown experiment '" + name + "' (known: " + String.join(", ", NAMES) + ")");
            }
            return parse(resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Loads the definition in {@code file} (an experiment of the user's own); throws with a message if it is unreadable or invalid. */
    public static ExperimentDefinition load(java.nio.file.Path file) {
        try {
            return parse(file.toString(), java.nio.file.Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the definition " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates one definition; {@code source} names it in errors. */
    public static ExperimentDefinition parse(String source, String json) {
        ExperimentDefinition definition;
        try {
            definition = JSON.readValue(json, ExperimentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a valid definition: " + e.getOriginalMessage());
        }
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return definition;
    }
}
