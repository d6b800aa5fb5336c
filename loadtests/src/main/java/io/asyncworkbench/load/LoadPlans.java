package io.asyncworkbench.load;

import io.netty.handler.codec.http.HttpMethod;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the flags of {@link LoadCommand} together and turns them into a {@link LoadPlan}. Every
 * problem is a {@link ParameterException}: one line on stderr and exit status 2, e.g.
 * {@code load: choose one model: --rate (open), --users (closed) or --profile (arrival phases) (see --help)}.
 */
final class LoadPlans {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    static final int DEFAULT_OPEN_CONNECTIONS = 100;
    static final int DEFAULT_PROFILE_CONNECTIONS = 1000;

    private LoadPlans() {
    }

    static LoadPlan of(LoadCommand c, CommandSpec spec) {
        Check check = new Check(spec);
        int models = (c.rate != null ? 1 : 0) + (c.users != null ? 1 : 0) + (c.profile != null ? 1 : 0);
        check.that(models == 1, "choose one model: --rate (open), --users (closed) or --profile (arrival phases)");
        check.that(c.url.getScheme() != null && c.url.getScheme().equalsIgnoreCase("http") && c.url.getHost() != null,
                "--url must be an http:// URL with a host, e.g. http://127.0.0.1:8080/data (got '" + c.url + "')");
        check.that(c.users != null || (c.requestsPerUser == null && c.ramp.isZero()),
                "--requests-per-user and --ramp belong to the closed model: add --users N");
        check.that(c.rate == null || (c.rate > 0 && !c.rate.isInfinite()), "--rate must be above 0");
        check.that(c.users == null || c.users >= 1, "--users must be at least 1");
        check.that(c.requestsPerUser == null || c.requestsPerUser >= 1, "--requests-per-user must be at least 1");
        check.that(!(c.connectionClose && c.clientClose), "choose one of --connection-close (the server closes) and --client-close (the generator closes)");
        check.that(c.holdIdle >= 0, "--hold-idle must be 0 or more");
        check.that(c.threads >= 1, "--threads must be at least 1");
        check.that(c.timeout.toNanos() > 0, "--timeout must be above 0");
        check.that(c.duration == null || c.duration.toNanos() > 0, "--duration must be above 0");

        LoadPlan.Model model = c.rate != null ? LoadPlan.Model.OPEN : c.users != null ? LoadPlan.Model.CLOSED : LoadPlan.Model.PROFILE;
        ArrivalProfile profile = model == LoadPlan.Model.PROFILE ? readProfile(c, check) : null;
        Duration duration = c.duration;
        if (duration == null && model == LoadPlan.Model.PROFILE) {
            duration = profile.length().minus(c.warmup);
            check.that(duration.toNanos() > 0, "--warmup " + c.warmup + " is not shorter than the profile (" + profile.length() + ")");
        } else if (duration == null && !(model == LoadPlan.Model.CLOSED && c.requestsPerUser != null)) {
            duration = DEFAULT_DURATION;
        }
        int maxConnections = c.maxConnections != null ? c.maxConnections : switch (model) {
            case OPEN -> DEFAULT_OPEN_CONNECTIONS;
            case CLOSED -> c.users;
            case PROFILE -> profile.peakMaxUsers() > 0 ? profile.peakMaxUsers() : DEFAULT_PROFILE_CONNECTIONS;
        };
        check.that(maxConnections >= c.threads, "--max-connections (" + maxConnections + ") must be at least --threads (" + c.threads + ")");

        return new LoadPlan(c.url, method(c, check), headers(c.headers, check), model,
                c.rate == null ? 0 : c.rate, c.users == null ? 0 : c.users,
                c.requestsPerUser == null ? ArrivalProfile.FOREVER : c.requestsPerUser, c.ramp,
                profile, c.profile == null ? null : c.profile.getFileName().toString(),
                c.warmup, duration, c.timeout, c.threads, maxConnections, c.connectionClose, c.clientClose, c.holdIdle,
                sources(c.sourceAddresses, check), c.transport, c.hlog, c.json, c.startAt, commandLine(spec));
    }

    private static ArrivalProfile readProfile(LoadCommand c, Check check) {
        try {
            return ArrivalProfile.read(c.profile);
        } catch (IOException | IllegalArgumentException e) {
            throw check.fail("cannot use --profile " + c.profile + ": " + e.getMessage());
        }
    }

    private static HttpMethod method(LoadCommand c, Check check) {
        check.that(c.method.matches("[A-Za-z]+"), "--method must be a word such as GET or HEAD (got '" + c.method + "')");
        return c.httpMethod();
    }

    static List<Map.Entry<String, String>> headers(List<String> texts, Check check) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String text : texts) {
            int colon = text.indexOf(':');
            check.that(colon > 0 && text.substring(0, colon).trim().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
                    "--header must be 'Name: value' (got '" + text + "')");
            headers.add(new AbstractMap.SimpleImmutableEntry<>(text.substring(0, colon).trim(), text.substring(colon + 1).trim()));
        }
        return headers;
    }

    private static List<InetAddress> sources(String text, Check check) {
        if (text == null) {
            return List.of();
        }
        try {
            return AddressRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw check.fail("--source-addresses: " + e.getMessage());
        }
    }

    /** The command as typed, e.g. {@code workbench load --url http://127.0.0.1:8080/data --rate 2000}. */
    static String commandLine(CommandSpec spec) {
        StringBuilder line = new StringBuilder(spec.root().name());
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            boolean plain = arg.matches("[A-Za-z0-9_@%+=:,./-]+");
            line.append(' ').append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** Throws picocli's usage error with {@code message} when a condition fails. */
    record Check(CommandSpec spec) {
        void that(boolean condition, String message) {
            if (!condition) {
                throw fail(message);
            }
        }

        ParameterException fail(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }
}
