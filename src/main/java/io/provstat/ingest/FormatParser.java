package io.provstat.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;

/**
 * How one file is read on the executors: what each of its data lines became, in order, for tables
 * ({@link LineParser}: one line at a time) and reports ({@link ReportParser}: the whole document,
 * whose province, year and subjects span lines) alike. The line accounting of every format is then
 * one piece of code ({@link FileParser}); a parser only reads, the rule set judges
 * ({@link FigureRules}), and the file's provenance is the one {@link InputFile#synthetic} decided on
 * the driver. Implementations are pure and serializable.
 */
public interface FormatParser extends Serializable {

  /**
   * The data lines of {@code file} as parsed, lazily (memory does not grow with a table's size); lines
   * that carry no data in the format (a header, a comment, a blank line) are not yielded. The file is
   * closed when the iterator is exhausted.
   */
  Iterator<ParsedLine> lines(FileSystem fs, InputFile file) throws IOException;
}
