package dev.shipshape.core.plan;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spec check registered for the tests: it reports an error on every object annotated {@value #PROBLEM} and throws
 * for one annotated {@value #THROW}; it finds nothing in any other spec.
 */
public final class AnnotationSpecCheck implements SpecCheck {
  static final String PROBLEM = "spec-check.shipshape.dev/problem";
  static final String THROW = "spec-check.shipshape.dev/throw";

  @Override
  public String name() {
    return "annotation-check";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    context.resources().forEach(o -> {
      Map<String, String> annotations = o.getMetadata().getAnnotations();
      if (annotations == null) return;
      if (annotations.containsKey(THROW)) throw new IllegalStateException("broken check");
      if (annotations.containsKey(PROBLEM)) {
        problems.add(Problem.error(ResourceRef.of(o), "metadata.annotations", annotations.get(PROBLEM),
            "remove the annotation"));
      }
    });
    return problems;
  }
}
