package dev.shipshape.backup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the real API server refuses in an object, as the proofs of this module compare it with the rules. */
final class ServerRefusals {
  private ServerRefusals() {}

  /** The fields a server-side dry run refuses (422 causes); empty when it takes the object. */
  static Set<String> fields(KubernetesClient client, HasMetadata object) {
    try {
      client.resource(object).dryRun().create();
      return Set.of();
    } catch (KubernetesClientException e) {
      Status status = e.getStatus();
      if (e.getCode() != 422 || status == null || status.getDetails() == null) throw e;
      return status.getDetails().getCauses().stream().map(StatusCause::getField)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
