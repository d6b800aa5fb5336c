package io.asyncworkbench.cli;

import picocli.CommandLine;

import java.util.function.Function;

/**
 * A picocli converter from a parse function that throws {@link IllegalArgumentException} with a
 * message for the user: the message becomes picocli's one-line error, e.g.
 * {@code Invalid value for option '--workload': unknown workload 'nope' (...)}.
 *
 * <pre>{@code
 * public static final class Converter extends ParsingConverter<Workload> {
 *     public Converter() { super(Workload::parse); }
 * }
 * }</pre>
 */
public abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {

    private final Function<String, T> parse;

    protected ParsingConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public final T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
