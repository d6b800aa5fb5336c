package io.asyncworkbench.report;

/**
 * An experiment definition whose report part cannot be used. The message is one line that names
 * the definition and the field, e.g. {@code experiments/accept-loop.json: figures[0].panels[1].lines[0].from:
 * 'p98_ms' is not a steps.csv column (known: ...)}, so the report can print it and go on with the
 * other experiments.
 */
final class BadDeclarationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadDeclarationException(String message) {
        super(message);
    }
}
