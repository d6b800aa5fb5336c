package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncworkbench.run.Spread;

import java.util.ArrayList;
import java.util.List;

/**
 * "Published vs reproduced": each figure the source text published beside ours, then the ratios
 * that survive a change of hardware (2 threads over 1, offload over inline, async over blocking),
 * published beside reproduced. Absolute rates differ between the blog's 4-core server and this
 * machine; a ratio of two series measured on the same machine should not.
 */
final class ComparisonTables {

    private ComparisonTables() {
    }

    static List<Block> of(Run run) {
        List<Block> blocks = new ArrayList<>();
        List<RunMeta.Published> published = run.meta().publishedOrEmpty();
        if (published.isEmpty()) {
            blocks.add(new Block.Paragraph("No published figure is recorded for this experiment."));
        } else {
            blocks.add(new Block.Table(List.of("series", "metric", "published", "source", "reproduced"),
                    List.of(false, false, true, false, true),
                    published.stream().map(p -> List.of(
                            p.series() == null ? "not run here" : run.meta().label(p.series()) + " (`" + p.series() + "`)",
                            p.metric(),
                            shown(p.metric(), p.value()),
                            p.source() == null ? "" : p.source(),
                            p.series() == null ? Numbers.NONE : ReproducedMetrics.describe(run, p.series(), p.metric()))).toList()));
        }
        blocks.addAll(mismatches(run, ExperimentDeclaration.of(run.experiment()).mismatchesOrEmpty()));
        List<RunMeta.Ratio> ratios = run.meta().ratiosOrEmpty();
        if (ratios.isEmpty()) {
            blocks.add(new Block.Paragraph("No hardware-independent ratio is recorded for this experiment."));
        } else {
            blocks.add(new Block.Paragraph("Ratios, which should survive a change of hardware:"));
            blocks.add(new Block.Table(List.of("ratio", "metric", "published", "reproduced"),
                    List.of(false, false, true, true),
                    ratios.stream().map(r -> List.of(
                            r.name(),
                            r.metric(),
                            r.published() == null ? Numbers.NONE : Numbers.ratio(r.published()),
                            Numbers.headline(reproducedSpread(run, r), Numbers::ratio))).toList()));
        }
        return blocks;
    }

    /**
     * The published figures ours differ from for a reason other than hardware, each beside ours and
     * beside ours from a series given the property the source's server had: the reason, measured.
     */
    static List<Block> mismatches(Run run, List<ExperimentDeclaration.Mismatch> mismatches) {
        if (mismatches.isEmpty()) {
            return List.of();
        }
        List<RunMeta.Published> published = run.meta().publishedOrEmpty();
        return List.of(new Block.Paragraph("Where ours differs from the published figure for a reason other than hardware,"
                        + " a series gives our server the property the source's had; if the figures then move towards the"
                        + " published one, that property explains the difference:"),
                new Block.Table(List.of("metric", "published", "ours", "property given", "ours with it"),
                        List.of(false, true, true, false, true),
                        mismatches.stream().map(m -> List.of(
                                m.metric() + ", " + run.meta().label(m.series()),
                                published.stream().filter(p -> m.series().equals(p.series()) && m.metric().equals(p.metric()))
                                        .findFirst().map(p -> shown(p.metric(), p.value())).orElse(Numbers.NONE),
                                ReproducedMetrics.describe(run, m.series(), m.metric()),
                                m.property(),
                                run.seriesIds().contains(m.reproducedBy())
                                        ? ReproducedMetrics.describe(run, m.reproducedBy(), m.metric()) + " (`" + m.reproducedBy() + "`)"
                                        : "not in this run")).toList()));
    }

    /** Our value of the ratio: the metric of its numerator series over that of its denominator series. */
    static double reproduced(Run run, RunMeta.Ratio ratio) {
        return ReproducedMetrics.value(run, ratio.numerator(), ratio.metric())
                / ReproducedMetrics.value(run, ratio.denominator(), ratio.metric());
    }

    /** The ratio with its range: the ratio of the medians, and the ratio each repetition gives alone. */
    static Spread reproducedSpread(Run run, RunMeta.Ratio ratio) {
        return Spread.around(reproduced(run, ratio),
                run.repetitions().stream().mapToDouble(r -> reproduced(run.repetition(r), ratio)).toArray());
    }

    private static String shown(String metric, JsonNode value) {
        if (value == null || value.isNull()) {
            return Numbers.NONE;
        }
        return value.isNumber() ? ReproducedMetrics.format(metric, value.asDouble()) : value.asText();
    }
}
