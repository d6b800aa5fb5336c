package io.asyncworkbench.load;

import java.util.Arrays;

/**
 * A pool's open connections, and which of them are idle, with every change in constant time
 * however many are open: the pool changes them on every connect, close and response.
 *
 * <ul>
 *   <li>The open ones are packed in an array, and each knows its slot: removing one moves the last
 *       into its slot. No search and no shift, where a list's {@code remove(Object)} costs a scan
 *       and a copy of all the others (2,000 users: 2,000 of them, per connection closed).</li>
 *   <li>The idle ones are a stack linked through the connections themselves, the most recently
 *       used on top: taking the top and dropping one from the middle (it was closed while idle)
 *       each change two links, where a deque's {@code remove(Object)} scans it.</li>
 * </ul>
 *
 * <p>Example: open a, b, c (slots 0, 1, 2); close a, and c moves into slot 0. Release b then c:
 * the stack is c over b; take one, it is c, the warm one.
 *
 * <p>Only the array grows, by doubling, so adding is constant on average; nothing else allocates.
 */
final class OpenConnections {

    private Connection[] open = new Connection[16];
    private int size;
    private Connection idleTop;

    int size() {
        return size;
    }

    /** The connection in slot {@code slot}, from 0 to {@code size() - 1}; a removal moves another into it. */
    Connection get(int slot) {
        return open[slot];
    }

    void add(Connection c) {
        if (size == open.length) {
            open = Arrays.copyOf(open, size * 2);
        }
        c.slot = size;
        open[size++] = c;
    }

    /** Removes {@code c}, idle or not; false when it was not open here (removed already, or never added). */
    boolean remove(Connection c) {
        int slot = c.slot;
        if (slot == Connection.NO_SLOT) {
            return false;
        }
        Connection last = open[--size];
        open[slot] = last;
        last.slot = slot;
        open[size] = null;
        c.slot = Connection.NO_SLOT;
        if (c.idle) {
            unlinkIdle(c);
        }
        return true;
    }

    /** Puts open connection {@code c} on top of the idle ones. */
    void pushIdle(Connection c) {
        c.idle = true;
        c.idleBelow = idleTop;
        if (idleTop != null) {
            idleTop.idleAbove = c;
        }
        idleTop = c;
    }

    /** Takes the most recently used idle connection, or null when none is idle. */
    Connection popIdle() {
        Connection c = idleTop;
        if (c != null) {
            unlinkIdle(c);
        }
        return c;
    }

    private void unlinkIdle(Connection c) {
        if (c.idleAbove == null) {
            idleTop = c.idleBelow;
        } else {
            c.idleAbove.idleBelow = c.idleBelow;
        }
        if (c.idleBelow != null) {
            c.idleBelow.idleAbove = c.idleAbove;
        }
        c.idleAbove = null;
        c.idleBelow = null;
        c.idle = false;
    }
}
