package io.lifeboat.cli.groups;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.repository.Durations;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.groups.GroupDefinition;
import io.lifeboat.repository.groups.GroupMember;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.MachineRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat vault group set G --member MACHINE[:SOURCE]... [--round-timeout 10m]}. */
@Command(name = "set", mixinStandardHelpOptions = true, header = "Define a consistency group (or change it).",
        description = {"Define GROUP: its members (an enrolled machine, or MACHINE:SOURCE for one source of it, the"
                + " path as the agent protects it) and how long a round waits for all of them. Each member's agent"
                + " then protects with `agent protect --group GROUP`.",
            "Setting a group again stores a new definition (the store keeps every file it wrote); rounds opened"
                + " after it use it. Safe while `vault serve` runs: the definition is one new file in the repository's"
                + " store."})
public final class VaultGroupSetCommand implements Callable<Integer> {
    @Mixin
    VaultDirOption dir;

    @Parameters(index = "0", paramLabel = "GROUP", description = "the group's name (letters, digits, '.', '_', '-')")
    String group;

    @Option(names = "--member", required = true, paramLabel = "MACHINE[:SOURCE]",
            description = "a member; repeat for each (at least one)")
    List<String> members;

    @Option(names = "--round-timeout", defaultValue = "10m", converter = DurationOption.class, paramLabel = "DURATION",
            description = "how long a round waits for every member before it is incomplete (default: ${DEFAULT-VALUE})")
    Duration roundTimeout;

    @Override
    public Integer call() {
        Set<String> enrolled = dir.open(Clock.systemUTC()).listMachines().stream()
                .map(MachineRecord::name).collect(Collectors.toSet());
        List<GroupMember> parsed = new ArrayList<>();
        for (String m : members) {
            GroupMember member;
            try {
                member = GroupMember.parse(m);
            } catch (IllegalArgumentException e) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "--member " + m + ": " + e.getMessage());
            }
            if (!enrolled.contains(member.machine())) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "--member " + m + ": the vault has no machine "
                        + member.machine() + " (see `lifeboat vault machines`)");
            }
            parsed.add(member);
        }
        GroupDefinition def;
        try {
            def = new GroupDefinition(group, parsed, roundTimeout, Clock.systemUTC().instant());
        } catch (IllegalArgumentException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, e.getMessage());
        }
        try (Backend store = VaultDir.backend(dir.layout().dir())) {
            GroupStore.on(store).define(def);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        System.out.println("group " + group + ": " + def.members().size() + " members (" + def.members().stream()
                .map(GroupMember::toString).collect(Collectors.joining(", ")) + "), round timeout "
                + Durations.format(roundTimeout));
        return 0;
    }
}
