package io.provstat.query;

/** One line for a failure, for the commands and for the catalog's note on a table it skips. */
public final class Failures {

  private Failures() {}

  /** The innermost message of a failure, which is the one that says what went wrong. */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
