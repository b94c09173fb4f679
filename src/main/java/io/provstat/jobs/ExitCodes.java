package io.provstat.jobs;

/** Process exit codes of every provstat command. */
public final class ExitCodes {
  /** The job did all it was asked (quarantined rows are reported, not failures). */
  public static final int OK = 0;
  /**
   * The job started and failed; previously published tables are unchanged, unless the message says
   * which were published (a pipeline whose second warehouse failed).
   */
  public static final int FAILED = 1;
  /** The command line or an input could not be used: unknown option, missing file, bad value. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
