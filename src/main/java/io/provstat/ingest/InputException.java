package io.provstat.ingest;

/**
 * Input that provstat cannot start on: a missing file, a file whose format or header it cannot
 * read, an option value it does not know. The message names the file, line and value; the command
 * exits with code 2. Bad rows inside a readable file are not this: they go to quarantine.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
