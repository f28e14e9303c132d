package dev.segmint.features;

import java.util.Objects;
import java.util.function.Function;

/**
 * Bad input whose message names a setting as the fix, e.g. the timestamp pattern. A Java caller sets it with a
 * method ({@code timestampFormat("dd-MM-yyyy")}), a command-line user with a flag ({@code --timestamp-format
 * 'dd-MM-yyyy'}), so the message is written once for both readers: {@link #getMessage()} has the Java words and
 * {@link #message(Words)} the words of either. The {@code segmint} command prints
 * {@code message(Words.COMMAND_LINE)}.
 */
public class SettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Whose words name the settings. */
  public enum Words {
    /** The Java API: builder methods and options. */
    JAVA,
    /** The {@code segmint} command's flags. */
    COMMAND_LINE;

    /** How this reader sets {@code setting} to {@code example}. */
    public String set(Setting setting, String example) {
      return String.format(java.util.Locale.ROOT, this == JAVA ? setting.java : setting.flag, example);
    }

    /** The name of {@code setting} for this reader, without a value. */
    public String name(Setting setting) {
      return this == JAVA ? setting.javaName : setting.flagName;
    }
  }

  /** The settings that messages name. */
  public enum Setting {
    /** The pattern of text timestamps. */
    TIMESTAMP_FORMAT("timestampFormat", "timestampFormat(\"%s\")", "--timestamp-format", "--timestamp-format '%s'"),
    /** The as-of date of RFM. */
    AS_OF("asOf", "asOf(LocalDate.parse(\"%s\"))", "--as-of", "--as-of %s"),
    /** The windows of the purchases-in-last-days columns. */
    PURCHASES_IN_LAST_DAYS("purchasesInLastDays", "purchasesInLastDays(%s)", "--purchases-in-last",
        "--purchases-in-last %s"),
    /** The missing-value policy ({@link MissingValues}); examples are the lower-case policy names. */
    MISSING("missing", "missing(MissingValues.%S)", "--missing", "--missing %s"),
    /** Columns read as categories. */
    CATEGORICAL("categorical", "categorical(\"%s\")", "--categorical", "--categorical %s"),
    /** Columns left out. */
    EXCLUDE("exclude", "exclude(\"%s\")", "--exclude", "--exclude %s"),
    /** The feature columns named explicitly. */
    FEATURES("features", "features(\"%s\")", "--features", "--features %s");

    private final String javaName;
    private final String java;
    private final String flagName;
    private final String flag;

    Setting(String javaName, String java, String flagName, String flag) {
      this.javaName = javaName;
      this.java = java;
      this.flagName = flagName;
      this.flag = flag;
    }
  }

  private final String commandLine;

  /** A message built by {@code message} once for each reader's words. */
  public SettingException(Function<Words, String> message) {
    this(message, null);
  }

  /** As {@link #SettingException(Function)}, with a cause. */
  public SettingException(Function<Words, String> message, Throwable cause) {
    super(message.apply(Words.JAVA), cause);
    this.commandLine = Objects.requireNonNull(message.apply(Words.COMMAND_LINE));
  }

  /** The message in {@code words}. */
  public String message(Words words) {
    return words == Words.JAVA ? getMessage() : commandLine;
  }

  /**
   * {@code prefix} and the message of {@code e}, as an exception of the same kind: a {@code SettingException} keeps
   * both readers' words.
   */
  public static IllegalArgumentException prefixed(String prefix, IllegalArgumentException e) {
    if (e instanceof SettingException s) {
      return new SettingException(w -> prefix + s.message(w), e);
    }
    return new IllegalArgumentException(prefix + e.getMessage(), e);
  }
}
