package dev.segmint.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The help of {@code segmint} and its commands, plain text wrapped at 80 columns (no colours): a usage line with the
 * required flags, the description, then one flag per line with its value label and its description beside it.
 * Linear in the length of the text.
 */
final class HelpText {

  /** The width the help is wrapped to. */
  static final int WIDTH = 80;
  /** The name column is as wide as the longest {@code --name=LABEL} up to this; longer ones may push past it. */
  private static final int NAME_COLUMN_MAX = 20;

  private HelpText() {}

  /** The help of a command: usage line, description, flags (its own in declaration order, then the standard ones). */
  static String command(String qualifiedName, FlagSet flags, String description) {
    StringBuilder sb = new StringBuilder();
    sb.append(synopsis(qualifiedName, flags));
    sb.append(wrap(description, "", ""));
    sb.append(flagLines(flags.all()));
    return sb.toString();
  }

  /** {@code Usage: segmint rfm --transactions=FILE ... (--amount=COL | --quantity=COL --price=COL) [options]}. */
  static String synopsis(String qualifiedName, FlagSet flags) {
    List<String> items = new ArrayList<>();
    for (Flag<?> f : flags.all()) {
      List<List<Flag<?>>> group = flags.groupStartingAt(f);
      if (group != null) {
        List<String> alternatives = new ArrayList<>();
        for (List<Flag<?>> alternative : group) {
          List<String> parts = new ArrayList<>();
          for (Flag<?> g : alternative) {
            parts.add(shown(g));
          }
          alternatives.add(String.join(" ", parts));
        }
        items.add("(" + String.join(" | ", alternatives) + ")");
      } else if (f.isRequired()) {
        items.add(shown(f));
      }
    }
    items.add("[options]");
    String first = "Usage: " + qualifiedName + " ";
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String item : items) {
      if (!empty && line.length() + 1 + item.length() > WIDTH) {
        sb.append(line).append('\n');
        line = new StringBuilder(" ".repeat(first.length()));
        empty = true;
      }
      line.append(empty ? "" : " ").append(item);
      empty = false;
    }
    return sb.append(line).append('\n').toString();
  }

  /** {@code --name=LABEL} or the switch's name, as the help shows a flag. */
  static String shown(Flag<?> f) {
    return f.label == null ? f.name : f.name + "=" + f.label;
  }

  /** One entry per flag: {@code -h, } for help and version, the name and label, the description wrapped beside. */
  static String flagLines(List<Flag<?>> flags) {
    int width = 0;
    for (Flag<?> f : flags) {
      int n = shown(f).length();
      if (n <= NAME_COLUMN_MAX && n > width) {
        width = n;
      }
    }
    int column = 6 + width + 3;   // the descriptions start here, at least two spaces after the name
    StringBuilder sb = new StringBuilder();
    for (Flag<?> f : flags) {
      String shortName = f.name.equals("--help") ? "  -h, " : f.name.equals("--version") ? "  -V, " : "      ";
      String opt = shortName + shown(f);
      String first;
      if (opt.length() + 2 <= column) {
        first = opt + " ".repeat(column - opt.length());
      } else {
        sb.append(opt).append('\n');
        first = " ".repeat(column);
      }
      sb.append(wrap(f.helpText(), first, " ".repeat(column + 2)));
    }
    return sb.toString();
  }

  /**
   * {@code text} wrapped at {@link #WIDTH}: the first line after {@code first}, the others after {@code rest}. Lines
   * break at spaces, and inside a word after a comma followed by a letter (a list of column names such as
   * {@code customer_id,segment}; never inside a number such as {@code 12,50}).
   */
  static String wrap(String text, String first, String rest) {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      List<String> pieces = new ArrayList<>();
      int from = 0;
      for (int c = word.indexOf(','); c >= 0 && c < word.length() - 1; c = word.indexOf(',', c + 1)) {
        if (Character.isLetter(word.charAt(c + 1))) {
          pieces.add(word.substring(from, c + 1));
          from = c + 1;
        }
      }
      pieces.add(word.substring(from));
      for (int p = 0; p < pieces.size(); p++) {
        String piece = pieces.get(p);
        String sep = empty || p > 0 ? "" : " ";
        if (!empty && line.length() + sep.length() + piece.length() > WIDTH) {
          sb.append(line).append('\n');
          line = new StringBuilder(rest);
          sep = "";
        }
        line.append(sep).append(piece);
        empty = false;
      }
    }
    return sb.append(line).append('\n').toString();
  }
}
