package io.provstat.ingest;

import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.NoFigure;
import io.provstat.ingest.LineResult.Quoted;
import io.provstat.ingest.LineResult.Rejected;
import io.provstat.ingest.LineResult.Stated;
import java.io.IOException;
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
 * Parses one input file on an executor into staged records: the file's {@link FormatParser} says
 * what each data line became, and {@link LineAccounting}, the same for every format, turns that into
 * figures and quarantine rows and ends the file with its summary record. Lazy for tables: rows are
 * produced as lines are read, so memory does not grow with the file (a report is read whole: it is
 * small, at most {@link ReportParser#MAX_BYTES}).
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
    return new LineAccounting(file, file.parser().lines(fs, file));
  }

  /**
   * The one line accounting of every format: turns what each line became into staged rows (figures,
   * quarantine rows) and ends with the file's summary, whose counts satisfy {@code lines_read =
   * lines_accepted + lines_quarantined + lines_without_figures}.
   */
  static final class LineAccounting implements Iterator<Row> {
    private final InputFile file;
    private final Iterator<ParsedLine> lines;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private long read;
    private long accepted;
    private long quarantined;
    private long withoutFigures;
    private long notAvailable;
    private long skipped;
    private long observations;
    private long aggregates;
    private boolean done;

    LineAccounting(InputFile file, Iterator<ParsedLine> lines) {
      this.file = file;
      this.lines = lines;
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
            quarantined, withoutFigures, notAvailable, skipped, observations, aggregates));
        done = true;
        return;
      }
      ParsedLine line = lines.next();
      read++;
      LineResult result = line.result();
      // Java 17: no switch over the sealed result's patterns yet.
      if (result instanceof Rejected r) {
        quarantined++;
        pending.add(quarantine(line, r));
      } else if (result instanceof Accepted a) {
        accepted++;
        notAvailable += a.notAvailable();
        skipped += a.skipped();
        for (Figure f : a.observations()) {
          observations++;
          pending.add(StagedRecords.observation(f, file.source(), line.number()));
        }
        for (Figure f : a.aggregates()) {
          aggregates++;
          pending.add(StagedRecords.aggregate(f, file.source(), line.number()));
        }
      } else if (result instanceof Stated s) {
        if (s.refused().isEmpty()) {
          accepted++;
        } else {
          quarantined++;
        }
        for (Rejected r : s.refused()) {
          pending.add(quarantine(line, r));
        }
        for (Quoted q : s.stored()) {
          observations++;
          pending.add(StagedRecords.observation(q.figure(), file.source(), line.number(), q.quote(), q.quoteStart(),
              q.quoteEnd()));
        }
      } else if (result instanceof NoFigure) {
        withoutFigures++;
      } else {
        throw new IllegalStateException("a line result of an unknown kind: " + result);
      }
    }

    private Row quarantine(ParsedLine line, Rejected r) {
      return StagedRecords.quarantine(file.source(), line.number(), line.text(), r.field(), r.reason(), r.message());
    }
  }
}
