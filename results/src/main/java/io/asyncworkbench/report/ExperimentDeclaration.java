package io.asyncworkbench.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the report takes from an experiment's definition ({@code experiments/<name>.json} of the
 * {@code experiments} module, on the classpath): its place in the report ({@code order}), the
 * summary shown for a run whose {@code meta.json} has none, the figures it declares
 * ({@code figures}, see {@link FigureDeclaration}) and the published figures it explains by
 * measurement ({@code mismatches}). The rest of the definition is the runner's.
 *
 * <p>The definition is looked up by the run's experiment name when the report is drawn, so a
 * changed declaration redraws every stored run of that experiment. An experiment without a
 * definition here (one of the user's own), or whose definition declares no figures, gets
 * {@link FigureDeclaration#DEFAULTS}; without an {@code order} it comes after the others.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ExperimentDeclaration(Integer order, String summary, List<FigureDeclaration> figures, List<Mismatch> mismatches) {

    /**
     * A published figure ours differs from for a reason other than hardware, and the series that
     * measures the reason: {@code series}' {@code metric} as the source published it, against
     * {@code reproducedBy}, the same server given the {@code property} the source's server had.
     */
    record Mismatch(String series, String metric, String reproducedBy, String property) {
        Mismatch {
            if (series == null || metric == null || reproducedBy == null || property == null) {
                throw new IllegalArgumentException("series, metric, reproducedBy and property: required");
            }
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Map<String, ExperimentDeclaration> DECLARED = new ConcurrentHashMap<>();

    /** The declaration of {@code experiment}; throws {@link BadDeclarationException} when its definition is not usable. */
    static ExperimentDeclaration of(String experiment) {
        return DECLARED.computeIfAbsent(experiment, ExperimentDeclaration::load);
    }

    /** Reads one definition; {@code source} names it in the one-line error. */
    static ExperimentDeclaration parse(String source, String json) {
        try {
            return JSON.readValue(json, ExperimentDeclaration.class);
        } catch (JsonMappingException e) {
            throw new BadDeclarationException(source + ": " + problem(e));
        } catch (JsonProcessingException e) {
            throw new BadDeclarationException(source + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** Where the experiment comes in the report: its {@code order}, else after every experiment that has one. */
    int orderOrLast() {
        return order == null ? Integer.MAX_VALUE : order;
    }

    String summaryOrEmpty() {
        return summary == null ? "" : summary;
    }

    List<Mismatch> mismatchesOrEmpty() {
        return mismatches == null ? List.of() : mismatches;
    }

    /** Every figure of {@code run}, in the order declared. */
    List<Figure> figuresOf(Run run) {
        return (figures == null ? FigureDeclaration.DEFAULTS : figures).stream().flatMap(f -> f.draw(run).stream()).toList();
    }

    private static ExperimentDeclaration load(String experiment) {
        String resource = "experiments/" + experiment + ".json";
        // A name that is not a slug cannot be a shipped definition's (and must not reach the class loader as a path).
        try (InputStream in = experiment.matches("[a-z0-9][a-z0-9-]*")
                ? ExperimentDeclaration.class.getClassLoader().getResourceAsStream(resource) : null) {
            return in == null ? new ExperimentDeclaration(null, null, null, null)
                    : parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadDeclarationException(resource + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Jackson's complaint as the field it is about and what is wrong with it, e.g. {@code figures[1].kind: unknown 'pie' (known: ...)}. */
    private static String problem(JsonMappingException e) {
        String at = path(e);
        return switch (e) {
            case UnrecognizedPropertyException u -> at + ": unknown field (known: "
                    + String.join(", ", new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList())) + ")";
            case InvalidFormatException f when f.getTargetType().isEnum() -> at + ": '" + f.getValue() + "' is not one of "
                    + Arrays.stream(f.getTargetType().getEnumConstants()).map(c -> FigureDeclaration.jsonName((Enum<?>) c)).toList();
            // What checks itself (a record's constructor, the figure reader) names the field inside: "panels[0].y: required".
            default -> e.getCause() instanceof IllegalArgumentException c ? (at.isEmpty() ? "" : at + ".") + c.getMessage()
                    : at + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
        };
    }

    /** {@code figures[1].panels[0]}: the path of the value Jackson complained about. */
    private static String path(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                at.append(at.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                at.append('[').append(r.getIndex()).append(']');
            }
        }
        return at.toString();
    }
}
