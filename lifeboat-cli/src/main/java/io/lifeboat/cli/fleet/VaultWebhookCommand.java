package io.lifeboat.cli.fleet;

import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.vault.alerts.WebhookStore;
import io.lifeboat.vault.alerts.WebhookUrl;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vault webhook add|remove|list}: where alerts are POSTed. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Manage the webhooks that get alerts: rpo-warning, rpo-critical, rpo-ok, legacy-client-refused,",
            "each POSTed as JSON {time, type, machine, message, ...}. HTTPS (TLS 1.2/1.3, system trust store),",
            "or plain HTTP only to a loopback address. A serving vault uses a change at once."},
        subcommands = {VaultWebhookCommand.Add.class, VaultWebhookCommand.Remove.class, VaultWebhookCommand.ListUrls.class})
public final class VaultWebhookCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing webhook command: add, remove or list");
    }

    static void print(CommandSpec spec, List<WebhookUrl> urls) {
        var out = spec.commandLine().getOut();
        if (urls.isEmpty()) {
            out.println("no webhooks");
        }
        urls.forEach(out::println);
        out.flush();
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a webhook URL.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultDirOption dir;

        @Parameters(paramLabel = "URL", description = "https://... (or http://127.0.0.1:PORT/...)")
        String url;

        @Override
        public Integer call() {
            io.lifeboat.vault.VaultConfig.read(dir.layout());
            print(spec, new WebhookStore(dir.layout().dir()).add(WebhookUrl.parse(url)));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a webhook URL.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultDirOption dir;

        @Parameters(paramLabel = "URL")
        String url;

        @Override
        public Integer call() {
            io.lifeboat.vault.VaultConfig.read(dir.layout());
            print(spec, new WebhookStore(dir.layout().dir()).remove(WebhookUrl.parse(url)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the webhook URLs.")
    static final class ListUrls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultDirOption dir;

        @Override
        public Integer call() {
            io.lifeboat.vault.VaultConfig.read(dir.layout());
            print(spec, new WebhookStore(dir.layout().dir()).list());
            return 0;
        }
    }
}
