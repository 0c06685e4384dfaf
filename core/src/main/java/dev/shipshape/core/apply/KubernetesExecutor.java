package dev.shipshape.core.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.internal.apply.DryRunValidation;
import dev.shipshape.core.internal.apply.PlanDiffer;
import dev.shipshape.core.internal.apply.Preflight;
import dev.shipshape.core.internal.apply.RedactingListener;
import dev.shipshape.core.internal.apply.ResourceAccess;
import dev.shipshape.core.internal.apply.SecretRedactor;
import dev.shipshape.core.internal.apply.WaveRunner;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Applies plans to a live cluster through a fabric8 {@link KubernetesClient}: wave by wave, server-side apply by
 * default, with bounded parallelism inside a wave, readiness gates between waves, retries of transient failures,
 * and ApplySet-based pruning on request. Also computes diffs and server-side dry runs.
 *
 * <p>Retries are the executor's own ({@link RetryPolicy}). A client built by {@link #fromKubeconfig} has fabric8's
 * internal request retries turned off so that the policy is exact; a client handed in is used as it is, its own
 * retries (if any) coming first.
 *
 * <p>Thread-safe: one executor can apply several plans, one at a time or concurrently.
 */
public final class KubernetesExecutor implements PlanExecutor {
  private final KubernetesClient client;

  private KubernetesExecutor(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client == null");
  }

  /** An executor over a client the caller owns (and closes). */
  public static KubernetesExecutor using(KubernetesClient client) {
    return new KubernetesExecutor(client);
  }

  /**
   * An executor over a new client for the default kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}, or the
   * in-cluster service account) and its current context; close the client when done.
   */
  public static KubernetesExecutor fromKubeconfig() {
    return using(clientFor(Config.autoConfigure(null)));
  }

  /** A client for this configuration without fabric8's internal retries (the executor retries itself). */
  public static KubernetesClient clientFor(Config config) {
    Config noRetries = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(noRetries).build();
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unless {@link ApplyOptions#preflight()} is off, the plan is checked against the server first. Every value of
   * every Secret of the plan (plain and base64) is hidden from what this run reports: result messages, the report,
   * every listener event and any exception it throws.
   *
   * @throws PreflightException listing every problem the checks before the first write found; nothing was written
   */
  @Override
  public ApplyReport apply(Plan plan, ApplyOptions options) {
    SecretRedactor redactor = SecretRedactor.of(plan);
    ApplyOptions redacting = ApplyOptions.builder().from(options)
        .listener(new RedactingListener(options.listener(), redactor)).build();
    try {
      ResourceAccess access = new ResourceAccess(client, plan);
      DryRunValidation validation = new DryRunValidation(access, options, plan, redactor);
      if (options.preflight()) {
        List<Problem> problems = new Preflight(access, options, validation).check(plan);
        if (!problems.isEmpty()) throw new PreflightException(plan.specName(), client.getMasterUrl().toString(),
            problems);
      }
      if (options.dryRun()) return redactor.redact(dryRun(plan, access, redacting, validation));
      return redactor.redact(new WaveRunner(access, redacting, plan).run(plan));
    } catch (RuntimeException e) {
      throw redactedCopy(e, redactor);
    }
  }

  /**
   * A dry run: objects in namespaces the plan creates (which a dry run does not persist) are checked in a namespace
   * that exists; custom resources whose CRD the plan installs are reported as not checked.
   */
  private static ApplyReport dryRun(Plan plan, ResourceAccess access, ApplyOptions options,
      DryRunValidation validation) {
    Plan sendable = validation.withoutStandIns();
    ApplyReport report = new WaveRunner(access, options, plan).run(sendable);
    List<ResourceResult> standIns = validation.standInResults();
    if (standIns.isEmpty()) return report;
    List<ResourceResult> results = new ArrayList<>(report.results());
    results.addAll(standIns);
    results.sort(Comparator.comparingInt(r -> r.wave() < 0 ? Integer.MAX_VALUE : r.wave()));
    return ApplyReport.builder().from(report).results(results).build();
  }

  /** The exception itself when it reveals no Secret value, otherwise a copy of the same kind without the value. */
  private static RuntimeException redactedCopy(RuntimeException e, SecretRedactor redactor) {
    Throwable redacted = redactor.redact(e);
    if (redacted == e) return e;
    if (e instanceof KubernetesClientException) {
      KubernetesClientException copy = new KubernetesClientException(redacted.getMessage(),
          ((KubernetesClientException) e).getCode(), null);
      copy.setStackTrace(e.getStackTrace());
      return copy;
    }
    return (RuntimeException) redacted;
  }

  /** Compares the plan with the cluster: what applying it would create, change or leave unchanged. */
  public DiffReport diff(Plan plan) {
    return diff(plan, ApplyOptions.defaults());
  }

  /** Like {@link #diff(Plan)}, with the field manager and ApplySet namespace of these options. */
  public DiffReport diff(Plan plan, ApplyOptions options) {
    try {
      return new PlanDiffer(new ResourceAccess(client, plan), options).diff(plan);
    } catch (RuntimeException e) {
      throw redactedCopy(e, SecretRedactor.of(plan));
    }
  }
}
