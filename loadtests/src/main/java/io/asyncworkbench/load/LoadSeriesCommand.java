package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code workbench load-series}: the load generator as a process of its own that runs many loads,
 * one after the other, for the experiment runner. Each line of standard input is a JSON array of
 * {@code workbench load} flags, exactly as a user types them; the load runs (its progress and
 * summary go to standard error), and one line answers on standard output: {@code done}, or
 * {@code failed: <reason>}. End of input ends the process.
 *
 * <pre>
 * stdin:  ["--url","http://127.0.0.1:8080/data","--rate","2000","--duration","3s","--json","step-1.json"]
 * stdout: done
 * </pre>
 *
 * <p>Why one process for a series and not one per step: the generator then compiles its hot paths
 * once, during the warm-up, instead of in the first seconds of every step, where the JIT on the
 * generator's one CPU would delay the sends (see {@code docs/run-format.md}).
 */
@Command(name = "load-series", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs one 'workbench load' per line of standard input (a JSON array of its flags); answers each with 'done' or 'failed: reason'.")
public final class LoadSeriesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PrintWriter log = new PrintWriter(System.err, true);
        PrintWriter answers = new PrintWriter(System.out, true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            try {
                List<String> args = List.of(json.readValue(line, String[].class));
                LoadSteps.run(args, log);
                answers.println("done");
            } catch (Exception e) {
                // One line, so the runner can quote it; the stack trace goes to the log.
                e.printStackTrace(log);
                answers.println("failed: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        return 0;
    }
}
