package dev.shipshape.readiness;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's static pods in {@code kube-system} (labelled {@code component: kube-apiserver}, as kubeadm runs
 * them) and the flags on their command lines: what a live cluster shows of how its API server was started. A
 * control plane without such pods (managed, or run outside the cluster) shows nothing, which the checks note.
 */
final class ApiServerPods {
  /** The field that holds the flags, for findings. */
  static final String FIELD = "spec.containers[0].command";

  private ApiServerPods() {}

  /** The API server pods of a live cluster's objects, in input order. */
  static List<Pod> find(ReadinessInput input) {
    List<Pod> servers = new ArrayList<>();
    for (HasMetadata o : input.objects("", "Pod")) {
      Map<String, String> labels = o.getMetadata().getLabels();
      if ("kube-system".equals(o.getMetadata().getNamespace()) && labels != null
          && "kube-apiserver".equals(labels.get("component"))) {
        servers.add(Manifests.convert(o, Pod.class));
      }
    }
    return servers;
  }

  /**
   * The value of {@code flag} in any container's command or arguments, written {@code --flag=value} or {@code
   * --flag value}; empty when the flag is absent, {@code ""} when it has no value.
   */
  static Optional<String> flag(Pod pod, String flag) {
    for (Container c : pod.getSpec().getContainers()) {
      List<String> words = new ArrayList<>();
      if (c.getCommand() != null) words.addAll(c.getCommand());
      if (c.getArgs() != null) words.addAll(c.getArgs());
      // A flag given twice takes its last value, as the API server's flag parser does.
      Optional<String> last = Optional.empty();
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (word.startsWith(flag + "=")) last = Optional.of(word.substring(flag.length() + 1));
        if (word.equals(flag)) {
          boolean valued = i + 1 < words.size() && !words.get(i + 1).startsWith("--");
          last = Optional.of(valued ? words.get(i + 1) : "");
        }
      }
      if (last.isPresent()) return last;
    }
    return Optional.empty();
  }

  /** True when {@code flag} is given with a value. */
  static boolean isSet(Pod pod, String flag) {
    return flag(pod, flag).filter(v -> !v.isEmpty()).isPresent();
  }

  /** The note of a rule that a cluster without API server pods cannot check. */
  static String unseen(String ruleId, String unknown, String flags) {
    return ruleId + " skipped: no kube-apiserver pod in kube-system (a managed control plane, or one run outside the"
        + " cluster), and the API does not tell " + unknown + ": ask the provider, or check the API server's "
        + flags;
  }
}
