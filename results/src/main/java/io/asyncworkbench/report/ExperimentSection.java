package io.asyncworkbench.report;

import io.asyncworkbench.run.RunMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's section for one experiment, as blocks: what it shows in two sentences, its figures,
 * published beside reproduced, the steps, and the machine; for a run whose server or load ran on
 * other hosts, also each load host's steps after the series' own, and the hosts after the machine.
 * Also the one-row summary for the report's contents table.
 */
final class ExperimentSection {

    /** A figure drawn and written: the figure, its PNG bytes, and its paths relative to the output folder. */
    record Rendered(Figure figure, byte[] png, String pngPath, String csvPath) {
    }

    private ExperimentSection() {
    }

    static List<Block> of(Run run, String runPath, List<Rendered> figures) {
        RunMeta meta = run.meta();
        List<Block> blocks = new ArrayList<>();
        String title = meta.title() == null || meta.title().isBlank() ? "" : ": " + meta.title();
        blocks.add(new Block.Heading(2, run.experiment() + title, run.experiment()));
        String summary = meta.summary() == null || meta.summary().isBlank()
                ? ExperimentDeclaration.of(run.experiment()).summaryOrEmpty() : meta.summary();
        if (!summary.isBlank()) {
            blocks.add(new Block.Paragraph(summary));
        }
        blocks.add(new Block.Paragraph("Run `" + runPath + "`, profile " + (meta.profile() == null ? "unknown" : meta.profile())
                + "; rerun with `./workbench experiment " + run.experiment() + "`."));
        figures.forEach(f -> blocks.add(new Block.Image(f.pngPath(), f.png(),
                f.figure().chart().getTitle().getText(), f.figure().caption(), f.csvPath())));

        blocks.add(new Block.Heading(3, "Published vs reproduced", run.experiment() + "-published"));
        blocks.addAll(ComparisonTables.of(run));

        blocks.add(new Block.Heading(3, "Steps", run.experiment() + "-steps"));
        blocks.add(SetupTables.series(run));
        run.seriesIds().forEach(series -> {
            blocks.addAll(StepTables.of(run, series));
            blocks.addAll(HostTables.steps(run, series));
        });

        blocks.add(new Block.Heading(3, "Machine", run.experiment() + "-machine"));
        blocks.add(SetupTables.machine(run, runPath));
        if (meta.hosts() != null) {
            blocks.add(new Block.Heading(3, "Hosts", run.experiment() + "-hosts"));
            blocks.add(new Block.Paragraph("Where the server and the load generators ran (the machine above is the runner's)."
                    + " Clock offset: the host's clock minus the runner's, measured at the start, ± half the round trip of"
                    + " that measurement."));
            blocks.add(HostTables.hosts(run));
        }
        return blocks;
    }

    /** The contents row: experiment, title, run, and its headline (the first ratio, else the first published figure). */
    static List<String> contentsRow(Run run) {
        RunMeta meta = run.meta();
        // The headline is a published ratio if there is one, else a published figure, else our own ratio.
        String headline = Numbers.NONE;
        RunMeta.Ratio publishedRatio = meta.ratiosOrEmpty().stream().filter(r -> r.published() != null).findFirst().orElse(null);
        RunMeta.Published figure = meta.publishedOrEmpty().stream().filter(p -> p.series() != null).findFirst().orElse(null);
        if (publishedRatio != null || (figure == null && !meta.ratiosOrEmpty().isEmpty())) {
            RunMeta.Ratio r = publishedRatio != null ? publishedRatio : meta.ratiosOrEmpty().getFirst();
            headline = r.name() + ": " + (r.published() == null ? Numbers.NONE : Numbers.ratio(r.published()))
                    + " published, " + Numbers.headline(ComparisonTables.reproducedSpread(run, r), Numbers::ratio) + " reproduced";
        } else if (figure != null) {
            double published = ReproducedMetrics.published(run, figure.series(), figure.metric());
            headline = figure.metric() + " (" + meta.label(figure.series()) + "): "
                    + (Double.isNaN(published) ? (figure.value() == null ? Numbers.NONE : figure.value().asText())
                        : ReproducedMetrics.format(figure.metric(), published))
                    + " published, " + ReproducedMetrics.describe(run, figure.series(), figure.metric()) + " reproduced";
        }
        return List.of(run.experiment(), meta.title() == null ? "" : meta.title(), "`" + run.id() + "`", headline);
    }
}
