package dev.shipshape.core.apply;

import dev.shipshape.core.internal.apply.StepRunner;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.step.StepOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes plans instead of applying them: into a GitOps directory (one file per object and a
 * {@code kustomization.yaml}, see {@link Plan#writeTo}) or as multi-document YAML into a stream. Every object's
 * outcome is {@link Outcome#WRITTEN}; when the directory or stream cannot be written, every object's outcome is
 * {@link Outcome#FAILED} with the reason (nothing is thrown). Steps of the plan that are not Kubernetes objects
 * cannot be written: each is reported as {@link StepOutcome#NOT_EXPORTABLE} (a note, not a failure) and named in a
 * comment of the output ({@link Plan#exportNotes()}). Options other than the listener do not apply.
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
    Optional<String> failure = write(plan);
    ApplyReport.Builder report = ApplyReport.builder().specName(plan.specName()).dryRun(false);
    for (PlannedResource r : plan.resources()) {
      ResourceResult.Builder result = ResourceResult.builder().ref(r.ref()).wave(r.wave());
      report.addResults(failure.isEmpty() ? result.outcome(Outcome.WRITTEN).build()
          : result.outcome(Outcome.FAILED).message(failure.get()).build());
    }
    report.addAllSteps(StepRunner.all(plan, StepOutcome.NOT_EXPORTABLE,
        "not exportable: it runs only when the plan is applied to a cluster"));
    ApplyReport done = report.elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
    options.listener().applyEnd(done);
    return done;
  }

  /** Writes the plan; empty when it was written, else why not. */
  private Optional<String> write(Plan plan) {
    try {
      if (directory != null) {
        plan.writeTo(directory);
      } else {
        plan.writeYaml(writer);
      }
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause();
      // File system errors name only the path; their type says what is wrong with it.
      String reason = cause.getMessage() == null || cause instanceof FileSystemException
          ? cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage())
          : cause.getMessage();
      return Optional.of("cannot write the plan to " + (directory != null ? directory : "the stream") + ": "
          + reason);
    }
  }
}
