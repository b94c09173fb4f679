package io.provstat.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads a stream line by line as bytes, so that each line is decoded on its own: a line with bytes
 * that are not UTF-8 is quarantined instead of failing the file or being silently mangled. Handles
 * LF and CRLF endings and a UTF-8 byte-order mark. Streams, so a file of any size is read in
 * constant memory.
 */
final class ByteLines implements Iterator<ByteLines.Line> {

  /** Longer lines are not data any format here has; they are cut and quarantined, not buffered. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * A line's 1-based number and its text; {@code undecodableAt} is -1 when the bytes were UTF-8;
   * {@code tooLong} when the line exceeded {@link #MAX_LINE_BYTES} (text holds its start).
   */
  record Line(int number, String text, int undecodableAt, boolean tooLong) {}

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buffer = new byte[256];
  private int number;
  private Line next;
  private boolean eof;

  ByteLines(InputStream in) {
    this.in = in;
  }

  static int bomLength(byte[] bytes, int length) {
    return length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
        ? 3 : 0;
  }

  static String stripCr(String text) {
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !eof) {
      next = read();
    }
    return next != null;
  }

  @Override
  public Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Line line = next;
    next = null;
    return line;
  }

  private Line read() {
    try {
      int length = 0;
      int b;
      boolean tooLong = false;
      while ((b = in.read()) != -1 && b != '\n') {
        if (length == MAX_LINE_BYTES) {
          tooLong = true;
          continue; // skip the rest of the line, keep the start to show
        }
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
      }
      if (b == -1) {
        eof = true;
        if (length == 0) {
          return null;
        }
      }
      number++;
      int start = number == 1 ? bomLength(buffer, length) : 0;
      if (tooLong) {
        return new Line(number, new String(buffer, start, Math.min(length - start, 200), StandardCharsets.UTF_8)
            + "...", -1, true);
      }
      if (length > start && buffer[length - 1] == '\r') {
        length--;
      }
      ByteBuffer bytes = ByteBuffer.wrap(buffer, start, length - start);
      CharBuffer chars = CharBuffer.allocate(length - start);
      decoder.reset();
      CoderResult result = decoder.decode(bytes, chars, true);
      if (!result.isError()) {
        result = decoder.flush(chars);
      }
      if (result.isError()) {
        // The decoder stops at the first byte of the bad sequence: report where it is.
        String lenient = new String(buffer, start, length - start, StandardCharsets.UTF_8);
        return new Line(number, lenient, bytes.position() - start, false);
      }
      return new Line(number, chars.flip().toString(), -1, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
