package io.asyncworkbench.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the run's progress both to {@code load.log} and to the console. */
final class TeeWriter extends Writer {

    private final Writer file;
    private final PrintWriter console;

    TeeWriter(Path log, PrintWriter console) throws IOException {
        this.file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.console = console;
    }

    PrintWriter printer() {
        return new PrintWriter(this, true);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        file.write(chars, offset, length);
        console.write(chars, offset, length);
    }

    @Override
    public void flush() throws IOException {
        file.flush();
        console.flush();
    }

    @Override
    public void close() throws IOException {
        file.close();
        console.flush();
    }
}
