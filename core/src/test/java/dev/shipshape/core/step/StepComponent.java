package dev.shipshape.core.step;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** A component for tests that compiles no object and contributes the given steps. */
public final class StepComponent implements Component {
  private final String name;
  private final List<ExternalStep> steps;

  public StepComponent(String name, ExternalStep... steps) {
    this.name = name;
    this.steps = List.of(steps);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of();
  }

  @Override
  public List<ExternalStep> externalSteps(CompileContext context) {
    return steps;
  }
}
