package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies an environment's overrides to the compiled objects: each override sees each object once (only the one it
 * names, when {@link EnvironmentOverride#onlyObject} names one), in spec order.
 * An object's JSON tree is made only when an override asks for it, and turned back into an object of the same
 * class afterwards; objects no override touched stay the very objects the components produced.
 */
final class Overriding {
  private Overriding() {}

  static void apply(Optional<Environment> environment, List<CompiledObject> objects, List<Problem> problems) {
    if (environment.isEmpty() || environment.get().overrides().isEmpty()) return;
    Environment env = environment.get();
    boolean[] concerned = new boolean[env.overrides().size()];
    // Overrides that name their object are shown that object only; the others every object.
    List<Integer> everyObject = new ArrayList<>();
    Map<ResourceRef, List<Integer>> byObject = new HashMap<>();
    for (int i = 0; i < concerned.length; i++) {
      Optional<ResourceRef> only = onlyObject(env, env.overrides().get(i), problems);
      if (only.isPresent()) byObject.computeIfAbsent(only.get(), k -> new ArrayList<>()).add(i);
      else everyObject.add(i);
    }
    List<CompiledObject> kept = new ArrayList<>(objects.size());
    for (CompiledObject compiled : objects) {
      Target target = new Target(compiled, env, problems);
      for (int i : inListOrder(everyObject, byObject.getOrDefault(compiled.ref, List.of()))) {
        if (target.omitted) break;
        EnvironmentOverride override = env.overrides().get(i);
        target.current = override;
        try {
          concerned[i] |= override.apply(target);
        } catch (RuntimeException e) {
          problems.add(problem(env, override, "failed on " + compiled.ref + ": " + e,
              "this is a bug in the override " + override.getClass().getName() + "; report it"));
        }
      }
      target.result().ifPresent(kept::add);
    }
    objects.clear();
    objects.addAll(kept);
    for (int i = 0; i < concerned.length; i++) {
      if (!concerned[i]) {
        problems.add(problem(env, env.overrides().get(i), "concerns no object of the spec",
            "fix the names it gives, or remove it from environment " + env.name()));
      }
    }
  }

  /** The object an override names; when asking fails, a problem, and the override is shown every object. */
  private static Optional<ResourceRef> onlyObject(Environment env, EnvironmentOverride override,
      List<Problem> problems) {
    try {
      Optional<ResourceRef> only = override.onlyObject();
      return only == null ? Optional.empty() : only;
    } catch (RuntimeException e) {
      problems.add(problem(env, override, "failed to name its object: " + e,
          "this is a bug in the override " + override.getClass().getName() + "; report it"));
      return Optional.empty();
    }
  }

  /** The positions of two ascending lists, merged in ascending order: the overrides as the environment lists them. */
  private static List<Integer> inListOrder(List<Integer> a, List<Integer> b) {
    if (b.isEmpty()) return a;
    List<Integer> merged = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a.get(i) < b.get(j))) merged.add(a.get(i++));
      else merged.add(b.get(j++));
    }
    return merged;
  }

  private static Problem problem(Environment env, EnvironmentOverride override, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).component("environment " + env.name())
        .message("override '" + override.description() + "' " + message).fix(fix).build();
  }

  /** One object during the overrides. */
  private static final class Target implements OverriddenObject {
    private final CompiledObject compiled;
    private final Environment env;
    private final List<Problem> problems;
    private ObjectNode tree;
    private ObjectNode original;
    boolean omitted;
    EnvironmentOverride current;

    Target(CompiledObject compiled, Environment env, List<Problem> problems) {
      this.compiled = compiled;
      this.env = env;
      this.problems = problems;
    }

    @Override
    public ResourceRef ref() {
      return compiled.ref;
    }

    @Override
    public String component() {
      return compiled.component;
    }

    @Override
    public ObjectNode tree() {
      if (tree == null) {
        tree = Manifests.toTree(compiled.object);
        original = tree.deepCopy();
      }
      return tree;
    }

    @Override
    public void omit() {
      omitted = true;
    }

    @Override
    public void report(Problem problem) {
      problems.add(problem.component().isPresent() ? problem : problem.inComponent("environment " + env.name()));
    }

    /** The object for the plan: the same one, a changed copy, or none when omitted. */
    Optional<CompiledObject> result() {
      if (omitted) return Optional.empty();
      if (tree == null || tree.equals(original)) return Optional.of(compiled);
      HasMetadata changed = Manifests.convert(tree, compiled.object.getClass());
      CompiledObject result = new CompiledObject(changed, compiled.component);
      if (!result.ref.equals(compiled.ref)) {
        problems.add(problem(env, current, "changed the identity of " + compiled.ref + " to " + result.ref,
            "an override may change an object's content, never its kind, namespace or name"));
        return Optional.of(compiled);
      }
      return Optional.of(result);
    }
  }
}
