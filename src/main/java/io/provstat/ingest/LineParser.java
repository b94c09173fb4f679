package io.provstat.ingest;

/**
 * Parses the data lines of one file whose layout (delimiter, header) was read on the driver.
 * Implementations are pure and serializable: they run on executors, one file per task.
 */
public interface LineParser extends FormatParser {

  /** Line number (1-based) of the header; data starts after it. */
  int headerLine();

  /** Whether a line after the header carries no data (blank, or a comment where the format has them). */
  boolean isSkippable(String text);

  LineResult parse(String text);
}
