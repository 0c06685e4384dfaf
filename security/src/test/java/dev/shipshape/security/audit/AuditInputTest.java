package dev.shipshape.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The audit's look-ups answer as scanning every object in input order would. */
class AuditInputTest {

  @Property(tries = 300)
  void findAndItemsAnswerAsAScan(@ForAll("objects") List<String[]> objects, @ForAll("kinds") String kind,
      @ForAll("names") String name, @ForAll("namespaces") String namespace) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String[] o : objects) {
      GenericKubernetesResource r = new GenericKubernetesResource();
      r.setApiVersion(o[0].equals("Role") ? "rbac.authorization.k8s.io/v1" : "v1");
      r.setKind(o[0]);
      r.setMetadata(new ObjectMetaBuilder().withName(o[1]).withNamespace(o[2].isEmpty() ? null : o[2]).build());
      resources.add(r);
    }
    AuditInput input = new AuditInput(resources, Optional.empty());

    Optional<AuditInput.Item> scanned = input.items().stream()
        .filter(i -> i.kind().equals(kind) && i.name().equals(name))
        .filter(i -> {
          String ns = i.ref.namespace().orElse("");
          return ns.isEmpty() || namespace.isEmpty() || ns.equals(namespace);
        }).findFirst();
    assertThat(input.find(kind, name, namespace)).isEqualTo(scanned);
    assertThat(input.items(kind)).isEqualTo(input.items().stream().filter(i -> i.kind().equals(kind)).toList());
    assertThat(input.items(kind, namespace)).isEqualTo(input.items().stream()
        .filter(i -> i.kind().equals(kind) && i.ref.namespace().orElse("").equals(namespace)).toList());
  }

  @Provide
  Arbitrary<List<String[]>> objects() {
    return Combinators.combine(kinds(), names(), namespaces()).as((k, n, ns) -> new String[] {k, n, ns})
        .list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of("ServiceAccount", "Role");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("a", "b");
  }

  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.of("", "x", "y");
  }
}
