package dev.shipshape.cli;

import dev.shipshape.cli.script.CacheExpiry;
import dev.shipshape.cli.script.CacheKey;
import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.core.plan.ExportTarget;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape render SPEC [--out DIR]}: the plan as YAML, for kubectl or a GitOps repository. */
@Command(name = "render",
    mixinStandardHelpOptions = true,
    description = "Validates the spec and writes its objects in apply order: multi-document YAML on standard output "
        + "(as 'kubectl apply -f -' reads it), or with --out one file per object plus a kustomization.yaml.")
final class RenderCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Mixin
  SpecOptions specOptions;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write a GitOps directory instead: files named "
      + "WAVE-POSITION-kind-namespace-name.yaml and a kustomization.yaml listing them in apply order. Files of an "
      + "earlier render to DIR are replaced (those that hold the same text are left untouched), and removed when "
      + "the spec no longer has their object. What a render found is kept in the user's cache directory "
      + "(shipshape/exports), so that the next render to DIR tells unchanged files without reading them.")
  Path out;

  /** Whether Secrets are rendered. */
  enum Secrets {
    OMIT,
    PLAIN
  }

  @Option(names = "--secrets", paramLabel = "MODE", description = "omit or plain: whether Secrets (their data is only "
      + "base64-encoded, not encrypted) are written. By default, omit with --out (a note lists what was left out; "
      + "bring Secrets in through a secrets operator, see the README) and plain on standard output.")
  Secrets secrets;

  @Override
  public Integer call() {
    if (out != null) Output.requireDirectoryOrAbsent(out, "to write the YAML to standard output");
    Optional<Path> index = out == null ? Optional.empty() : exportIndex();
    Optional<CompletableFuture<ExportTarget>> target = Optional.ofNullable(out).map(dir -> lookAhead(dir, index));
    Plan plan = specOptions.plan();
    PrintWriter stdout = parent.spec.commandLine().getOut();
    Secrets mode = secrets != null ? secrets : out != null ? Secrets.OMIT : Secrets.PLAIN;
    Predicate<PlannedResource> include = r -> mode == Secrets.PLAIN || !r.isSecret();
    List<PlannedResource> omitted = plan.resources().stream().filter(include.negate()).collect(Collectors.toList());
    if (out == null) {
      try {
        plan.writeObjects(stdout, include);
      } catch (IOException e) {
        throw new UncheckedIOException("a PrintWriter does not throw", e);
      }
    } else {
      List<Path> written;
      try {
        written = plan.writeTo(looked(target.orElseThrow()), include);
        index.ifPresent(RenderCommand::keepIndex);
      } catch (UncheckedIOException e) {
        // Files a render did not write are never overwritten: the cause names them and says what to do.
        String fix = e.getCause() instanceof FileAlreadyExistsException ? ""
            : " — pass a writable directory to --out";
        throw new CliException(ExitCode.USAGE, e.getMessage() + ": " + e.getCause().getMessage() + fix, e);
      }
      stdout.println("Wrote " + (written.size() - 1) + " objects and kustomization.yaml to " + out);
    }
    if (!omitted.isEmpty()) {
      PrintWriter note = out == null ? parent.spec.commandLine().getErr() : stdout;
      note.println("Left out " + omitted.size() + (omitted.size() == 1 ? " Secret: " : " Secrets: ")
          + omitted.stream().map(r -> r.ref().qualifiedName()).collect(Collectors.joining(", "))
          + " — create them through a secrets operator (Sealed Secrets, External Secrets, SOPS), or render them "
          + "with --secrets plain");
      note.flush();
    }
    if (!plan.exportNotes().isEmpty()) {
      // Steps that are not objects (a released Helm chart) cannot be rendered: say so, never drop them silently.
      PrintWriter note = out == null ? parent.spec.commandLine().getErr() : stdout;
      plan.exportNotes().forEach(n -> note.println("Left out a step: " + n));
      note.flush();
    }
    stdout.flush();
    return ExitCode.OK.code();
  }

  /**
   * Where the render to {@code --out} keeps what it found, so that the next one to the same directory compares
   * unchanged files by their attributes: {@code exports/} beside the script cache, one file per directory, named
   * by a hash of its absolute path.
   */
  private Optional<Path> exportIndex() {
    String directory = out.toAbsolutePath().normalize().toString();
    return ScriptEvaluator.defaultCacheDirectory(parent.environment().variables())
        .map(scripts -> scripts.resolveSibling("exports").resolve(CacheKey.of(directory).substring(0, 32)));
  }

  /**
   * Looks at the directory on a thread of its own while the script builds the spec, which runs on one core: at
   * 17,000 files the look costs about as much as rendering the objects.
   */
  private static CompletableFuture<ExportTarget> lookAhead(Path directory, Optional<Path> index) {
    CompletableFuture<ExportTarget> target = new CompletableFuture<>();
    Thread looking = new Thread(() -> {
      try {
        target.complete(index.map(file -> ExportTarget.scan(directory, file))
            .orElseGet(() -> ExportTarget.scan(directory)));
      } catch (RuntimeException | Error e) {
        target.completeExceptionally(e);
      }
    }, "shipshape-export-look");
    looking.setDaemon(true);
    looking.start();
    return target;
  }

  private static ExportTarget looked(CompletableFuture<ExportTarget> target) {
    try {
      return target.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) throw failure;
      if (e.getCause() instanceof Error error) throw error;
      throw e;
    }
  }

  /**
   * Marks the index as used (an unchanged directory leaves it unwritten), and removes those of directories not
   * rendered to for {@link CacheExpiry#UNUSED_FOR}.
   */
  private static void keepIndex(Path index) {
    CacheExpiry.markUsed(index);
    CacheExpiry.removeUnused(index.getParent(), Instant.now());
  }
}
