package io.provstat.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared folder (../shared beside the clone): the seed reports and real GSO tables.
 * Tests that need it call {@link #require}, which skips them cleanly where it is absent.
 */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    String configured = System.getProperty("provstat.shared.dir");
    return Path.of(configured != null ? configured : "../shared").toAbsolutePath().normalize();
  }

  /** A file or folder under shared/, or a skipped test if it is not there. */
  public static Path require(String relative) {
    Path path = root().resolve(relative);
    assumeTrue(Files.exists(path), "shared data not present: " + path);
    return path;
  }

  /**
   * The real figures of sample-data (the reports keyed by hand and the GSO-layout table), without
   * its synthetic panel: one warehouse never holds both.
   */
  public static String[] realSampleData() {
    return new String[] {project().resolve("sample-data/reports").toString(),
        project().resolve("sample-data/gso-tables").toString()};
  }

  /** The project's own folder, for sample-data and jobs/. */
  public static Path project() {
    String configured = System.getProperty("provstat.basedir");
    return Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
  }
}
