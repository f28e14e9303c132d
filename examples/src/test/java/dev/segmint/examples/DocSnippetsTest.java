package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code shown in README.md and docs/*.md is the compiled (or CI-run) code: a fenced block right after a marker
 * {@code <!-- snippet: path[#tag] -->} must equal the region of that file between {@code // tag::tag[]} and
 * {@code // end::tag[]} (without the marker lines, indentation stripped), or the whole file when there is no tag.
 * Every tagged region of the examples must be shown somewhere, so none goes stale unseen.
 */
class DocSnippetsTest {
  static final Path ROOT = Path.of(System.getProperty("segmint.data.dir")).getParent();
  static final Pattern SNIPPET = Pattern.compile(
      "<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);
  static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[\\]\\s*$");

  record Snippet(Path doc, String file, String tag, String shown) {
    String source() {
      return file + (tag == null ? "" : "#" + tag);
    }
  }

  static List<Snippet> snippets() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<Snippet> out = new ArrayList<>();
    for (Path doc : docs) {
      Matcher m = SNIPPET.matcher(Files.readString(doc).replace("\r\n", "\n"));
      while (m.find()) {
        out.add(new Snippet(doc, m.group(1), m.group(2), m.group(3)));
      }
    }
    return out;
  }

  /** The lines of {@code file} between the tag's markers (other markers dropped), or the whole file. */
  static String region(String file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve(file));
    if (tag == null) {
      return String.join("\n", lines).strip();
    }
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    boolean found = false;
    for (String line : lines) {
      Matcher t = TAG.matcher(line);
      if (t.matches()) {
        if (t.group(2).equals(tag)) {
          in = t.group(1).equals("tag");
          found |= in;
        }
        continue;
      }
      if (in) {
        sb.append(line).append('\n');
      }
    }
    if (!found) {
      fail(file + " has no region // tag::" + tag + "[] … // end::" + tag + "[]");
    }
    // no trailing newline: String.stripIndent counts a last blank line as a line with no indentation
    return sb.toString().stripTrailing().stripIndent().strip();
  }

  @Test
  void everyDocSnippetIsItsSourceRegionVerbatim() throws IOException {
    List<Snippet> snippets = snippets();
    // the README quick start, docs/install.md's program, and the guide, algorithm, cli and jshell pages
    assertTrue(snippets.size() >= 10, "only " + snippets.size() + " snippet markers found");
    for (Snippet s : snippets) {
      assertEquals(region(s.file(), s.tag()), s.shown().strip(),
          ROOT.relativize(s.doc()) + " shows " + s.source() + " but the code differs: copy the region again");
    }
  }

  @Test
  void installPageShowsTheConsumerProgramThatCiRuns() throws IOException {
    assertTrue(snippets().stream().anyMatch(s -> s.doc().endsWith("install.md")
        && s.file().equals(".ci/consumer/src/main/java/com/example/Segments.java") && s.tag() == null));
    assertTrue(snippets().stream().anyMatch(s -> s.doc().endsWith("README.md")
        && s.source().equals("examples/src/main/java/dev/segmint/examples/QuickStart.java#readme")));
  }

  @Test
  void everyTaggedRegionOfTheExamplesIsShown() throws IOException {
    Set<String> shown = new TreeSet<>();
    for (Snippet s : snippets()) {
      shown.add(s.source());
    }
    Set<String> tagged = new TreeSet<>();
    try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("examples/src/main/java")),
        Files.walk(ROOT.resolve("examples/jshell")))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        for (String line : Files.readAllLines(f)) {
          Matcher t = TAG.matcher(line);
          if (t.matches() && t.group(1).equals("tag")) {
            tagged.add(ROOT.relativize(f).toString().replace('\\', '/') + "#" + t.group(2));
          }
        }
      }
    }
    assertTrue(tagged.size() >= 8, "tagged regions: " + tagged);
    tagged.removeAll(shown);
    assertTrue(tagged.isEmpty(), "tagged regions shown in no doc: " + tagged);
  }
}
