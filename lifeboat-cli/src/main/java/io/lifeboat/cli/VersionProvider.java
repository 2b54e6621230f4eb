package io.lifeboat.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by Maven), or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"lifeboat " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
