package io.asyncworkbench.hardened;

import io.asyncworkbench.server.ErrorPathPreload;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A child JVM for {@link ErrorPathPreloadIT}: takes every free descriptor, then logs one warning
 * through java.util.logging, as Netty does when an accept error reaches the end of a pipeline.
 * With the argument {@code preload} it runs {@link ErrorPathPreload} first. Prints {@code logged}
 * or {@code failed: <error>}. Everything it uses is loaded before the descriptors run out.
 */
public final class JulUnderExhaustion {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("preload")) {
            ErrorPathPreload.run();
        }
        Logger logger = Logger.getLogger("storm");  // Netty creates its loggers when it starts, too.
        List<FileInputStream> hog = new ArrayList<>();
        try {
            while (hog.size() < 1_000_000) {
                hog.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException noDescriptorLeft) {
            // EMFILE: the state of a server in the storm.
        }
        String outcome;
        try {
            logger.warning("accept failed during the storm");
            outcome = "logged";
        } catch (Throwable failed) {
            outcome = "failed: " + failed;
        }
        System.out.println(outcome + " (held " + hog.size() + " descriptors)");
        System.exit(0);
    }
}
