package io.asyncworkbench.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One entry of an experiment definition's {@code "figures"}: a type of figure the report knows,
 * picked (and, for {@code panels}, parameterised) by the experiment. {@code "kind"} names the type:
 *
 * <pre>
 * kind              draws                                                                     file(s)
 * rate-sweep        per series: achieved rate, p50/p99/p99.9 against the offered rate          sweep-&lt;series&gt;
 * sweep-comparison  every series' achieved rate and p99 on one pair of axes (2+ swept series)  sweep-compared
 * percentiles       per swept series: latency by percentile at the rates around the knee       percentiles-&lt;series&gt;
 * scaling           max sustainable rate against threads, beside the published rates         threads
 * users-sweep       throughput, p99 and errors against concurrent users (closed model)         users
 * panels            the experiment's own: panels of quantities over time or per step          its "name"
 * </pre>
 * The first five take no parameters ({@code {"kind": "rate-sweep"}}) and are {@link Preset}s;
 * {@code panels} is declared in full ({@link PanelFigure}). Each draws nothing where the run has
 * nothing for it, e.g. a rate sweep of a run without open-model steps.
 */
@JsonDeserialize(using = FigureDeclaration.Reader.class)
sealed interface FigureDeclaration permits FigureDeclaration.Preset, PanelFigure {

    /** What an experiment that declares no figures gets: a rate sweep per series, and the users sweep. */
    List<FigureDeclaration> DEFAULTS = List.of(Preset.RATE_SWEEP, Preset.USERS_SWEEP);

    /** The figures this declaration gives for {@code run}, in order; none where the run has no data for it. */
    List<Figure> draw(Run run);

    /** The figure types that take no parameters: the kind says it all. */
    @EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
    enum Preset implements FigureDeclaration {
        RATE_SWEEP(RateSweepFigure::of),
        SWEEP_COMPARISON(SweepComparisonFigure::of),
        PERCENTILES(PercentileFigure::of),
        SCALING(ScalingFigure::of),
        USERS_SWEEP(run -> PanelFigure.USERS_SWEEP.draw(run));

        private final Function<Run, List<Figure>> figures;

        Preset(Function<Run, List<Figure>> figures) {
            this.figures = figures;
        }

        @Override
        public List<Figure> draw(Run run) {
            return figures.apply(run);
        }
    }

    /** How a value of one of the declaration's enums is spelled in JSON: {@code OFFERED_RATE} is {@code offered-rate}. */
    static String jsonName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every kind, as the JSON spells it. */
    static List<String> kinds() {
        List<String> kinds = new ArrayList<>(Arrays.stream(Preset.values()).map(FigureDeclaration::jsonName).toList());
        kinds.add("panels");
        return kinds;
    }

    /** Reads one entry: the preset its kind names, or a {@link PanelFigure}; a problem names its field. */
    final class Reader extends StdDeserializer<FigureDeclaration> {

        private static final long serialVersionUID = 1L;

        Reader() {
            super(FigureDeclaration.class);
        }

        @Override
        public FigureDeclaration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode read = context.readTree(parser);
            if (!(read instanceof ObjectNode node)) {
                throw new IllegalArgumentException("kind: a figure is an object with a kind, was " + read);
            }
            String kind = node.path("kind").asText("");
            node.remove("kind");
            if (kind.equals("panels")) {
                return context.readTreeAsValue(node, PanelFigure.class);
            }
            Preset preset = Arrays.stream(Preset.values()).filter(p -> jsonName(p).equals(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("kind: " + (kind.isEmpty() ? "required" : "unknown '" + kind + "'")
                            + " (known: " + String.join(", ", kinds()) + ")"));
            if (!node.isEmpty()) {
                throw new IllegalArgumentException(node.fieldNames().next() + ": " + kind + " takes no parameters");
            }
            return preset;
        }
    }
}
