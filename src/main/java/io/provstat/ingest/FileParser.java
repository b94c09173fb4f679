package io.provstat.ingest;

import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.Rejected;
import io.provstat.ingest.ReportParser.ReportBytes;
import io.provstat.ingest.StagedRecords.Figure;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Parses one input file on an executor into staged records: every data line becomes either figures
 * or one quarantine record, and the file ends with a summary record whose counts satisfy
 * {@code lines_read = lines_accepted + lines_quarantined}. Lazy: rows are produced as lines are
 * read, so memory does not grow with the file. A report is the exception: it is read whole (it is
 * small, at most {@link ReportParser#MAX_BYTES}) and parsed by {@link ReportParser}.
 *
 * <p>Each file is opened by its resolved path as it is, never through a Hadoop input format: those
 * read a path as a glob pattern and split a list of them at commas, so {@code r[1].txt} would read
 * {@code r1.txt} and {@code a,b.txt} would be two paths (issue 20).
 */
public final class FileParser implements FlatMapFunction<Integer, Row> {

  private final Broadcast<SerializableConfiguration> hadoopConf;
  /**
   * The files, travelling with the function (Java serialization), while the tasks' data are only
   * their indices: a cluster's data serializer (Kryo) cannot build records such as InputFile.
   */
  private final List<InputFile> files;

  private FileParser(Broadcast<SerializableConfiguration> hadoopConf, List<InputFile> files) {
    this.hadoopConf = hadoopConf;
    this.files = files;
  }

  /** Tasks per core: enough to even out files of different sizes, few enough that 2,000 tiny files are not 2,000 tasks. */
  private static final int SLICES_PER_CORE = 4;

  /** The staged records of all the files: each task reads a run of whole files, in the order given. */
  public static JavaRDD<Row> parse(JavaSparkContext jsc, List<InputFile> files) {
    Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * SLICES_PER_CORE));
    List<Integer> indices = java.util.stream.IntStream.range(0, files.size()).boxed().toList();
    return jsc.parallelize(indices, slices).flatMap(new FileParser(conf, new java.util.ArrayList<>(files)));
  }

  @Override
  public Iterator<Row> call(Integer index) throws IOException {
    InputFile file = files.get(index);
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(hadoopConf.value().value());
    if (file.parser() instanceof ReportParser report) {
      return report.rows(file.source(), file.format().code(), file.description(), readReport(fs, path))
          .iterator();
    }
    DataInputStream stream = fs.open(path);
    return new RowIterator(file, new ByteLines(new BufferedInputStream(stream, 1 << 16)), stream);
  }

  /** A report is read whole, up to one byte past the limit so that a larger file is told apart. */
  private static ReportBytes readReport(FileSystem fs, Path path) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int length = 0;
    try (DataInputStream in = fs.open(path)) {
      int n;
      while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
        if (length == buffer.length) {
          if (length > ReportParser.MAX_BYTES) {
            break;
          }
          buffer = java.util.Arrays.copyOf(buffer, Math.min(buffer.length * 2, ReportParser.MAX_BYTES + 1));
        }
      }
    }
    return new ReportBytes(buffer, length);
  }

  /** Yields the rows of one file, then its summary, then closes the stream. */
  private static final class RowIterator implements Iterator<Row> {
    private final InputFile file;
    private final LineParser parser;
    private final ByteLines lines;
    private final DataInputStream stream;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private long read;
    private long accepted;
    private long quarantined;
    private long notAvailable;
    private long observations;
    private long aggregates;
    private boolean done;

    RowIterator(InputFile file, ByteLines lines, DataInputStream stream) {
      this.file = file;
      this.parser = (LineParser) file.parser();
      this.lines = lines;
      this.stream = stream;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !done) {
        advance();
      }
      return !pending.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    private void advance() {
      if (!lines.hasNext()) {
        pending.add(StagedRecords.fileSummary(file.source(), file.format().code(), file.description(), read, accepted,
            quarantined, notAvailable, observations, aggregates));
        done = true;
        close();
        return;
      }
      ByteLines.Line line = lines.next();
      if (line.number() <= parser.headerLine()) {
        return;
      }
      if (line.tooLong()) {
        read++;
        quarantined++;
        pending.add(StagedRecords.quarantine(file.source(), line.number(), line.text(), null,
            QuarantineReason.MALFORMED_LINE, "line longer than " + ByteLines.MAX_LINE_BYTES + " bytes"));
        return;
      }
      if (line.undecodableAt() >= 0) {
        read++;
        quarantined++;
        pending.add(StagedRecords.quarantine(file.source(), line.number(), line.text(), null,
            QuarantineReason.UNDECODABLE_BYTES, "byte " + (line.undecodableAt() + 1)
                + " of the line is not valid UTF-8"));
        return;
      }
      if (parser.isSkippable(line.text())) {
        return;
      }
      read++;
      LineResult result = parser.parse(line.text());
      if (result instanceof Rejected r) {
        quarantined++;
        pending.add(StagedRecords.quarantine(file.source(), line.number(), line.text(), r.field(),
            r.reason(), r.message()));
      } else {
        Accepted a = (Accepted) result;
        accepted++;
        notAvailable += a.notAvailable();
        for (Figure f : a.observations()) {
          observations++;
          pending.add(StagedRecords.observation(f, file.source(), line.number()));
        }
        for (Figure f : a.aggregates()) {
          aggregates++;
          pending.add(StagedRecords.aggregate(f, file.source(), line.number()));
        }
      }
    }

    private void close() {
      try {
        stream.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
