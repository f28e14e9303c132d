package dev.segmint.cli;

import dev.segmint.internal.Names;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code segmint} command. Exit codes: 0 success, 2 bad input (one sentence on stderr), 1 internal failure.
 * Stack traces only with {@code --verbose}.
 *
 * <p>{@code segmint [-h|-V|--verbose] COMMAND [flags]}: the command's flags are parsed by its {@link FlagSet}
 * (plain objects, no reflection or annotations: parsing loads a handful of small classes, and a run builds only its
 * own command); {@code --help}, {@code --version} and {@code --verbose} work before or after the command, and
 * {@code segmint help COMMAND} prints the same help as {@code segmint COMMAND --help}.
 */
public final class SegmintCommand {

  /** The commands, in the order of the help; {@link #create} makes each. */
  static final List<String> SUBCOMMANDS = List.of("demo", "rfm", "cluster", "profile", "segment", "assign", "track",
      "measure", "export", "clv");

  /** A fresh command called {@code name} (one of {@link #SUBCOMMANDS}), or null. */
  static Subcommand create(String name) {
    return switch (name) {
      case "demo" -> new DemoCommand();
      case "rfm" -> new RfmCommand();
      case "cluster" -> new ClusterCommand();
      case "profile" -> new ProfileCommand();
      case "segment" -> new SegmentCommand();
      case "assign" -> new AssignCommand();
      case "track" -> new TrackCommand();
      case "measure" -> new MeasureCommand();
      case "export" -> new ExportCommand();
      case "clv" -> new ClvCommand();
      default -> null;
    };
  }

  /** Exit code for bad input. */
  static final int BAD_INPUT = 2;
  /** Exit code for an internal failure. */
  static final int INTERNAL = 1;

  /** The paragraph of {@code segmint --help}. */
  static final String DESCRIPTION = "Customer segmentation on CSV files: RFM features, clustering, segment profiles "
      + "and reports.";
  /** The line of {@code help} in the command list. */
  static final String HELP_HEADER = "Print the help of a command: segmint help COMMAND (the same as segmint COMMAND "
      + "--help).";

  private SegmintCommand() {}

  /** Arguments that ask for a help or the version: no class preloading for those. */
  private static final Set<String> HELP_OR_VERSION = Set.of("help", "-h", "--help", "-V", "--version");

