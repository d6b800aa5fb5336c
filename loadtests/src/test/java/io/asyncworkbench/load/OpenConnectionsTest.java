package io.asyncworkbench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's bookkeeping: slots reused, nothing lost or counted twice, idle ones taken most recent first. */
class OpenConnectionsTest {

    private final OpenConnections open = new OpenConnections();

    @Test
    void shouldMoveTheLastIntoTheFreedSlot_whenOneCloses() {
        Connection a = connection();
        Connection b = connection();
        Connection c = connection();
        open.add(a);
        open.add(b);
        open.add(c);

        assertTrue(open.remove(a));
        Connection d = connection();
        open.add(d);

        assertEquals(3, open.size());
        assertSame(c, open.get(0));
        assertSame(b, open.get(1));
        assertSame(d, open.get(2));
        assertEquals(Connection.NO_SLOT, a.slot);
    }

    @Test
    void shouldTakeTheMostRecentlyUsed_andSkipOneThatClosedWhileIdle() {
        Connection a = connection();
        Connection b = connection();
        Connection c = connection();
        for (Connection x : List.of(a, b, c)) {
            open.add(x);
            open.pushIdle(x);
        }

        open.remove(b); // the server closed it while it was idle

        assertSame(c, open.popIdle());
        assertSame(a, open.popIdle());
        assertNull(open.popIdle());
        assertEquals(2, open.size());
    }

    @Test
    void shouldRemoveNothing_whenTheConnectionWasNeverAddedOrIsRemovedTwice() {
        Connection held = connection(); // as --hold-idle's: never among the pool's
        Connection a = connection();
        open.add(a);
        open.pushIdle(a);

        assertFalse(open.remove(held));
        assertTrue(open.remove(a));
        assertFalse(open.remove(a));
        assertEquals(0, open.size());
        assertNull(open.popIdle());
    }

    /** 200,000 random connects, closes, releases and takes, checked after every step against a list and a deque. */
    @Test
    void shouldAgreeWithAListAndADeque_afterManyRandomChanges() {
        List<Connection> expectedOpen = new ArrayList<>();
        ArrayDeque<Connection> expectedIdle = new ArrayDeque<>();
        List<Connection> busy = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            int what = random.nextInt(4);
            if (what == 0 || expectedOpen.isEmpty()) {
                Connection c = connection();
                open.add(c);
                expectedOpen.add(c);
                busy.add(c);
            } else if (what == 1) {
                Connection c = expectedOpen.get(random.nextInt(expectedOpen.size()));
                assertTrue(open.remove(c));
                expectedOpen.remove(c);
                expectedIdle.remove(c);
                busy.remove(c);
            } else if (what == 2 && !busy.isEmpty()) {
                Connection c = busy.remove(random.nextInt(busy.size()));
                open.pushIdle(c);
                expectedIdle.addLast(c);
            } else {
                Connection c = open.popIdle();
                assertSame(expectedIdle.pollLast(), c, "step " + step);
                if (c != null) {
                    busy.add(c);
                }
            }
            assertEquals(expectedOpen.size(), open.size(), "step " + step);
        }
        HashSet<Connection> seen = new HashSet<>();
        for (int slot = 0; slot < open.size(); slot++) {
            assertEquals(slot, open.get(slot).slot);
            assertTrue(seen.add(open.get(slot)), "slot " + slot + " holds a connection twice");
        }
        assertEquals(new HashSet<>(expectedOpen), seen);
    }

    private static Connection connection() {
        return new Connection(null);
    }
}
