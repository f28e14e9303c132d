package dev.segmint.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code segmint} command. Exit codes: 0 success, 2 bad input (one sentence on stderr), 1 internal failure.
 * Stack traces only with {@code --verbose}.
 */
@Command(name = "segmint", mixinStandardHelpOptions = true, versionProvider = SegmintCommand.Version.class,
    description = "Customer segmentation on CSV files: RFM features, clustering, segment profiles and reports.")
public final class SegmintCommand implements Runnable {

  /**
   * The subcommands, in the order of the help. Picocli builds its model of a command by reflection (about 0.3 s for
   * all of them in a fresh JVM), so a run of one subcommand builds only that one's; help, typos and options before
   * the subcommand get them all.
   */
  private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS;

  static {
    java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
    m.put("demo", DemoCommand::new);
    m.put("rfm", RfmCommand::new);
    m.put("cluster", ClusterCommand::new);
    m.put("profile", ProfileCommand::new);
    m.put("segment", SegmentCommand::new);
    m.put("assign", AssignCommand::new);
    m.put("track", TrackCommand::new);
    m.put("measure", MeasureCommand::new);
    m.put("export", ExportCommand::new);
    m.put("clv", ClvCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    SUBCOMMANDS = java.util.Collections.unmodifiableMap(m);
  }

  /** Exit code for bad input. */
  static final int BAD_INPUT = 2;
  /** Exit code for an internal failure. */
  static final int INTERNAL = 1;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print the distance kernels in use, and stack traces on errors.")
  boolean verbose;

  /**
   * The library logs its kernel choice on the System.Logger "dev.segmint.kernel" (java.util.logging here); the
   * command line prints only its own messages, so that logger is off and {@code --verbose} prints the choice. Held
   * here because java.util.logging keeps loggers only weakly.
   */
  private static final java.util.logging.Logger KERNEL_LOG = java.util.logging.Logger.getLogger("dev.segmint.kernel");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // tablesaw logs through SLF4J; without a provider SLF4J would print a three-line warning on every run
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    // picocli's Groovy closure support (unused) costs start-up time
    System.setProperty("picocli.disable.closures", "true");
    KERNEL_LOG.setLevel(java.util.logging.Level.OFF);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given streams and returns the exit code (for tests and embedding). Everything
   * printed passes through {@link EscapingWriter}: control characters from the data reach no terminal raw.
   */
  public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    PrintWriter out = new PrintWriter(new EscapingWriter(rawOut), true);
    PrintWriter err = new PrintWriter(new EscapingWriter(rawErr), true);
    SegmintCommand root = new SegmintCommand();
    CommandLine cl = new CommandLine(root);
    java.util.function.Supplier<Object> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0])
        : null;
    if (only != null) {
      cl.addSubcommand(only.get());
    } else {
      for (java.util.function.Supplier<Object> sub : SUBCOMMANDS.values()) {
        cl.addSubcommand(sub.get());
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    // plain help text: escape sequences of colours would be escaped like any other control character
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cl.setExecutionStrategy(parseResult -> {
      if (root.verbose) {
        err.println("segmint: distance kernels: " + dev.segmint.kernel.Distances.implementationName() + " ("
            + dev.segmint.kernel.Distances.selectionReason() + ")");
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    cl.setExitCodeExceptionMapper(e -> isBadInput(e) ? BAD_INPUT : INTERNAL);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("segmint: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help')");
      err.flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean bad = isBadInput(ex);
      err.println("segmint: " + (bad ? "" : "internal error: ") + message(ex));
      if (root.verbose) {
        ex.printStackTrace(err);
      } else if (!bad) {
        err.println("(run again with --verbose for the stack trace)");
      }
      err.flush();
      return bad ? BAD_INPUT : INTERNAL;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    rawOut.flush();
    rawErr.flush();
    return code;
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

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SegmintCommand.class.getPackage().getImplementationVersion();
      return new String[] {"segmint " + (v == null ? "(development build)" : v),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
