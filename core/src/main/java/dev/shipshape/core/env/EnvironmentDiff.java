package dev.shipshape.core.env;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.internal.env.TreeDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * How two plans of one spec differ, typically two environments' ({@code laptop} and {@code production}): the
 * objects only one of them has, and for objects both have, every field that differs (both ways, with the left and
 * the right value) and a different wave. Everything not listed is identical. Secret values are never shown: their
 * changed fields are listed with {@link FieldChange#HIDDEN} values.
 *
 * <pre>{@code
 * EnvironmentDiff diff = EnvironmentDiff.between(spec.plan("laptop"), spec.plan("production"));
 * System.out.print(diff.toText());
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class EnvironmentDiff {

  /** The left plan's environment name, or {@code (spec)} for the plan without environment. */
  public abstract String left();

  /** The right plan's environment name, or {@code (spec)}. */
  public abstract String right();

  /** How many objects the two plans have together. */
  public abstract int objects();

  /** Objects only the left plan has, in order. */
  public abstract List<ResourceRef> onlyInLeft();

  /** Objects only the right plan has, in order. */
  public abstract List<ResourceRef> onlyInRight();

  /** For objects both plans have and that differ: the fields, from the left value to the right one. */
  public abstract Map<ResourceRef, List<FieldChange>> changed();

  /** For objects both plans have that sit in different waves: the left wave and the right one. */
  public abstract Map<ResourceRef, List<Integer>> waves();

  /** True when the two plans hold the same objects with the same content in the same waves. */
  public boolean identical() {
    return onlyInLeft().isEmpty() && onlyInRight().isEmpty() && changed().isEmpty() && waves().isEmpty();
  }

  /** The differences from {@code left} to {@code right}. */
  public static EnvironmentDiff between(Plan left, Plan right) {
    Map<ResourceRef, PlannedResource> rightByRef = new LinkedHashMap<>();
    right.resources().forEach(r -> rightByRef.put(r.ref(), r));
    ImmutableEnvironmentDiff.Builder diff = ImmutableEnvironmentDiff.builder()
        .left(left.environment().orElse("(spec)")).right(right.environment().orElse("(spec)"));
    Map<ResourceRef, List<FieldChange>> changed = new TreeMap<>();
    Map<ResourceRef, List<Integer>> waves = new TreeMap<>();
    List<ResourceRef> onlyLeft = new ArrayList<>();
    for (PlannedResource l : left.resources()) {
      PlannedResource r = rightByRef.remove(l.ref());
      if (r == null) {
        onlyLeft.add(l.ref());
        continue;
      }
      boolean secret = l.ref().groupKind().equals("Secret");
      List<FieldChange> fields = TreeDiff.compare(Manifests.toTree(l.object()), Manifests.toTree(r.object()), secret);
      if (!fields.isEmpty()) changed.put(l.ref(), fields);
      if (l.wave() != r.wave()) waves.put(l.ref(), List.of(l.wave(), r.wave()));
    }
    int objects = left.resources().size() + rightByRef.size();
    return diff.objects(objects).onlyInLeft(onlyLeft).onlyInRight(rightByRef.keySet()).changed(changed)
        .waves(waves).build();
  }

  /**
   * For people: a headline, then each object only one side has, each changed object with its fields ({@code ~
   * path: left -> right}, {@code + path: right} for a field only the right has, {@code - path: left} for one only
   * the left has) and each wave move.
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    if (identical()) {
      return out.append(left()).append(" and ").append(right()).append(" plan the same ").append(objects())
          .append(" objects\n").toString();
    }
    int differing = onlyInLeft().size() + onlyInRight().size()
        + (int) changed().keySet().stream().filter(r -> !waves().containsKey(r)).count() + waves().size();
    out.append(left()).append(" and ").append(right()).append(" differ in ").append(differing).append(" of ")
        .append(objects()).append(" objects; everything else is identical\n");
    onlyInLeft().forEach(r -> out.append("only in ").append(left()).append(": ").append(r).append('\n'));
    onlyInRight().forEach(r -> out.append("only in ").append(right()).append(": ").append(r).append('\n'));
    changed().forEach((ref, fields) -> {
      out.append("changed ").append(ref).append('\n');
      fields.forEach(f -> out.append("    ").append(f).append('\n'));
    });
    waves().forEach((ref, w) -> out.append("wave of ").append(ref).append(": ").append(w.get(0)).append(" -> ")
        .append(w.get(1)).append('\n'));
    return out.toString();
  }

  /**
   * The same as JSON: {@code left}, {@code right}, {@code objects}, {@code identical}, {@code onlyInLeft},
   * {@code onlyInRight}, {@code changed} (with each field's {@code path}, {@code kind}, {@code left} and
   * {@code right}) and {@code waves}.
   */
  public ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode().put("left", left()).put("right", right()).put("objects", objects())
        .put("identical", identical());
    onlyInLeft().forEach(r -> root.withArray("onlyInLeft").add(r.toString()));
    onlyInRight().forEach(r -> root.withArray("onlyInRight").add(r.toString()));
    ArrayNode changedJson = root.putArray("changed");
    changed().forEach((ref, fields) -> {
      ObjectNode object = changedJson.addObject().put("object", ref.toString());
      ArrayNode list = object.putArray("fields");
      for (FieldChange f : fields) {
        ObjectNode field = list.addObject().put("path", f.path()).put("kind", f.kind().name());
        f.before().ifPresent(v -> field.put("left", v));
        f.after().ifPresent(v -> field.put("right", v));
      }
    });
    ArrayNode wavesJson = root.putArray("waves");
    waves().forEach((ref, w) -> wavesJson.addObject().put("object", ref.toString()).put("left", w.get(0))
        .put("right", w.get(1)));
    root.putIfAbsent("onlyInLeft", json.arrayNode());
    root.putIfAbsent("onlyInRight", json.arrayNode());
    return root;
  }
}