  /** The {@code segmint} process: {@link #run} on the standard streams, its code as the exit status. */
  public static void main(String[] args) {
    // tablesaw logs through SLF4J; without a provider SLF4J would print a three-line warning on every run
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    boolean run = args.length > 0;
    for (String a : args) {
      run &= !HELP_OR_VERSION.contains(a);
    }
    if (run) {
      int code = ShortRunJvm.runIfShort(args);   // a short run goes to a JVM started for short runs
      if (code >= 0) {
        System.exit(code);
      }
      ClassPreloader.start();   // for a command's run, not for a help or the version
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given streams and returns the exit code (for tests and embedding). Everything
   * printed passes through {@link EscapingWriter}: control characters from the data reach no terminal raw.
   */
  public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    PrintWriter out = new PrintWriter(new EscapingWriter(rawOut), true);
    PrintWriter err = new PrintWriter(new EscapingWriter(rawErr), true);
    int code = dispatch(args, out, err);
    out.flush();
    err.flush();
    rawOut.flush();
    rawErr.flush();
    return code;
  }

  /**
   * Parses {@code [standard flags] COMMAND [flags]} (or {@code help [COMMAND]}), then prints a help or the version, or
   * runs the command. A usage mistake is one line naming the help to read, unless the arguments also ask for the
   * help or the version anywhere.
   */
  private static int dispatch(String[] args, PrintWriter out, PrintWriter err) {
    FlagSet top = new FlagSet();   // -h, -V and --verbose before the command, and the flags of 'segmint help'
    Subcommand command = null;
    boolean helpCommand = false;
    boolean ofHelp = false;
    String see = "segmint";   // whose help an error points to
    try {
      int at = top.parse(args, 0);
      if (at < args.length) {
        helpCommand = args[at].equals("help");
        if (helpCommand) {
          see = "segmint help";
          at = top.parse(args, at + 1);
          if (at < args.length) {
            if (args[at].equals("help")) {
              ofHelp = true;   // segmint help help
            } else {
              see = "segmint";
              command = known(args[at]);
              see = "segmint help";
            }
            at = top.parse(args, at + 1);
          }
        } else {
          command = known(args[at]);
          see = "segmint " + command.name;
          at = command.flags.parse(args, at + 1);
        }
        if (at < args.length) {
          throw new UsageException("unexpected argument '" + args[at] + "'" + (helpCommand ? ""
              : "; every value follows its flag, as in --name VALUE"));
        }
      }
      if (command != null && !helpCommand) {
        command.flags.check();
      }
    } catch (UsageException e) {
      // --help or --version anywhere wins over a mistake in the other arguments
      String asked = asked(args);
      if (asked == null) {
        err.println("segmint: " + e.getMessage() + " (see '" + see + " --help')");
        return BAD_INPUT;
      }
      return asked.equals("--version") ? version(out)
          : print(out, command != null ? help(command) : helpCommand ? helpOfHelp() : topHelp());
    }
    boolean verbose = top.verbose.get() || (command != null && command.flags.verbose.get());
    if (verbose) {
      err.println("segmint: distance kernels: " + dev.segmint.kernel.Distances.implementationName() + " ("
          + dev.segmint.kernel.Distances.selectionReason() + ")");
      if (System.getProperty(ShortRunJvm.CHILD) != null) {
        err.println("segmint: a short run: in a second JVM with " + String.join(" ", ShortRunJvm.OPTIONS)
            + " (-D" + ShortRunJvm.PROPERTY + "=false runs in one JVM)");
      }
    }
    boolean helpAsked = top.help.get() || (command != null && command.flags.help.get());
    boolean versionAsked = top.version.get() || (command != null && command.flags.version.get());
    if (helpCommand) {
      return print(out, command != null ? help(command) : helpAsked || ofHelp ? helpOfHelp() : topHelp());
    }
    if (helpAsked || (command == null && !versionAsked)) {
      return print(out, command != null ? help(command) : topHelp());
    }
    if (versionAsked) {
      return version(out);
    }
    return execute(command, verbose, out, err);
  }

  /**
   * Runs the parsed command. A failure prints one sentence: bad input ({@link #isBadInput}) exits with
   * {@link #BAD_INPUT}, anything else is an internal failure ({@link #INTERNAL}) that asks for {@code --verbose},
   * which prints the stack trace.
   */
  private static int execute(Subcommand command, boolean verbose, PrintWriter out, PrintWriter err) {
    command.stdout = out;
    command.stderr = err;
    try {
      return command.call();
    } catch (Exception ex) {
      boolean bad = isBadInput(ex);
      err.println("segmint: " + (bad ? "" : "internal error: ") + message(ex));
      if (verbose) {
        ex.printStackTrace(err);
      } else if (!bad) {
        err.println("(run again with --verbose for the stack trace)");
      }
      err.flush();
      return bad ? BAD_INPUT : INTERNAL;
    }
  }

  /** The command called {@code name}, or a usage error naming the closest command. */
  private static Subcommand known(String name) {
    Subcommand c = create(name);
    if (c == null) {
      throw new UsageException("unknown command '" + name + "'" + Names.suggestion(name, SUBCOMMANDS));
    }
    return c;
  }

  /** {@code --help} or {@code --version} when the arguments ask for one (help first), else null. */
  private static String asked(String[] args) {
    String found = null;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-h") || a.equals("--help")) {
        return "--help";
      }
      if (a.equals("-V") || a.equals("--version")) {
        found = "--version";
      }
    }
    return found;
  }

  /** Prints a help text; exit code 0. */
  private static int print(PrintWriter out, String help) {
    out.print(help);
    out.flush();
    return 0;
  }

  /** The help of one command, as {@code segmint CMD --help} and {@code segmint help CMD} print it. */
  static String help(Subcommand command) {
    return HelpText.command("segmint " + command.name, command.flags, command.description);
  }

  /** The help of {@code segmint help}. */
  static String helpOfHelp() {
    FlagSet standard = new FlagSet();
    return "Usage: segmint help [COMMAND]\n" + HelpText.wrap(HELP_HEADER + " Without COMMAND, the list of commands.",
        "", "") + HelpText.flagLines(standard.all());
  }

  /** {@code segmint --help}: usage, the standard flags, and the commands with their headers in order. */
  static String topHelp() {
    FlagSet standard = new FlagSet();
    StringBuilder sb = new StringBuilder("Usage: segmint COMMAND [options]\n");
    sb.append(HelpText.wrap(DESCRIPTION, "", ""));
    sb.append(HelpText.flagLines(standard.all()));
    sb.append("Commands:\n");
    List<String[]> rows = new ArrayList<>();
    for (String name : SUBCOMMANDS) {
      rows.add(new String[] {name, create(name).header});
    }
    rows.add(new String[] {"help", HELP_HEADER});
    int width = 0;
    for (String[] r : rows) {
      width = Math.max(width, r[0].length());
    }
    for (String[] r : rows) {
      sb.append(HelpText.wrap(r[1], "  " + r[0] + " ".repeat(width - r[0].length() + 2), " ".repeat(width + 6)));
    }
    sb.append("See 'segmint COMMAND --help' for the options of a command.\n");
    return sb.toString();
  }

  /** Prints the version lines; exit code 0. */
  private static int version(PrintWriter out) {
    String v = SegmintCommand.class.getPackage().getImplementationVersion();
    out.println("segmint " + (v == null ? "(development build)" : v));
    out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
    out.flush();
    return 0;
  }

  private static boolean isBadInput(Throwable e) {
    return e instanceof IllegalArgumentException || e instanceof NoSuchFileException
        || e instanceof BadInputException
        || (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException);
  }

  private static String message(Throwable e) {
    if (e instanceof NoSuchFileException nsf) {
      return "file not found: " + nsf.getFile() + "; check the path";
    }
    if (e instanceof dev.segmint.features.SettingException s) {
      return s.message(dev.segmint.features.SettingException.Words.COMMAND_LINE);   // flags, not Java calls
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
