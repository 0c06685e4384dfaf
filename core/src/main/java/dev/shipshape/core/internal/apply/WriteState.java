package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.diff.FieldChange;
import java.util.List;

/**
 * What the built-in write steps know about one object while it goes down the chain: whether it exists, the
 * requests sent so far, the strategy of the next request and the changes found. Confined to the thread that writes
 * the object.
 */
final class WriteState {
  /** True when the live object exists (or a create found that it does by now): the next write updates. */
  boolean exists;
  /** Requests sent for the object so far. */
  int attempts;
  /** The strategy of the next request. */
  ApplyStrategy strategy;
  /** In AUTO mode, a new object answered 404 to an apply and is being created client-side instead. */
  boolean probingClientSide;
  /** The changes from the live object, for the report (also of a failed update). */
  List<FieldChange> changes = List.of();

  WriteState(boolean exists, ApplyStrategy strategy) {
    this.exists = exists;
    this.strategy = strategy;
  }
}
