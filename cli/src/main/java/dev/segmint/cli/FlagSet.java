package dev.segmint.cli;

import dev.segmint.internal.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of one command, in the order they are declared (the order of its help), with the standard
 * {@code -h, --help}, {@code -V, --version} and {@code --verbose} of every command, and groups of flags of which
 * exactly one alternative must be given. Declared by the command's field initialisers (shared groups of flags such as
 * {@link RfmFlags} declare theirs into the command's set), then filled once by {@link #parse} and checked by
 * {@link #check}.
 *
 * <p>The parser takes {@code --name value} and {@code --name=value}; a value may start with a dash ({@code --k -2})
 * unless it is the name of one of the command's flags, which means the value is missing. {@code --} ends the flags.
 * Parsing is O(arguments × flags); a command has at most a few dozen flags. No reflection: the flags are plain
 * objects, so parsing a command line loads only these few classes.
 */
final class FlagSet {

  /** The command's own flags, in declaration order. */
  private final List<Flag<?>> flags = new ArrayList<>();
  /** Groups of alternatives (each a list of flags that go together) of which exactly one must be given. */
  private final List<List<List<Flag<?>>>> exactlyOne = new ArrayList<>();
  private final java.util.Map<String, String> notHere = new java.util.HashMap<>();

  /** {@code -h, --help}: print the help and exit (every command). */
  final Flag<Boolean> help = switchFlag("--help", "Show this help message and exit.");
  /** {@code -V, --version}: print the version and exit (every command). */
  final Flag<Boolean> version = switchFlag("--version", "Print version information and exit.");
  /** {@code --verbose}: the kernels in use, and stack traces on errors (every command, before or after its name). */
  final Flag<Boolean> verbose = switchFlag("--verbose", "Print the distance kernels in use, and stack traces on "
      + "errors.");

  private static Flag<Boolean> switchFlag(String name, String description) {
    return new Flag<Boolean>(name, null, description, Flag.Kind.SWITCH).byDefault(Boolean.FALSE);
  }

  private <T> Flag<T> add(String name, String label, String description, Flag.Kind kind) {
    for (Flag<?> f : flags) {
      if (f.name.equals(name)) {
        throw new IllegalStateException("flag " + name + " is declared twice");
      }
    }
    Flag<T> f = new Flag<>(name, label, description, kind);
    flags.add(f);
    return f;
  }

  /** A text flag. */
  Flag<String> text(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.TEXT);
  }

  /** A file flag. */
  Flag<Path> path(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.PATH);
  }

  /** A whole-number flag (int range). */
  Flag<Integer> integer(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.INT);
  }

  /** A whole-number flag (long range). */
  Flag<Long> longInteger(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.LONG);
  }

  /** A decimal-number flag. */
  Flag<Double> decimal(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.DOUBLE);
  }

  /** A switch: no value, false unless given. */
  Flag<Boolean> toggle(String name, String description) {
    return this.<Boolean>add(name, null, description, Flag.Kind.SWITCH).byDefault(Boolean.FALSE);
  }

  /** A comma-separated list of text (repeats add to it); null when not given. */
  Flag<List<String>> texts(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.TEXTS);
  }

  /** A comma-separated list of whole numbers (repeats add to it); null when not given. */
  Flag<List<Integer>> integers(String name, String label, String description) {
    return add(name, label, description, Flag.Kind.INTS);
  }

  /**
   * A flag that other commands take and this one does not, with why and what to do instead: given, it is refused
   * with that sentence rather than as an unknown option.
   */
  void notHere(String name, String why) {
    notHere.put(name, why);
  }

  /**
   * Declares that exactly one of the alternatives must be given, each a list of flags given together (e.g.
   * {@code --amount}, or {@code --quantity} with {@code --price}). The flags are declared as usual, not required.
   */
  void exactlyOne(List<List<Flag<?>>> alternatives) {
    exactlyOne.add(List.copyOf(alternatives));
  }

  /** The command's own flags in declaration order, then {@code --help}, {@code --version}, {@code --verbose}. */
  List<Flag<?>> all() {
    List<Flag<?>> all = new ArrayList<>(flags);
    all.add(help);
    all.add(version);
    all.add(verbose);
    return all;
  }

  /** The flag called {@code name} ({@code -h} and {@code -V} included), or null. */
  Flag<?> find(String name) {
    switch (name) {
      case "-h", "--help" -> {
        return help;
      }
      case "-V", "--version" -> {
        return version;
      }
      case "--verbose" -> {
        return verbose;
      }
      default -> {
        for (Flag<?> f : flags) {
          if (f.name.equals(name)) {
            return f;
          }
        }
        return null;
      }
    }
  }

  /**
   * Reads flags from {@code args[from..]} up to the first argument that is neither a flag nor a flag's value, and
   * returns its index ({@code args.length} when there is none). After {@code --} the next argument is returned
   * whatever it looks like.
   *
   * @throws UsageException for an unknown flag (with the closest name), a missing value, a value that does not
   *     convert, or a single-value flag given twice
   */
  int parse(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return i + 1;
      }
      if (a.length() < 2 || a.charAt(0) != '-') {
        return i;
      }
      int eq = a.startsWith("--") ? a.indexOf('=') : -1;
      String name = eq < 0 ? a : a.substring(0, eq);
      Flag<?> f = find(name);
      if (f == null && notHere.containsKey(name)) {
        throw new UsageException(notHere.get(name));
      }
      if (f == null) {
        throw new UsageException("unknown option '" + name + "'" + Names.suggestion(name, names()));
      }
      if (eq >= 0 || f.kind == Flag.Kind.SWITCH) {
        f.accept(eq < 0 ? null : a.substring(eq + 1));
      } else if (i + 1 == args.length) {
        throw new UsageException(f.name + " needs a value, as in " + f.usage());
      } else if (isFlag(args[i + 1])) {
        throw new UsageException(f.name + " needs a value before " + args[i + 1] + ", as in " + f.usage());
      } else {
        f.accept(args[++i]);
      }
    }
    return args.length;
  }

  /** Whether {@code arg} names one of the flags ({@code --name} or {@code --name=...}), or is {@code --}. */
  private boolean isFlag(String arg) {
    int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
    return arg.equals("--") || find(eq < 0 ? arg : arg.substring(0, eq)) != null;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    for (Flag<?> f : all()) {
      names.add(f.name);
    }
    return names;
  }

  /**
   * Checks the flags after {@link #parse}: no two alternatives of an exclusive group together, then every required
   * flag and group given (all missing ones named in one message, in help order). Nothing is checked when help or
   * the version is asked for.
   *
   * @throws UsageException naming the exclusive flags given together, or every missing required flag
   */
  void check() {
    if (help.given() || version.given()) {
      return;
    }
    for (List<List<Flag<?>>> group : exactlyOne) {
      List<Flag<?>> chosen = new ArrayList<>();
      for (List<Flag<?>> alternative : group) {
        Flag<?> first = firstGiven(alternative);
        if (first != null) {
          chosen.add(first);
        }
      }
      if (chosen.size() > 1) {
        List<String> names = new ArrayList<>();
        for (Flag<?> f : chosen) {
          names.add(f.name);
        }
        throw new UsageException(String.join(" and ", names) + " are mutually exclusive: give "
            + alternatives(group, ", or "));
      }
    }
    List<String> missing = new ArrayList<>();
    List<String> choices = new ArrayList<>();   // whole groups missing, written "A or B"
    for (Flag<?> f : flags) {
      List<List<Flag<?>>> group = groupStartingAt(f);
      if (group == null) {
        if (f.isRequired() && !f.given()) {
          missing.add(f.usage());
        }
        continue;
      }
      List<Flag<?>> partial = givenAlternative(group);
      if (partial == null) {
        missing.add(alternatives(group, " or "));
        choices.add(missing.get(missing.size() - 1));
      } else {
        for (Flag<?> p : partial) {
          if (!p.given()) {
            missing.add(p.usage() + " (with " + firstGiven(partial).name + ")");
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (missing.size() > 1) {
      // among other missing flags a choice is bracketed, so that its "or" does not read as one between the flags
      for (int i = 0; i < missing.size(); i++) {
        if (choices.contains(missing.get(i))) {
          missing.set(i, "(" + missing.get(i) + ")");
        }
      }
    }
    throw new UsageException("missing required flag" + (missing.size() == 1 ? " " : "s ") + String.join(", ",
        missing));
  }

  /** The alternative of the group that has a flag given, or null. */
  private static List<Flag<?>> givenAlternative(List<List<Flag<?>>> group) {
    for (List<Flag<?>> alternative : group) {
      if (firstGiven(alternative) != null) {
        return alternative;
      }
    }
    return null;
  }

  /** {@code --amount COL or --quantity COL --price COL}. */
  static String alternatives(List<List<Flag<?>>> group, String or) {
    List<String> parts = new ArrayList<>();
    for (List<Flag<?>> alternative : group) {
      List<String> usages = new ArrayList<>();
      for (Flag<?> f : alternative) {
        usages.add(f.usage());
      }
      parts.add(String.join(" ", usages));
    }
    return String.join(or, parts);
  }

  private static Flag<?> firstGiven(List<Flag<?>> alternative) {
    for (Flag<?> f : alternative) {
      if (f.given()) {
        return f;
      }
    }
    return null;
  }

  /** The exclusive group whose first flag is {@code f}, or null. */
  List<List<Flag<?>>> groupStartingAt(Flag<?> f) {
    for (List<List<Flag<?>>> group : exactlyOne) {
      if (group.get(0).get(0) == f) {
        return group;
      }
    }
    return null;
  }
}
