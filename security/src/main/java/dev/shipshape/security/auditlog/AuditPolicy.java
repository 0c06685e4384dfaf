package dev.shipshape.security.auditlog;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The API server's audit policy ({@code audit.k8s.io/v1} {@code Policy}, passed with {@code --audit-policy-file}):
 * rules checked in order, the first that matches a request deciding its {@link AuditLevel}; a request no rule
 * matches is not logged. See "Auditing" in the Kubernetes documentation.
 *
 * <pre>{@code
 * AuditPolicy policy = AuditPolicy.builder()
 *     .omitStages(AuditStage.REQUEST_RECEIVED)
 *     .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz*", "/livez*", "/readyz*"))
 *     .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")))
 *     .rule(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("create", "update", "patch", "delete"))
 *     .rule(AuditPolicyRule.at(AuditLevel.METADATA))
 *     .build();
 * Files.writeString(path, policy.toYaml());
 * AuditDecision d = policy.decide(Requester.user("alice"), AccessRequest.parse("get", "secrets", "shop", "db"));
 * }</pre>
 *
 * <p>Problems are reported together: added to a spec as a component (it compiles to no objects), with every other
 * problem when the spec is planned; on its own, by {@link #toYaml()}, which throws one {@link
 * SpecValidationException} listing every error. Errors: what the API server refuses when it reads the file (it would
 * not start): no rules, non-resource URLs without a leading {@code /} or with a {@code *} before the end, API groups
 * that are not DNS subdomains, URLs in a rule with resources or namespaces; and, stricter than the server, a rule
 * that logs bodies of requests carrying Secret data or tokens (Secrets, {@code serviceaccounts/token},
 * {@code tokenreviews}) unless {@link #secretBodiesAcknowledged()}. Warnings: requests no rule matches (they are
 * not logged), rules an earlier rule leaves no request to, and verbs, resources or groups that match nothing.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditPolicy implements Component {

  /** Names the policy in messages. By default, {@code audit-policy}. */
  @Override
  @Value.Default
  public String name() {
    return "audit-policy";
  }

  /** The rules, in the order the API server tries them. */
  public abstract List<AuditPolicyRule> rules();

  /** Stages not logged for any request, such as {@link AuditStage#REQUEST_RECEIVED}. */
  public abstract List<AuditStage> omitStages();

  /** Whether managed fields are left out of logged bodies, unless a rule says otherwise. By default, false. */
  @Value.Default
  public boolean omitManagedFields() {
    return false;
  }

  /**
   * True to accept rules that write Secret data or tokens to the audit log (request or response bodies of Secrets,
   * {@code serviceaccounts/token} and {@code tokenreviews}), for a log stored as carefully as etcd. By default,
   * false: such a rule is an error.
   */
  @Value.Default
  public boolean secretBodiesAcknowledged() {
    return false;
  }

  /** A policy to which rules are added in order. */
  public static Builder builder() {
    return ImmutableAuditPolicy.builder();
  }

  /**
   * A policy to start from: health checks and events not logged; Secrets, ConfigMaps, tokens and token reviews at
   * {@code Metadata}; changes to RBAC with request and response; other changes with the request; reads at {@code
   * Metadata}; the {@code RequestReceived} stage left out, managed fields omitted.
   */
  public static AuditPolicy recommended() {
    return builder().name("audit-policy").omitStages(AuditStage.REQUEST_RECEIVED).omitManagedFields(true)
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz*", "/livez*", "/readyz*", "/version"))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("events"),
            AuditResources.of("events.k8s.io", "events")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(
            AuditResources.core("secrets", "configmaps", "serviceaccounts/token"),
            AuditResources.of("authentication.k8s.io", "tokenreviews")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).verbs("get", "list", "watch"))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.of("rbac.authorization.k8s.io")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("create", "update", "patch", "delete", "deletecollection"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
  }

  /** How the API server logs this request under this policy: the first rule that matches decides. */
  public AuditDecision decide(Requester who, AccessRequest what) {
    for (int i = 0; i < rules().size(); i++) {
      AuditPolicyRule rule = rules().get(i);
      if (rule.matches(who, what)) {
        Set<AuditStage> omitted = stages(omitStages());
        omitted.addAll(rule.omitStages());
        return AuditDecision.of(rule.level(), omitted, rule.omitManagedFields().orElse(omitManagedFields()),
            Optional.of(i), what);
      }
    }
    return AuditDecision.of(AuditLevel.NONE, stages(omitStages()), omitManagedFields(), Optional.empty(), what);
  }

  /**
   * One requester for each kind of requester the rules tell apart, as the checks ask them: for each rule, each user
   * it names (or {@code some-user}, a user no rule names) in each group it names (or in none), then {@code
   * some-user} in no group and an anonymous requester. Rules compare users and groups for equality, and a requester
   * with fewer groups is matched by fewer earlier rules, so other requesters are decided as one of these.
   */
  public List<Requester> requesters() {
    return new RequestSpace(this).requesters();
  }

  /**
   * What kube-apiserver refuses when it loads this policy, so that it does not start: the errors of {@link
   * #problems()} but those about Secret data in the log, which the API server accepts.
   */
  public List<Problem> loadErrors() {
    return AuditPolicyChecks.load(this).stream().filter(Problem::isError).map(p -> p.inComponent(name()))
        .collect(Collectors.toList());
  }

  /**
   * The file the API server reads.
   *
   * @throws SpecValidationException listing every problem, when the policy has errors
   */
  public String toYaml() {
    List<Problem> problems = problems();
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new SpecValidationException("AuditPolicy " + name(), problems);
    }
    return AuditPolicyFile.render(this);
  }

  /** Reported with every other problem of a spec that holds this policy. */
  @Override
  public List<Problem> validate(SpecContext context) {
    return problems();
  }

  /** Nothing: the policy is a file for the API servers ({@link #toYaml}), not a Kubernetes object. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of();
  }

  /**
   * What kube-apiserver would refuse in this policy (errors) and what it would accept but log less than meant
   * (warnings: requests no rule logs, rules an earlier one leaves nothing to, verbs, resources and groups that match
   * nothing), each naming the rule and field. The same list as {@link #validate}, without a spec.
   */
  public List<Problem> problems() {
    return AuditPolicyChecks.check(this).stream().map(p -> p.inComponent(name())).collect(Collectors.toList());
  }

  private static Set<AuditStage> stages(List<AuditStage> stages) {
    Set<AuditStage> set = EnumSet.noneOf(AuditStage.class);
    set.addAll(stages);
    return set;
  }

  /** Builds {@link AuditPolicy}s. */
  public interface Builder {
    /** Starts from every attribute of {@code policy}. */
    Builder from(AuditPolicy policy);

    Builder name(String name);

    Builder addRules(AuditPolicyRule... rules);

    /** Replaces the rules. */
    Builder rules(Iterable<? extends AuditPolicyRule> rules);

    /** Adds a rule after the others. */
    default Builder rule(AuditPolicyRule.Builder rule) {
      return addRules(rule.build());
    }

    Builder addOmitStages(AuditStage... stages);

    /** Adds stages not to log. */
    default Builder omitStages(AuditStage... stages) {
      return addOmitStages(stages);
    }

    Builder omitManagedFields(boolean omit);

    Builder secretBodiesAcknowledged(boolean acknowledged);

    AuditPolicy build();
  }
}
