package io.provstat.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * One file to ingest, as resolved on the driver.
 *
 * @param path the fully qualified path (any Hadoop filesystem URI)
 * @param source the name rows cite: the path relative to the parent of the input argument, so
 *     that it does not depend on where the data was mounted
 * @param parser the parser built from the file's own header
 * @param description what the file holds, for the run summary (e.g. the GSO table's indicator)
 * @param notes warnings about the file's layout, such as ignored columns
 * @param synthetic whether the file's figures are invented (generated panels, demo reports), which
 *     never meet real figures in one warehouse; see {@link Provenance}
 */
public record InputFile(String path, String source, InputFormat format, FormatParser parser,
    String description, List<String> notes, boolean synthetic) implements Serializable {

  /** This file under another cited name. */
  public InputFile withSource(String newSource) {
    return new InputFile(path, newSource, format, parser, description, notes, synthetic);
  }
}
