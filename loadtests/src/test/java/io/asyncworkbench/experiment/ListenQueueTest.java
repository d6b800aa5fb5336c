package io.asyncworkbench.experiment;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ListenQueueTest {

    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F90 00000000:0000 0A 00000000:0000002A 00:00000000 00000000     0        0 343 1
               1: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000     0        0 344 1
               2: 0100007F:1F90 0100007F:9C40 01 00000000:00000010 00:00000000 00000000     0        0 345 1
               3: 0100007F:1F91 00000000:0000 0A 00000000:00000007 00:00000000 00000000     0        0 346 1
            """;

    @Test
    void shouldAddTheAcceptQueuesOfEveryListeningSocketOnThePort_andNothingElse() {
        assertEquals(42 + 3, ListenQueue.depth(TABLE, 8080), "two SO_REUSEPORT sockets; an established one does not count");
        assertEquals(7, ListenQueue.depth(TABLE, 8081));
        assertEquals(0, ListenQueue.depth(TABLE, 9090));
    }

    @Test
    void shouldSeeConnectionsTheServerHasNotAccepted() throws Exception {
        assumeTrue(ListenQueue.depth(0) >= 0, "needs Linux's /proc/net/tcp");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    clients.add(s);
                }
                assertEquals(5, ListenQueue.depth(server.getLocalPort()), "five connected, none accepted");
                server.accept().close();
                assertEquals(4, ListenQueue.depth(server.getLocalPort()));
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
        }
    }
}
