package io.asyncworkbench.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Every runnable jar's {@code Main-Class}: checks that the Java running it is new enough for the
 * jar, then runs the jar's real main class. Compiled for Java 8, so that an old Java can load it
 * and the user reads one line instead of an {@code UnsupportedClassVersionError}:
 *
 * <pre>
 * $ java -jar minimal-single-thread/target/minimal-single-thread.jar --port 8080     # Debian's default java: 17
 * minimal-single-thread.jar: needs Java 21 or newer, found 17 (/usr/lib/jvm/java-17-openjdk-amd64); run it with
 *   the java of a JDK 21+, or run ./workbench server minimal-single-thread --port 8080, which finds one
 * $ echo $?
 * 1
 * </pre>
 *
 * The parent pom writes what it reads into each jar's manifest: {@code Workbench-Main} (the real
 * main class), {@code Workbench-Module} (for the hint) and {@code Workbench-Java} (the release the
 * jar is compiled for). On a new enough Java the real {@code main} runs on this thread with the same
 * arguments; what it throws comes out unwrapped and its {@code System.exit} is its own, so exit
 * codes and stack traces are what they were without the launcher.
 */
public final class Launcher {

    static final String MAIN = "Workbench-Main";
    static final String MODULE = "Workbench-Module";
    static final String JAVA = "Workbench-Java";

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        // Read the manifest of the jar this class came from.
        File jar = ownJar();
        Attributes manifest;
        try (JarFile file = new JarFile(jar)) {
            manifest = file.getManifest().getMainAttributes();
        }
        String mainClass = required(manifest, MAIN, jar);

        // Too old: say so in one line.
        int needed = Integer.parseInt(required(manifest, JAVA, jar));
        int found = feature(System.getProperty("java.specification.version"));
        if (found < needed) {
            System.err.println(refusal(jar.getName(), needed, found, System.getProperty("java.home"),
                    workbenchCommand(required(manifest, MODULE, jar), args)));
            System.exit(1);
        }

        // New enough: the real main, as if it were the Main-Class.
        runMain(mainClass, args);
    }

    /** Runs {@code mainClass}'s {@code main(args)} on this thread; what it throws is thrown as it was. */
    static void runMain(String mainClass, String[] args) throws Throwable {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature version in {@code java.specification.version}: 8 for "1.8", 17 for "17". */
    static int feature(String specificationVersion) {
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return Integer.parseInt(version.substring(0, end));
    }

    /** The one line for a Java older than {@code needed}. */
    static String refusal(String jarName, int needed, int found, String javaHome, String command) {
        return jarName + ": needs Java " + needed + " or newer, found " + found + " (" + javaHome + "); run it with the java of a JDK "
                + needed + "+, or run " + command + ", which finds one";
    }

    /** The {@code ./workbench} command that runs {@code module}'s jar with these arguments on a JDK it finds. */
    static String workbenchCommand(String module, String[] args) {
        StringBuilder command = new StringBuilder("./workbench");
        if (module.equals("loadtests")) {
            // Its first argument is the command (load, experiment, reproduce), as ./workbench's is.
            command.append(args.length == 0 ? " load" : "");
        } else if (module.equals("results")) {
            command.append(" report");
        } else if (module.equals("jmh")) {
            command.append(" jmh");
        } else {
            command.append(" server ").append(module);
        }
        for (String arg : args) {
            command.append(' ').append(PLAIN_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return command.toString();
    }

    private static File ownJar() throws URISyntaxException {
        return new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String required(Attributes manifest, String name, File jar) throws IOException {
        String value = manifest.getValue(name);
        if (value == null || value.isEmpty()) {
            throw new IOException(jar + ": the manifest has no " + name + " (built by the workbench's parent pom?)");
        }
        return value;
    }
}
