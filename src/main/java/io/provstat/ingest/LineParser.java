package io.provstat.ingest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A table format: parses the data lines of one file, one at a time, whose layout (delimiter, header)
 * was read on the driver. Lines are decoded strictly ({@link ByteLines}): a line too long or not
 * UTF-8 is quarantined before the parser sees it.
 */
public interface LineParser extends FormatParser {

  /** Line number (1-based) of the header; data starts after it. */
  int headerLine();

  /** Whether a line after the header carries no data (blank, or a comment where the format has them). */
  boolean isSkippable(String text);

  /** One data line of a file of synthetic ({@code syntheticFile}) or real figures. */
  LineResult parse(String text, boolean syntheticFile);

  /** One data line of a file of real figures. */
  default LineResult parse(String text) {
    return parse(text, false);
  }

  @Override
  default Iterator<ParsedLine> lines(FileSystem fs, InputFile file) throws IOException {
    DataInputStream stream = fs.open(new Path(file.path()));
    return new TableLines(this, file.synthetic(), new ByteLines(new BufferedInputStream(stream, 1 << 16)), stream);
  }

  /** The data lines of a table, parsed as they are read; closes the stream at the end. */
  final class TableLines implements Iterator<ParsedLine> {
    private final LineParser parser;
    private final boolean synthetic;
    private final ByteLines lines;
    private final DataInputStream stream;
    private ParsedLine next;
    private boolean closed;

    TableLines(LineParser parser, boolean synthetic, ByteLines lines, DataInputStream stream) {
      this.parser = parser;
      this.synthetic = synthetic;
      this.lines = lines;
      this.stream = stream;
    }

    @Override
    public boolean hasNext() {
      while (next == null && lines.hasNext()) {
        next = parse(lines.next());
      }
      if (next == null && !closed) {
        closed = true;
        try {
          stream.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return next != null;
    }

    @Override
    public ParsedLine next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ParsedLine line = next;
      next = null;
      return line;
    }

    /** What a line became, or null when it carries no data. */
    private ParsedLine parse(ByteLines.Line line) {
      if (line.number() <= parser.headerLine()) {
        return null;
      }
      if (line.tooLong()) {
        return new ParsedLine(line.number(), line.text(), new LineResult.Rejected(null,
            QuarantineReason.MALFORMED_LINE, "line longer than " + ByteLines.MAX_LINE_BYTES + " bytes"));
      }
      if (line.undecodableAt() >= 0) {
        return new ParsedLine(line.number(), line.text(), new LineResult.Rejected(null,
            QuarantineReason.UNDECODABLE_BYTES, "byte " + (line.undecodableAt() + 1) + " of the line is not valid UTF-8"));
      }
      if (parser.isSkippable(line.text())) {
        return null;
      }
      return new ParsedLine(line.number(), line.text(), parser.parse(line.text(), synthetic));
    }
  }
}
