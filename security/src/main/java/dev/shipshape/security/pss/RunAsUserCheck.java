package dev.shipshape.security.pss;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code runAsNonRoot: true} without a {@code runAsUser}: the kubelet then starts the container only when the
 * image's own user is numeric and not 0, and refuses it otherwise ("container has runAsNonRoot and image will run as
 * root", or "image has non-numeric user"). The official Docker Hub images ({@code postgres}, {@code nginx},
 * {@code redis}, …: no registry and no organization in the name, or {@code docker.io/library/}) run as root by
 * default, so their pods never start; the warning says so and how to fix it. Other images may well declare a
 * non-root user, which cannot be known offline, so they are not warned about.
 */
final class RunAsUserCheck {
  private RunAsUserCheck() {}

  static List<Problem> warnings(HasMetadata workload) {
    HasMetadata typed = Workloads.typed(workload);
    Optional<PodSpec> spec = typed instanceof Pod ? Optional.ofNullable(((Pod) typed).getSpec())
        : Workloads.podTemplate(typed).map(PodTemplateSpec::getSpec);
    if (spec.isEmpty()) return List.of();
    PodSecurityContext pod = spec.get().getSecurityContext();
    boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
    Long podUser = pod == null ? null : pod.getRunAsUser();
    List<Problem> problems = new ArrayList<>();
    List<Container> containers = new ArrayList<>();
    if (spec.get().getInitContainers() != null) containers.addAll(spec.get().getInitContainers());
    if (spec.get().getContainers() != null) containers.addAll(spec.get().getContainers());
    String path = Workloads.podSpecPath(typed.getKind());
    for (Container c : containers) {
      var sc = c.getSecurityContext();
      boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podNonRoot;
      Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : podUser;
      if (!nonRoot || user != null || !officialImage(c.getImage())) continue;
      problems.add(Problem.warning(ResourceRef.of(typed), path + ".securityContext.runAsUser", "container '"
          + c.getName() + "' (image " + c.getImage() + ") must run as non-root but sets no runAsUser: official "
          + "Docker images run as root by default, so the kubelet will not start it", "give a user id, such as "
          + "Hardening.restricted(workload, 999) in the SDK or runAsUser: 999 in the manifest, or use an image with "
          + "a numeric non-root USER"));
    }
    return problems;
  }

  /** {@code postgres:16}, {@code library/nginx}, {@code docker.io/library/redis}: an official Docker Hub image. */
  static boolean officialImage(String image) {
    if (image == null || image.isEmpty()) return false;
    String name = image.replaceFirst("^(docker\\.io/|index\\.docker\\.io/)", "")
        .replaceFirst("^library/", "");
    return !name.contains("/");
  }
}
