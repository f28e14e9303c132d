package dev.segmint.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the command line prints on stdout and stderr passes through this writer, which escapes the characters
 * a terminal would act on instead of showing: C0 controls but tab and line feed (a carriage return only where it
 * is not part of the platform's line separator), DEL, the C1 controls (U+0080–U+009F, e.g. the one-byte CSI), and
 * the bidirectional embedding, override and isolate marks (U+202A–U+202E, U+2066–U+2069) that reorder what is
 * shown. Each is written as {@code \\uXXXX}, so a customer id {@code ESC]0;title BEL} prints as
 * {@code \\u001b]0;title\\u0007} and cannot retitle, clear or recolour the terminal, or hide text.
 *
 * <p>The files the commands write (CSV, reports, models) are not affected: they keep the data exactly as read.
 */
final class EscapingWriter extends FilterWriter {

  private static final boolean CR_IN_LINE_SEPARATOR = System.lineSeparator().indexOf('\r') >= 0;

  EscapingWriter(Writer out) {
    super(out);
  }

  /** True when {@code c} is written as an escape rather than as itself. */
  static boolean escapes(char c) {
    if (c < 0x20) {
      return c != '\n' && c != '\t' && !(c == '\r' && CR_IN_LINE_SEPARATOR);
    }
    return (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /** {@code text} with every character of {@link #escapes} written as {@code \\uXXXX}. */
  static String escape(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escapes(c)) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        sb.append(String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  @Override
  public void write(int c) throws IOException {
    if (escapes((char) c)) {
      out.write(String.format("\\u%04x", c & 0xffff));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    write(new String(buf, off, len), 0, len);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    String part = s.substring(off, off + len);
    String escaped = escape(part);
    out.write(escaped, 0, escaped.length());
  }
}
