package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.findings.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A VirtualService without hosts is an error unless another delegates to it; the delegated ones are those a scan
 * of every VirtualService's rules per VirtualService finds.
 */
class SchemaValidationAnalyzerTest {
  @Property(tries = 300)
  void missingHostsAreReportedUnlessAScanFindsADelegation(@ForAll("mesh") List<MeshObject> objects) {
    Analyzer analyzer = new SchemaValidationAnalyzer("VirtualService");
    MeshIndex index = RandomMesh.index(analyzer, objects);
    // One message per object, as the reporter reports identical messages on one object once.
    Set<String> expected = new LinkedHashSet<>();
    for (MeshObject vs : index.all("VirtualService")) {
      if (vs.spec().path("hosts").isEmpty() && !delegated(index, vs)) expected.add(vs.ref().toString());
    }
    List<String> found = new ArrayList<>();
    for (Finding f : RandomMesh.run(analyzer, objects).findings()) {
      if (f.field().orElse("").equals("spec.hosts")) found.add(f.resources().get(0).toString());
    }
    assertThat(found).containsExactlyElementsOf(expected);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(8, "VirtualService");
  }

  private static boolean delegated(MeshIndex index, MeshObject vs) {
    for (MeshObject other : index.all("VirtualService")) {
      for (JsonNode rule : Json.list(other.spec().path("http"))) {
        JsonNode d = rule.path("delegate");
        String ns = Json.text(d.path("namespace")).isEmpty() ? other.namespace() : Json.text(d.path("namespace"));
        if (Json.text(d.path("name")).equals(vs.name()) && ns.equals(vs.namespace())) return true;
      }
    }
    return false;
  }
}
