package io.asyncworkbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrivalProfileTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ArrivalProfileTest.class.getResource("/profiles/" + name).toURI());
    }

    @Test
    void shouldReadTheBlogsSteppedPhasesFromYaml() throws Exception {
        ArrivalProfile profile = ArrivalProfile.read(resource("blog-part3.yaml"));

        assertEquals(1, profile.sessionRequests());
        assertEquals(List.of(20.0, 50.0, 100.0, 200.0, 350.0), profile.phases().stream().map(Phase::arrivalRatePerSec).toList());
        assertEquals(Duration.ofSeconds(150), profile.length());
        assertEquals(500, profile.peakMaxUsers());
    }

    @Test
    void shouldReadJson_withNumbersAsSeconds_andLoopForeverWithoutASession() throws Exception {
        ArrivalProfile profile = ArrivalProfile.read(resource("looping.json"));

        assertEquals(List.of(new Phase(Duration.ofMillis(500), 8, 4), new Phase(Duration.ofMillis(1500), 2, 0)), profile.phases());
        assertEquals(ArrivalProfile.FOREVER, profile.sessionRequests());
        assertEquals(0, profile.peakMaxUsers(), "a phase without a limit");
    }

    @Test
    void shouldExplainWhatIsMissingOrWrong() {
        ObjectMapper json = new ObjectMapper();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArrivalProfile.of(json.readTree("{}")))
                .getMessage().contains("'phases'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArrivalProfile.of(json.readTree("{\"phases\":[{\"duration\":\"10s\"}]}")))
                .getMessage().startsWith("phase 1 needs 'duration' and 'arrivalRate'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArrivalProfile.of(json.readTree("{\"phases\":[{\"duration\":\"ten\",\"arrivalRate\":1}]}")))
                .getMessage().startsWith("phase 1: 'ten' is not a duration"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArrivalProfile.of(json.readTree("{\"phases\":[{\"duration\":\"1s\",\"arrivalRate\":-3}]}")))
                .getMessage().contains("arrival rate"));
    }

    @Test
    void shouldShareMaxUsersAcrossLoops() {
        Phase phase = new Phase(Duration.ofSeconds(1), 10, 5);
        assertEquals(List.of(3, 2), List.of(phase.maxUsersOnLoop(0, 2), phase.maxUsersOnLoop(1, 2)));
        assertEquals(Integer.MAX_VALUE, new Phase(Duration.ofSeconds(1), 10, 0).maxUsersOnLoop(0, 2));
    }
}
