package io.asyncworkbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.asyncworkbench.run.RunMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a run's {@code meta.json} into {@link RunMeta}, the record the runner wrote it from, and
 * checks what the report relies on: {@code experiment}, a positive {@code p99BoundMillis}, a
 * non-empty {@code series} with slug ids, and load host labels that can name files. Fields it does
 * not know are ignored, so a run written by a newer runner still renders.
 */
final class MetaFile {

    private MetaFile() {
    }

    private static final String SLUG = "[a-z0-9][a-z0-9-]*";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads and checks {@code meta.json}. */
    static RunMeta read(Path file) throws DamagedRunException {
        RunMeta meta;
        try {
            meta = JSON.readValue(Files.readString(file), RunMeta.class);
        } catch (NoSuchFileException e) {
            throw new DamagedRunException(file, "missing");
        } catch (JsonProcessingException e) {
            String problem = "not valid meta.json: " + firstLine(e.getOriginalMessage());
            throw e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? new DamagedRunException(file, problem)
                    : new DamagedRunException(file, e.getLocation().getLineNr(), problem);
        } catch (IOException e) {
            throw new DamagedRunException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (meta == null || meta.experiment() == null || meta.experiment().isBlank()) {
            throw new DamagedRunException(file, "no \"experiment\"");
        }
        if (meta.p99BoundMillis() == null || !(meta.p99BoundMillis() > 0)) {
            throw new DamagedRunException(file, "no positive \"p99BoundMillis\"");
        }
        if (meta.series() == null || meta.series().isEmpty()) {
            throw new DamagedRunException(file, "no \"series\"");
        }
        for (RunMeta.Series s : meta.series()) {
            if (s.id() == null || !s.id().matches(SLUG)) {
                throw new DamagedRunException(file, "series id '" + s.id() + "' is not a lowercase slug");
            }
        }
        if (meta.hosts() != null) {
            checkHosts(file, meta.hosts());
        }
        return meta;
    }

    /** A load host's label names its files ({@code <series>.<label>.hlog}) and its rows: a slug, one per host. */
    private static void checkHosts(Path file, RunMeta.Hosts hosts) throws DamagedRunException {
        if (hosts.load() == null || hosts.load().isEmpty()) {
            throw new DamagedRunException(file, "\"hosts\" has no \"load\" hosts");
        }
        for (RunMeta.Host h : hosts.load()) {
            if (h == null || h.label() == null || !h.label().matches(SLUG)) {
                throw new DamagedRunException(file, "load host label '" + (h == null ? null : h.label()) + "' is not a lowercase slug");
            }
        }
        if (Set.copyOf(hosts.loadLabels()).size() != hosts.load().size()) {
            throw new DamagedRunException(file, "two load hosts share one label");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
