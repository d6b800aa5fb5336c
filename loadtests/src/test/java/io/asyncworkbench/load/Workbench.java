package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncworkbench.cli.CommandLines;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code workbench ...} in this JVM, as the jar's main would, and captures what it printed and wrote. */
final class Workbench {

    /** What one run left: its exit status, stdout, stderr, and its {@code --json} summary when it wrote one. */
    record Result(int exitCode, String out, String err, Summary summary) {
    }

    private Workbench() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.create(new WorkbenchCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString(), null);
    }

    /** A load run against a {@link ControlledServer}: what the generator reported, and what the server counted. */
    record Run(Result result, Summary summary, int serverAccepted, int serverRequests) {
        /** Stdout, for assertion messages. */
        String out() {
            return result.out();
        }
    }

    /** Runs {@code load --url} {@code server} with {@code args}, then closes the server. */
    static Run against(ControlledServer server, Path dir, String... args) throws IOException {
        try (server) {
            List<String> all = new ArrayList<>(List.of("--url", server.url()));
            all.addAll(List.of(args));
            Result r = load(dir, all.toArray(String[]::new));
            return new Run(r, r.summary(), server.accepted(), server.requests());
        }
    }

    /** Runs {@code load} with {@code args} plus {@code --json} into {@code dir}, and reads the summary back. */
    static Result load(Path dir, String... args) throws IOException {
        Path json = dir.resolve("summary.json");
        List<String> all = new ArrayList<>(List.of("load"));
        all.addAll(List.of(args));
        all.addAll(List.of("--json", json.toString()));
        Result r = run(all.toArray(String[]::new));
        Summary summary = Files.exists(json) ? new ObjectMapper().readValue(json.toFile(), Summary.class) : null;
        return new Result(r.exitCode(), r.out(), r.err(), summary);
    }
}
