package dev.shipshape.security.pss;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The Pod Security Admission policy of a namespace: the level it enforces (pods that violate it are rejected), and
 * optionally the levels it audits and warns about, each pinned to a policy version or {@code latest}.
 * See "Enforce Pod Security Standards with Namespace Labels" in the Kubernetes documentation.
 *
 * <pre>{@code
 * PodSecurityProfile.enforce(PodSecurityLevel.BASELINE).warn(PodSecurityLevel.RESTRICTED)
 *     .audit(PodSecurityLevel.RESTRICTED).version("v1.33").build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodSecurityProfile {
  /** The label prefix of Pod Security Admission. */
  public static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

  public abstract PodSecurityLevel enforce();

  public abstract Optional<PodSecurityLevel> audit();

  public abstract Optional<PodSecurityLevel> warn();

  /** The policy version for all three modes, {@code latest} or {@code v1.N}. By default, {@code latest}. */
  @Value.Default
  public String version() {
    return "latest";
  }

  public static Builder builder() {
    return ImmutablePodSecurityProfile.builder();
  }

  /** A profile enforcing this level. */
  public static Builder enforce(PodSecurityLevel level) {
    return builder().enforce(level);
  }

  /** Enforce, audit and warn all at {@code restricted}. */
  public static PodSecurityProfile restricted() {
    return enforce(PodSecurityLevel.RESTRICTED).audit(PodSecurityLevel.RESTRICTED).warn(PodSecurityLevel.RESTRICTED)
        .build();
  }

  /** The namespace labels, enforce first. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_PREFIX + "enforce", enforce().label());
    labels.put(LABEL_PREFIX + "enforce-version", version());
    audit().ifPresent(l -> {
      labels.put(LABEL_PREFIX + "audit", l.label());
      labels.put(LABEL_PREFIX + "audit-version", version());
    });
    warn().ifPresent(l -> {
      labels.put(LABEL_PREFIX + "warn", l.label());
      labels.put(LABEL_PREFIX + "warn-version", version());
    });
    return labels;
  }

  /** A copy of the namespace with these labels added (replacing earlier Pod Security labels). */
  public Namespace applyTo(Namespace namespace) {
    Namespace copy = Manifests.copy(namespace);
    Map<String, String> labels = new LinkedHashMap<>();
    if (copy.getMetadata().getLabels() != null) {
      copy.getMetadata().getLabels().forEach((k, v) -> {
        if (!k.startsWith(LABEL_PREFIX)) labels.put(k, v);
      });
    }
    labels.putAll(labels());
    copy.getMetadata().setLabels(labels);
    return copy;
  }

  @Value.Check
  protected void check() {
    if (!version().equals("latest")) {
      try {
        KubernetesVersion.parse(version());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PodSecurityProfile version: '" + version() + "' is neither 'latest' nor"
            + " a Kubernetes minor version — use 'latest' or a version such as 'v1.33'", e);
      }
    }
  }

  /** Builds {@link PodSecurityProfile}s. */
  public interface Builder {
    /** Starts from every attribute of {@code profile}. */
    Builder from(PodSecurityProfile profile);

    Builder enforce(PodSecurityLevel enforce);

    Builder audit(PodSecurityLevel audit);

    Builder audit(Optional<? extends PodSecurityLevel> audit);

    Builder warn(PodSecurityLevel warn);

    Builder warn(Optional<? extends PodSecurityLevel> warn);

    Builder version(String version);

    PodSecurityProfile build();
  }
}
