package dev.segmint.cli;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The {@link System.Logger}s of the {@code segmint} process (registered in {@code META-INF/services}): the library's
 * loggers under {@code dev.segmint} are silent, as the command line prints only its own messages ({@code --verbose}
 * prints the kernel choice itself); any other logger prints its warnings and errors on stderr. Without it the JDK's
 * default loggers start java.util.logging, about 25 ms of every run (its configuration, its root logger), for a
 * message that is then dropped.
 */
public final class CliLoggerFinder extends System.LoggerFinder {

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Quiet(name, name.equals("dev.segmint") || name.startsWith("dev.segmint.")
        ? System.Logger.Level.OFF : System.Logger.Level.WARNING);
  }

  /** A logger that prints messages at {@code threshold} and above on stderr, as "name: LEVEL: message". */
  static final class Quiet implements System.Logger {
    private final String name;
    private final Level threshold;

    Quiet(String name, Level threshold) {
      this.name = name;
      this.threshold = threshold;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return threshold != Level.OFF && level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        System.err.println(name + ": " + level.getName() + ": " + msg + (thrown == null ? "" : " (" + thrown + ")"));
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        System.err.println(name + ": " + level.getName() + ": " + msg);
      }
    }
  }
}
