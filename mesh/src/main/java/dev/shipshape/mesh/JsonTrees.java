package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.function.Consumer;

/** Copy-on-write JSON trees behind the immutable settings values of this package. */
final class JsonTrees {
  private JsonTrees() {}

  static ObjectNode empty() {
    return IstioObjects.node();
  }

  /** A copy of {@code tree} with {@code change} applied; {@code tree} stays as it was. */
  static ObjectNode changed(ObjectNode tree, Consumer<ObjectNode> change) {
    ObjectNode copy = tree.deepCopy();
    change.accept(copy);
    return copy;
  }
}
