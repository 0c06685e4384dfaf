package dev.shipshape.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.step.ExternalStep;
import dev.shipshape.core.step.StepContext;
import dev.shipshape.core.step.StepDiff;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.helm.internal.GoSignals;
import dev.shipshape.helm.internal.KubeconfigFile;
import dev.shipshape.helm.internal.ReleaseState;
import dev.shipshape.helm.internal.SecretValues;
import dev.shipshape.helm.internal.ValueFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@link ReleaseMode#RELEASED released} chart as one step of the plan: installs or upgrades the release through
 * {@link HelmReleases} with {@code --wait} and the executor's timeout, in the cluster of the executor's client. A
 * release whose latest revision is deployed with the chart, values and objects the spec gives now is left alone:
 * no new revision, no write.
 */
final class ReleaseStep implements ExternalStep {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final HelmChart chart;
  private final String chartName;

  ReleaseStep(HelmChart chart) {
    this.chart = chart;
    this.chartName = chartName(chart);
  }

  /** {@code name version} of the chart: Chart.yaml's for a local chart, the pinned one for a remote chart. */
  private static String chartName(HelmChart chart) {
    ChartSource source = chart.source();
    if (!source.isLocal()) {
      String name = source.chart().orElseGet(() -> source.location().substring(source.location().lastIndexOf('/')
          + 1));
      return name + " " + source.version().orElse("");
    }
    List<Problem> problems = dev.shipshape.helm.internal.ChartChecks.beforeRendering(chart);
    if (!problems.isEmpty()) throw new SpecValidationException("HelmChart " + chart.name(), problems);
    try {
      JsonNode metadata =
          YAML.readTree(GoSignals.restoring(new Helm(Path.of(source.location())).show().chart()::call));
      return metadata.path("name").asText() + " " + metadata.path("version").asText();
    } catch (IOException | RuntimeException e) {
      throw new SpecValidationException("HelmChart " + chart.name(), List.of(dev.shipshape.helm.internal.ChartChecks
          .error(chart, "source", "Helm cannot read the chart's Chart.yaml: " + e.getMessage(),
              "give a chart that 'helm show chart' reads")));
    }
  }

  @Override
  public String id() {
    return "helm-release " + chart.namespace() + "/" + chart.release();
  }

  @Override
  public String description() {
    return "helm release " + chart.namespace() + "/" + chart.release() + " chart " + chartName
        + ": install or upgrade";
  }

  @Override
  public Optional<String> namespace() {
    return Optional.of(chart.namespace());
  }

  @Override
  public List<ResourceRef> requires() {
    return chart.dependsOn();
  }

  @Override
  public List<ResourceRef> requiredBy() {
    return chart.requiredBy();
  }

  @Override
  public StepResult run(StepContext context) {
    StepResult.Builder result = StepResult.builder().step(id()).description(description());
    try (ValueFiles work = ValueFiles.create()) {
      HelmReleases helm = HelmReleases.forKubeconfig(KubeconfigFile.write(context.client().getConfiguration(),
          work.directory()));
      Optional<JsonNode> latest = helm.latestRecord(chart.release(), chart.namespace());
      if (latest.isEmpty()) {
        if (context.dryRun()) return result.outcome(StepOutcome.CREATED).message("would install revision 1").build();
        HelmRelease installed = helm.installOrUpgrade(chart, context.timeout());
        return result.outcome(StepOutcome.CREATED).message("installed revision " + installed.revision()).build();
      }
      int revision = latest.get().path("version").asInt();
      List<String> reasons = differences(helm, latest.get());
      if (reasons.isEmpty()) {
        return result.outcome(StepOutcome.UNCHANGED).message("revision " + revision + " is as planned").build();
      }
      String why = " (" + String.join(", ", reasons) + ")";
      if (context.dryRun()) {
        return result.outcome(StepOutcome.UPDATED).message("would upgrade revision " + revision + why).build();
      }
      HelmRelease upgraded = helm.installOrUpgrade(chart, context.timeout());
      return result.outcome(StepOutcome.UPDATED).message("upgraded to revision " + upgraded.revision() + why).build();
    } catch (SpecValidationException e) {
      return result.outcome(StepOutcome.FAILED).message(redact(e.problems().stream().map(Problem::message)
          .collect(Collectors.joining("; ")))).build();
    } catch (RuntimeException e) {
      return result.outcome(StepOutcome.FAILED).message(redact("Helm failed: " + e.getMessage())).build();
    }
  }

  @Override
  public StepDiff diff(StepContext context) {
    StepDiff.Builder diff = StepDiff.builder().step(id()).description(description());
    try (ValueFiles work = ValueFiles.create()) {
      HelmReleases helm = HelmReleases.forKubeconfig(KubeconfigFile.write(context.client().getConfiguration(),
          work.directory()));
      ReleaseDiff objects = helm.diff(chart);
      List<String> details = new ArrayList<>();
      Optional<JsonNode> latest = helm.latestRecord(chart.release(), chart.namespace());
      latest.ifPresent(record -> details.addAll(helm.plannedState(chart).differences(record)));
      // Only which objects change: object contents (Secrets among them) never appear.
      objects.added().forEach(r -> details.add("+ " + r));
      objects.changed().forEach(r -> details.add("~ " + r));
      objects.removed().forEach(r -> details.add("- " + r));
      ResourceDiff.Action action = latest.isEmpty() ? ResourceDiff.Action.CREATE
          : details.isEmpty() ? ResourceDiff.Action.UNCHANGED : ResourceDiff.Action.UPDATE;
      if (latest.isEmpty()) details.add(0, "install revision 1");
      else if (!details.isEmpty()) details.add(0, "upgrade revision " + latest.get().path("version").asInt());
      return diff.action(action).addAllDetails(details).build();
    } catch (SpecValidationException e) {
      return diff.action(ResourceDiff.Action.UPDATE).addDetails(redact("could not compute the diff: "
          + e.problems().stream().map(Problem::message).collect(Collectors.joining("; ")))).build();
    } catch (RuntimeException e) {
      // A step reports its failures instead of throwing, with the chart's secret values hidden.
      return diff.action(ResourceDiff.Action.UPDATE).addDetails(redact("could not compute the diff: "
          + e.getMessage())).build();
    }
  }

  /**
   * Why the release must be upgraded: Helm's dry run against the latest record (status, chart version, values),
   * then the deployed manifest against the chart rendered now (a changed template of the same chart version).
   */
  private List<String> differences(HelmReleases helm, JsonNode latest) {
    List<String> reasons = new ArrayList<>(helm.plannedState(chart).differences(latest));
    if (reasons.isEmpty() && !helm.diff(chart).isEmpty()) reasons.add("rendered objects changed");
    return reasons;
  }

  private String redact(String text) {
    return SecretValues.redact(chart, text);
  }

  /** Steps of equal charts are equal: an executor that records steps sees an unchanged chart as unchanged. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ReleaseStep && ((ReleaseStep) other).chart.equals(chart)
        && ((ReleaseStep) other).chartName.equals(chartName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chart, chartName);
  }

  @Override
  public String toString() {
    return description();
  }
}
