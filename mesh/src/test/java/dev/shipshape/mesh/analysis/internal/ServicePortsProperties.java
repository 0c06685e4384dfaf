package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A typed Service's ports read from the model are the ports read from its tree, whatever the entries hold. */
class ServicePortsProperties {

  @Property(tries = 300)
  void theModelAndTheTreeGiveTheSamePorts(
      @ForAll @Size(max = 5) List<Optional<@IntRange(min = 0, max = 65535) Integer>> numbers,
      @ForAll boolean withoutSpec) {
    List<ServicePort> ports = numbers.stream()
        .map(n -> new ServicePortBuilder().withName("p" + n.orElse(-1)).withPort(n.orElse(null)).build()).toList();
    ServiceBuilder builder = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata();
    Service service = withoutSpec ? builder.build() : builder.withNewSpec().withPorts(ports).endSpec().build();

    assertThat(ServicePorts.of(service)).isEqualTo(ServicePorts.of(Manifests.toTree(service)));
  }
}
