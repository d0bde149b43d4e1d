package org.tinyformer.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tinyformer} command: {@code tinyformer <command> [options]}. Every user error prints
 * one {@code error:} line and exits non-zero (2 for usage errors, 1 for failures); {@code
 * --verbose} adds the stack trace.
 */
@Command(
    name = "tinyformer",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Build, train, inspect and sample small transformer language models, in pure Java.",
    subcommands = {
      CommandLine.HelpCommand.class,
      SelfCheckCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      GemmBenchCommand.class,
      StepBenchCommand.class,
      PlotCommand.class,
      TokenizerCommand.class,
      DataCommand.class,
      SampleCommand.class,
      ChatCommand.class,
      PredictCommand.class,
      InspectCommand.class,
      TaskCommand.class,
      AttentionCommand.class,
      GradcheckCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      DashboardCommand.class
    })
public final class Main implements Runnable {
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } catch (Throwable t) { // last resort: an Error (out of memory, stack overflow) from a command
      err.println("error: " + UserErrors.message(t));
      if (Arrays.asList(args).contains("--verbose")) {
        t.printStackTrace(err);
      }
      err.flush();
      return 1;
    }
  }

  /** The configured command line: error handlers that print one {@code error:} line. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    addHelpOptions(cli);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          if (UnknownCommand.applies(ex)) {
            UnknownCommand.print((CommandLine.UnmatchedArgumentException) ex);
            return 2;
          }
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("try: " + c.getCommandSpec().qualifiedName() + " --help");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          boolean showTrace = verbose(parseResult);
          c.getErr().println("error: " + UserErrors.message(ex));
          if (showTrace) {
            ex.printStackTrace(c.getErr());
          }
          return UserErrors.isUsageError(ex) ? 2 : 1;
        });
    return cli;
  }

  /** True when {@code --verbose} was given anywhere: before or after the subcommand names. */
  static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Gives every command and subcommand {@code --help} (and {@code --version}), as the root has. */
  private static void addHelpOptions(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      addHelpOptions(sub);
    }
  }

  /** Reads the version from the jar manifest (falls back to "dev" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "tinyformer " + (v == null ? "dev" : v),
        "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
