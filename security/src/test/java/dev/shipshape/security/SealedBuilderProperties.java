package dev.shipshape.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.security.pss.PodSecurityLabels;
import dev.shipshape.security.pss.PodSecurityProfile;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacProfile;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.Rule;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Security components are values: changing the maps, lists and objects given to their builders after
 * {@code build()}, or the objects read back from the plan, never changes what the spec plans.
 */
class SealedBuilderProperties {

  @Property(tries = 30)
  void changingInputsAfterBuildDoesNotChangeThePlan(@ForAll("labels") Map<String, String> labels) {
    Map<String, String> aggregate = new LinkedHashMap<>(labels);
    Map<String, String> namespaceLabels = new LinkedHashMap<>(labels);
    List<String> verbs = new ArrayList<>(List.of("list"));
    Namespace shop = new NamespaceBuilder().withNewMetadata().withName("shop").withLabels(new LinkedHashMap<>(labels))
        .endMetadata().build();
    RbacProfile rbac = RbacProfile.builder().name("access")
        .role(RbacRole.cluster("aggregated").aggregateFrom(aggregate).build())
        .role(RbacRole.namespaced("shop", "reader").rule(Rule.core("configmaps").allow("get", "list"))
            .withoutVerbs(verbs).build())
        .assign(Persona.DEVELOPER, "shop", RbacSubject.group("devs"))
        .binding(RbacBinding.toRole("shop", "reader").subject(RbacSubject.group("readers")).build())
        .build();
    PodSecurityLabels pss = PodSecurityLabels.builder().name("pss")
        .namespacesLabelled(namespaceLabels, PodSecurityProfile.restricted()).build();
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(shop).component(rbac, pss).build();
    String before = spec.plan().toYaml();

    aggregate.put("changed", "yes");
    namespaceLabels.clear();
    verbs.clear();
    shop.getMetadata().getLabels().clear();
    spec.plan().resources().forEach(r -> r.object().getMetadata().setLabels(Map.of("changed", "yes")));

    assertThat(spec.plan().toYaml()).isEqualTo(before);
    assertThat(rbac.roles().get(0).aggregateFrom()).containsExactly(labels);
  }

  @Provide
  Arbitrary<Map<String, String>> labels() {
    Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
    return Arbitraries.maps(words, words).ofMinSize(1).ofMaxSize(4);
  }
}
