package dev.shipshape.core.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.internal.apply.DryRunValidation;
import dev.shipshape.core.internal.apply.PlanDiffer;
import dev.shipshape.core.internal.apply.Preflight;
import dev.shipshape.core.internal.apply.RedactingListener;
import dev.shipshape.core.internal.apply.ResourceAccess;
import dev.shipshape.core.internal.apply.RunSettings;
import dev.shipshape.core.internal.apply.SecretRedactor;
import dev.shipshape.core.internal.apply.StepRunner;
import dev.shipshape.core.internal.apply.WaveRunner;
import dev.shipshape.core.internal.client.Http2ClientFactory;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.readiness.ReadinessCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Applies plans to a live cluster through a fabric8 {@link KubernetesClient}: wave by wave, server-side apply by
 * default, with bounded parallelism inside a wave, readiness gates between waves, retries of transient failures,
 * and ApplySet-based pruning on request. Also computes diffs and server-side dry runs.
 *
 * <p>Each object goes down a chain of steps ({@link ApplyInterceptor}); add your own, e.g. an approval or audit
 * step, with {@link Builder#addInterceptor}. How the executor writes is set on its {@link Builder}; what a run does
 * (dry run, prune, listener) on {@link ApplyOptions}.
 *
 * <p>Retries are the executor's own ({@link RetryPolicy}). A client built by {@link #fromKubeconfig} has fabric8's
 * internal request retries turned off so that the policy is exact; a client handed in is used as it is, its own
 * retries (if any) coming first.
 *
 * <p>Thread-safe: one executor can apply several plans, one at a time or concurrently.
 */
public final class KubernetesExecutor implements PlanExecutor {
  private final KubernetesClient client;
  private final RunSettings settings;
  private final ServerSchemas schemas;

  private KubernetesExecutor(KubernetesClient client, RunSettings settings) {
    this.client = client;
    this.settings = settings;
    this.schemas = new ServerSchemas(client);
  }

  /** An executor with the default settings over a client the caller owns (and closes). */
  public static KubernetesExecutor using(KubernetesClient client) {
    return builder(client).build();
  }

  /** A builder of an executor over a client the caller owns (and closes). */
  public static Builder builder(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client == null"));
  }

  /**
   * An executor over a new client for the default kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}, or the
   * in-cluster service account) and its current context; close the client when done.
   */
  public static KubernetesExecutor fromKubeconfig() {
    return using(clientFor(Config.autoConfigure(null)));
  }

  /**
   * A client for this configuration without fabric8's internal retries (the executor retries itself). Over TLS it
   * speaks HTTP/2 where the server offers it, every request sharing one connection as with kubectl (the server's
   * limit of streams per connection, 250 by default, bounds the requests and watches in flight), unless the
   * configuration disables HTTP/2; over plain HTTP it speaks HTTP/1.1.
   */
  public static KubernetesClient clientFor(Config config) {
    return clientBuilderFor(config).build();
  }

  /**
   * The builder of {@link #clientFor}'s client, for callers that add to it (e.g. interceptors with
   * {@code withHttpClientBuilderConsumer}); another HTTP client factory ({@code withHttpClientFactory}) replaces the
   * one that speaks HTTP/2. Each client it builds has a Vert.x instance of its own, closed with the client.
   */
  public static KubernetesClientBuilder clientBuilderFor(Config config) {
    Config noRetries = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(noRetries);
    boolean tls = noRetries.getMasterUrl().regionMatches(true, 0, "https:", 0, 6);
    if (tls) builder.withHttpClientFactory(new Http2ClientFactory());
    return builder;
  }

  public KubernetesClient client() {
    return client;
  }

  /** A builder that starts from this executor's client and settings. */
  public Builder toBuilder() {
    Builder builder = new Builder(client);
    builder.settings.from(settings);
    return builder;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unless {@link Builder#preflight} is off, the plan is checked against the server first. Every value of every
   * Secret of the plan (plain and base64) is hidden from what this run reports: result messages, the report, every
   * listener event and any exception it throws.
   *
   * @throws PreflightException listing every problem the checks before the first write found; nothing was written
   */
  @Override
  public ApplyReport apply(Plan plan, ApplyOptions options) {
    SecretRedactor redactor = SecretRedactor.of(plan);
    RunSettings run = settings.with(options).withListener(new RedactingListener(options.listener(), redactor));
    try {
      ResourceAccess access = new ResourceAccess(client, plan);
      DryRunValidation validation = new DryRunValidation(access, run, plan, redactor, schemas);
      if (run.preflight()) {
        List<Problem> problems = new Preflight(access, run, validation).check(plan);
        if (!problems.isEmpty()) throw new PreflightException(plan.specName(), client.getMasterUrl().toString(),
            problems);
      }
      if (run.dryRun()) return redactor.redact(dryRun(plan, access, run, validation));
      return redactor.redact(new WaveRunner(access, run, plan, validation.liveState()).run(plan));
    } catch (RuntimeException e) {
      throw redactedCopy(e, redactor);
    }
  }

  /**
   * A dry run: objects in namespaces the plan creates (which a dry run does not persist) are checked in a namespace
   * that exists; custom resources whose CRD the plan installs are checked against the plan's CRD only and reported
   * as not checked by the server.
   */
  private static ApplyReport dryRun(Plan plan, ResourceAccess access, RunSettings options,
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

  /**
   * Compares the plan with the cluster: what applying it would create, change or leave unchanged, as this
   * executor's field manager sees it; each step that is not a Kubernetes object is asked for its own diff.
   */
  public DiffReport diff(Plan plan) {
    try {
      DiffReport objects = new PlanDiffer(new ResourceAccess(client, plan), settings).diff(plan);
      if (plan.steps().isEmpty()) return objects;
      RunSettings dryRun = settings.with(ApplyOptions.builder().dryRun(true).build());
      return DiffReport.of(objects.resources(), new StepRunner(client, dryRun).diff(plan));
    } catch (RuntimeException e) {
      throw redactedCopy(e, SecretRedactor.of(plan));
    }
  }

  /**
   * Builds a {@link KubernetesExecutor}. By default: server-side apply as field manager {@code shipshape}, no
   * forced conflicts, a preflight before the first write, 16 requests in flight, gates wait up to 5 minutes
   * (checked every 500 ms), workloads are not waited for, the default {@link RetryPolicy}, the ApplySet parent in
   * the first namespace the plan creates, no interceptors of the user's.
   */
  public static final class Builder {
    private final KubernetesClient client;
    private final RunSettings.Builder settings = RunSettings.builder();

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    public Builder strategy(ApplyStrategy strategy) {
      settings.strategy(Objects.requireNonNull(strategy, "strategy == null"));
      return this;
    }

    /** The field manager of every write (server-side apply and client-side patches); not blank. */
    public Builder fieldManager(String fieldManager) {
      Objects.requireNonNull(fieldManager, "fieldManager == null");
      if (fieldManager.isBlank()) throw new IllegalArgumentException("fieldManager must not be blank");
      settings.fieldManager(fieldManager);
      return this;
    }

    /** Take over fields owned by other managers instead of reporting the conflict. */
    public Builder forceConflicts(boolean forceConflicts) {
      settings.forceConflicts(forceConflicts);
      return this;
    }

    /**
     * Check the plan against the server before the first write, and write nothing when a check fails (a
     * {@link PreflightException} lists every problem): namespaces exist, kinds are served, the caller may write,
     * and every object to create or change has no unknown field, wrong type or missing required field by the OpenAPI
     * schema the server publishes for its kind (read once per executor and kept while the server's hash of it stays
     * the same), and a strict server-side dry run ({@code fieldValidation=Strict}) of each changed object, and of
     * each object whose kind has no published schema, finds no unknown field, invalid value or field-manager
     * conflict (see {@link #dryRunNewObjects} to dry-run new objects too). Custom resources whose CRD is in the plan
     * are checked against the CRD's own schema instead of the published one (the plan's CRD when the apply creates or
     * changes it, the live one otherwise); when the plan leaves such a CRD unchanged but the server does not serve
     * its kind yet, the preflight waits for it (up to the {@link #timeout}).
     */
    public Builder preflight(boolean preflight) {
      settings.preflight(preflight);
      return this;
    }

    /**
     * Also dry-run, in the preflight, every new object that the server's published OpenAPI schema has already
     * checked, so that the server's value rules (minimums, name formats, admission) are checked before the first
     * write too; about one request per new object. By default a new object is checked against the schema only
     * (unknown fields, wrong types, missing required fields) and its values are judged by the write itself; changed
     * objects, and kinds without a published schema, are always dry-run.
     */
    public Builder dryRunNewObjects(boolean dryRunNewObjects) {
      settings.dryRunNewObjects(dryRunNewObjects);
      return this;
    }

    /** Requests in flight at once within a wave (writes, reads and gate checks); at least 1. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
      settings.concurrency(concurrency);
      return this;
    }

    /** Also wait, between waves, for Deployments, StatefulSets, DaemonSets, Jobs and PVCs to be ready. */
    public Builder waitForWorkloads(boolean waitForWorkloads) {
      settings.waitForWorkloads(waitForWorkloads);
      return this;
    }

    /** The longest wait for one gate. */
    public Builder timeout(Duration timeout) {
      settings.timeout(Objects.requireNonNull(timeout, "timeout == null"));
      return this;
    }

    /** How often gates are checked. */
    public Builder pollInterval(Duration pollInterval) {
      settings.pollInterval(Objects.requireNonNull(pollInterval, "pollInterval == null"));
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      settings.retryPolicy(Objects.requireNonNull(retryPolicy, "retryPolicy == null"));
      return this;
    }

    /**
     * A readiness gate for another kind, keyed {@code Kind.group} (plain {@code Kind} for the core group), used
     * when waiting for workloads; it replaces the built-in gate of the same kind.
     */
    public Builder readiness(String groupKind, ReadinessCondition condition) {
      settings.putReadiness(Objects.requireNonNull(groupKind, "groupKind == null"),
          Objects.requireNonNull(condition, "condition == null"));
      return this;
    }

    /**
     * The namespace of the ApplySet parent Secret, which is read and written only when pruning. By default the
     * first namespace, by name, that the plan itself creates; a plan that creates none must name one here before
     * it can prune (the parent is never put in {@code kube-system} silently).
     */
    public Builder applySetNamespace(String namespace) {
      settings.applySetNamespace(Objects.requireNonNull(namespace, "namespace == null"));
      return this;
    }

    /**
     * Adds a step to every object's write, after the steps added before it; see {@link ApplyInterceptor} for where
     * the user's steps sit in the chain.
     */
    public Builder addInterceptor(ApplyInterceptor interceptor) {
      settings.addInterceptors(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    public KubernetesExecutor build() {
      return new KubernetesExecutor(client, settings.build());
    }
  }
}
