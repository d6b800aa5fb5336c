package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRangeTest {

    private static List<String> parse(String text) {
        return AddressRange.parse(text).stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void shouldExpandAnInclusiveRange() {
        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"),
                parse("127.0.0.2-127.0.0.9"));
    }

    @Test
    void shouldJoinListsAndRanges_acrossAnOctetBoundary() {
        assertEquals(List.of("127.0.0.2", "127.0.0.255", "127.0.1.0"), parse("127.0.0.2, 127.0.0.255-127.0.1.0"));
        assertEquals(List.of("10.1.2.3"), parse("10.1.2.3"));
    }

    @Test
    void shouldRejectWhatIsNotAnAddressOrRange_withAMessageForTheUser() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("127.0.0.9-127.0.0.2")).getMessage().contains("empty range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("127.0.0.256")).getMessage().contains("above 255"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("localhost")).getMessage().contains("not an IPv4 address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("10.0.0.0-10.2.0.0")).getMessage().contains("more than"));
    }
}
