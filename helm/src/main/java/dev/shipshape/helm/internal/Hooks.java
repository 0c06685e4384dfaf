package dev.shipshape.helm.internal;

import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Helm's chart hooks as install-order groups. See https://helm.sh/docs/topics/charts_hooks/: {@code helm.sh/hook}
 * lists the events a hook runs at, {@code helm.sh/hook-weight} (a string holding an integer, default 0) orders hooks
 * of one event, lower first.
 */
public final class Hooks {
  static final String HOOK = "helm.sh/hook";
  static final String WEIGHT = "helm.sh/hook-weight";
  static final String DELETE_POLICY = "helm.sh/hook-delete-policy";
  private static final Set<String> PRE = Set.of("pre-install", "pre-upgrade");
  private static final Set<String> POST = Set.of("post-install", "post-upgrade");
  private static final Set<String> TEST = Set.of("test", "test-success");

  private Hooks() {}

  /** CRDs, then pre hooks by weight, the chart's objects, post hooks by weight and, if asked, tests by weight. */
  static RenderedChart group(List<HasMetadata> crds, List<HasMetadata> rendered, boolean includeTests) {
    TreeMap<Integer, List<HasMetadata>> pre = new TreeMap<>();
    TreeMap<Integer, List<HasMetadata>> post = new TreeMap<>();
    TreeMap<Integer, List<HasMetadata>> tests = new TreeMap<>();
    List<HasMetadata> main = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (HasMetadata object : rendered) {
      Optional<Set<String>> events = events(object);
      if (events.isEmpty()) {
        main.add(object);
      } else if (events.get().stream().anyMatch(PRE::contains)) {
        add(pre, object);
      } else if (events.get().stream().anyMatch(POST::contains)) {
        add(post, object);
      } else if (events.get().stream().anyMatch(TEST::contains)) {
        if (includeTests) add(tests, object);
        else notes.add(describe(object) + ": test hook left out (includeTests(true) adds it)");
      } else {
        notes.add(describe(object) + ": " + String.join(",", events.get())
            + " hook left out: a spec is applied, never deleted or rolled back");
      }
    }
    List<List<HasMetadata>> groups = new ArrayList<>();
    groups.add(crds);
    groups.addAll(pre.values());
    groups.add(main);
    groups.addAll(post.values());
    groups.addAll(tests.values());
    return new RenderedChart(groups.stream().filter(g -> !g.isEmpty()).collect(Collectors.toList()), main, notes);
  }

  /**
   * The delete policy of every hook: {@code helm.sh/hook-delete-policy} lists {@code before-hook-creation}, {@code
   * hook-succeeded} and {@code hook-failed}; a hook without the annotation gets {@code before-hook-creation}, as
   * Helm gives it ("If no hook deletion policy annotation is specified, the before-hook-creation behavior applies by
   * default", https://helm.sh/docs/topics/charts_hooks/#hook-deletion-policies).
   */
  public static List<DeletePolicy> deletePolicies(List<HasMetadata> compiled) {
    List<DeletePolicy> policies = new ArrayList<>();
    for (HasMetadata object : compiled) {
      if (events(object).isEmpty()) continue;
      String annotation = object.getMetadata().getAnnotations().getOrDefault(DELETE_POLICY, "");
      Set<DeletePolicy.When> when = EnumSet.noneOf(DeletePolicy.When.class);
      for (String policy : annotation.split(",")) {
        switch (policy.trim().toLowerCase(Locale.ROOT)) {
          case "before-hook-creation":
            when.add(DeletePolicy.When.BEFORE_CREATION);
            break;
          case "hook-succeeded":
            when.add(DeletePolicy.When.AFTER_SUCCESS);
            break;
          case "hook-failed":
            when.add(DeletePolicy.When.AFTER_FAILURE);
            break;
          default:
            break;
        }
      }
      if (annotation.isBlank()) when.add(DeletePolicy.When.BEFORE_CREATION);
      if (!when.isEmpty()) policies.add(DeletePolicy.of(ResourceRef.of(object), when));
    }
    return policies;
  }

  /** Whether Helm takes {@code object} for a hook: it has events in {@code helm.sh/hook}. */
  static boolean isHook(HasMetadata object) {
    return events(object).isPresent();
  }

  private static Optional<Set<String>> events(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
    String hook = annotations == null ? null : annotations.get(HOOK);
    if (hook == null || hook.isBlank()) return Optional.empty();
    // Helm trims and lower-cases each event, as each delete policy.
    return Optional.of(Arrays.stream(hook.split(",")).map(e -> e.trim().toLowerCase(Locale.ROOT))
        .filter(e -> !e.isEmpty()).collect(Collectors.toSet()));
  }

  private static void add(TreeMap<Integer, List<HasMetadata>> byWeight, HasMetadata object) {
    byWeight.computeIfAbsent(weight(object), w -> new ArrayList<>()).add(object);
  }

  /**
   * Helm reads the weight with strconv.Atoi, untrimmed, and ignores a failure, so anything but an integer (" 5"
   * too) weighs 0.
   */
  private static int weight(HasMetadata object) {
    String weight = object.getMetadata().getAnnotations().get(WEIGHT);
    if (weight == null) return 0;
    try {
      return Integer.parseInt(weight);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String describe(HasMetadata object) {
    return object.getKind() + " " + object.getMetadata().getName();
  }
}
