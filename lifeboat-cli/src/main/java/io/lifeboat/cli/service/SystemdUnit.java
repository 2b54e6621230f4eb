package io.lifeboat.cli.service;

import java.nio.file.Path;
import java.util.List;

/**
 * The text of a systemd unit for the vault or the agent: restart on failure, and the hardening
 * each can bear. The vault runs as a dedicated user with everything read-only but its folder; the
 * agent must read any file and block device it protects, so it runs as root but keeps only the
 * capability to read ({@code CAP_DAC_READ_SEARCH}) and may write only its own folder.
 *
 * @param description   the unit's Description
 * @param execStart     the command line, e.g. {@code /usr/local/bin/lifeboat vault serve --config ...}
 * @param user          the user to run as ({@code root} for the agent)
 * @param writable      the only folders the service may write
 * @param agent         true for the agent's relaxations (devices, reading as root)
 */
public record SystemdUnit(String description, String execStart, String user, List<Path> writable, boolean agent) {

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Written by `lifeboat ").append(agent ? "agent" : "vault").append(" install-service`.\n")
                .append("[Unit]\nDescription=").append(description).append('\n')
                .append("After=network-online.target\nWants=network-online.target\n\n")
                .append("[Service]\nType=simple\n");
        if (!user.equals("root")) {
            b.append("User=").append(user).append("\nGroup=").append(user).append('\n');
        }
        b.append("ExecStart=").append(execStart).append('\n')
                .append("Restart=on-failure\nRestartSec=5s\nTimeoutStopSec=30s\n")
                .append("# hardening\nNoNewPrivileges=yes\nProtectSystem=strict\n");
        for (Path p : writable) {
            b.append("ReadWritePaths=").append(p).append('\n');
        }
        b.append("ProtectHome=").append(agent ? "read-only" : "yes").append('\n')
                .append("PrivateTmp=yes\nProtectKernelTunables=yes\nProtectKernelModules=yes\n")
                .append("ProtectControlGroups=yes\nRestrictNamespaces=yes\nRestrictSUIDSGID=yes\n")
                .append("LockPersonality=yes\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\nUMask=0077\n");
        if (agent) {
            b.append("CapabilityBoundingSet=CAP_DAC_READ_SEARCH\n");
        } else {
            b.append("PrivateDevices=yes\nCapabilityBoundingSet=\n");
        }
        b.append("\n[Install]\nWantedBy=multi-user.target\n");
        return b.toString();
    }
}
