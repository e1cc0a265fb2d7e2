package io.newswatch.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newswatch} command. */
@Command(name = "newswatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Watches the news for escalating coverage of places.%n",
    subcommands = {
      UpCommand.class, IngestCommand.class, EnrichCommand.class, AlertsCommand.class,
      TagCommand.class, BacktestCommand.class, TailCommand.class, WatchCommand.class,
      TopicsCommand.class, ReplayCommand.class, SubscribeCommand.class, WebhooksCommand.class,
      GazetteerCommand.class, ActorsCommand.class
    },
    footer = {"%nExit status: 0 on success, 2 on bad usage or bad input (with a one-line reason), 1 on other failures."})
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with the optional subcommands on the class path and newswatch's error
   * handling: what tests and main both run.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    ServiceLoader.load(OptionalSubcommand.class).forEach(cli::addSubcommand);
    // added last so that help lists it last, after the optional subcommands
    cli.addSubcommand(new CommandLine.HelpCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof UserError) {
        err.println("newswatch: " + e.getMessage());
        return 2;
      }
      err.println("newswatch: " + e);
      org.slf4j.LoggerFactory.getLogger(Main.class).debug("failed", e);
      return 1;
    });
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"newswatch " + (version == null ? "(development build)" : version)};
    }
  }
}
