package io.provstat.jobs;

/**
 * A failure after something was published: it says what, so the failure message never claims the
 * published tables are unchanged when some were replaced. The message is the cause's.
 */
public final class PartlyPublishedException extends RuntimeException {

  private final String published;

  /** {@code published}: what changed and what did not, e.g. "warehouse W was published; V is unchanged". */
  public PartlyPublishedException(String published, Throwable cause) {
    super(cause.getMessage(), cause);
    this.published = published;
  }

  public String published() {
    return published;
  }
}
