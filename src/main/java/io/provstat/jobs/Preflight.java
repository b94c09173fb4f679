package io.provstat.jobs;

import io.provstat.ingest.InputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The checks a command makes before it starts Spark, so that a missing file or an unusable folder
 * is one line in a fraction of a second, not a failure after the session's start-up. Only local
 * paths (no scheme, or file:) are checked here; any other filesystem is checked when Spark reads it.
 */
final class Preflight {

  private Preflight() {}

  /** The local path a path argument names, or empty when it is on another filesystem (hdfs:, s3a:, ...). */
  static Optional<Path> local(String argument) {
    try {
      URI uri = new URI(argument);
      if (uri.getScheme() == null) {
        return Optional.of(Path.of(argument));
      }
      if (uri.getScheme().equals("file")) {
        return Optional.of(Path.of(uri.getPath()));
      }
      // A Windows drive letter parses as a one-letter scheme.
      return uri.getScheme().length() == 1 ? Optional.of(Path.of(argument)) : Optional.empty();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      // Not a URI (a space, a '%'): Hadoop reads such a name as a local path too.
      try {
        return Optional.of(Path.of(argument));
      } catch (java.nio.file.InvalidPathException invalid) {
        return Optional.empty();
      }
    }
  }

  /**
   * Every local input exists: else "input not found: PATH", as ingest says. A link that leads
   * nowhere (dangling, a loop) is left to ingest, which says which it is.
   */
  static void inputsExist(List<String> inputs) {
    for (String input : inputs) {
      Optional<Path> path = local(input);
      if (path.isPresent() && !Files.exists(path.get())
          && !Files.exists(path.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new InputException("input not found: " + input);
      }
    }
  }

  /**
   * A folder the command writes (its tables, its files) can be made: the folder, or the nearest of
   * its parents that exists, is a writable directory.
   */
  static void writable(String option, String dir) {
    Optional<Path> path = local(dir);
    if (path.isEmpty()) {
      return;
    }
    Path existing = path.get().toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new InputException(option + " '" + dir + "': " + existing + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new InputException(option + " '" + dir + "': cannot write in " + existing);
    }
  }

  /** A warehouse to read and rewrite (analyze) exists and can be written. */
  static void warehouseExists(String option, String dir) {
    Optional<Path> path = local(dir);
    if (path.isPresent() && !Files.isDirectory(path.get())) {
      throw new InputException("no warehouse at " + dir + ": run ingest first");
    }
    writable(option, dir);
  }
}
