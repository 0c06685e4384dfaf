package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes plans instead of applying them: into a GitOps directory (one file per object and a
 * {@code kustomization.yaml}, see {@link Plan#writeTo}) or as multi-document YAML into a stream. Every object's
 * outcome is {@link Outcome#WRITTEN}; options other than the listener do not apply.
 */
public final class ManifestExecutor implements PlanExecutor {
  private final Path directory;
  private final Writer writer;

  private ManifestExecutor(Path directory, Writer writer) {
    this.directory = directory;
    this.writer = writer;
  }

  /** Writes each plan into this directory, replacing an earlier export there. */
  public static ManifestExecutor toDirectory(Path directory) {
    return new ManifestExecutor(Objects.requireNonNull(directory, "directory == null"), null);
  }

  /** Writes each plan as multi-document YAML to this writer (which the caller closes). */
  public static ManifestExecutor toWriter(Writer writer) {
    return new ManifestExecutor(null, Objects.requireNonNull(writer, "writer == null"));
  }

  @Override
  public ApplyReport apply(Plan plan, ApplyOptions options) {
    long started = System.nanoTime();
    options.listener().applyStart(plan);
    if (directory != null) {
      plan.writeTo(directory);
    } else {
      try {
        writer.write(plan.toYaml());
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the plan", e);
      }
    }
    ApplyReport.Builder report = ApplyReport.builder().specName(plan.specName()).dryRun(false);
    for (PlannedResource r : plan.resources()) {
      report.addResults(ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.WRITTEN).build());
    }
    ApplyReport done = report.elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
    options.listener().applyEnd(done);
    return done;
  }
}
