package dev.shipshape.mesh.release;

import java.util.List;
import java.util.Optional;

/**
 * A release as a sequence of routing steps for one Service: {@link CanaryRelease} shifts weight step by step,
 * {@link AbTest} routes a group of users to a variant. {@link ReleaseRunner} applies the steps one after another
 * and checks the {@link #gate()} between them; when the gate fails it applies {@link #rollback()}.
 */
public interface Release {
  /** The release's name, as progress and reports show it. */
  String name();

  /** The steps, in order. */
  List<ReleaseStep> steps();

  /** The step that sends all traffic back to the stable version. */
  ReleaseStep rollback();

  /** What must hold after each step before the next one; empty to go on at once. */
  Optional<ReleaseGate> gate();
}
