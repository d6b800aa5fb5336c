package io.asyncworkbench.experiment;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two kinds of config file {@link SimulatedHosts} writes: each host's {@code sshd_config},
 * and the client's {@code ssh_config} with one {@code Host} entry per host. For host 1 at
 * 198.19.7.2, the client's entry reads:
 *
 * <pre>
 * Host wbhost1
 *   HostName 198.19.7.2
 *   User root
 *   IdentityFile "/tmp/wbhosts-123/client_ed25519"
 *   IdentitiesOnly yes
 *   ...
 * </pre>
 */
final class SshConfigs {

    private SshConfigs() {
    }

    /**
     * An sshd of host {@code i} on {@code address} port 22 that lets root in with the client key
     * only, its files all in {@code dir}.
     */
    static String server(String address, Path dir, int i) {
        return """
                # sshd of simulated host %d (SimulatedHosts): every file of its own is in %s.
                ListenAddress %s:22
                HostKey "%s"
                PidFile "%s"
                AuthorizedKeysFile "%s"
                PermitRootLogin prohibit-password
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                # The keys live in a temporary directory, not in ~root/.ssh with its modes.
                StrictModes no
                UseDNS no
                PrintMotd no
                # scp speaks SFTP since OpenSSH 9.0.
                Subsystem sftp internal-sftp
                """.formatted(i, dir, address, dir.resolve("host_ed25519"), dir.resolve("sshd-" + i + ".pid"),
                dir.resolve("authorized_keys"));
    }

    /** The client's config: for each alias of {@code addresses}, root at that address with {@code identity}. */
    static String client(Map<String, String> addresses, Path identity) {
        StringBuilder out = new StringBuilder("# Simulated hosts (SimulatedHosts): use with ssh -F and scp -F.\n");
        addresses.forEach((alias, address) -> out.append("""
                Host %s
                  HostName %s
                  Port 22
                  User root
                  IdentityFile "%s"
                  IdentitiesOnly yes
                  StrictHostKeyChecking no
                  UserKnownHostsFile /dev/null
                  LogLevel ERROR
                  BatchMode yes
                  ConnectTimeout 5
                """.formatted(alias, address, identity)));
        return out.toString();
    }
}
