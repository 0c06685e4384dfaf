package dev.shipshape.core.internal.parallel;

import java.util.List;
import java.util.function.Function;

/**
 * CPU work spread over the common fork-join pool's threads, for the few places where one command's work divides
 * into independent parts (deep copies of a spec's objects, the checks of a plan). Results come in the order of the
 * inputs, whichever finishes first; each part runs with the caller's context class loader, which user code and
 * libraries may load classes through; an exception of a part reaches the caller.
 */
public final class OrderedParallel {
  private OrderedParallel() {}

  /** {@code function} applied to each item, on the caller's thread and the pool's, in the items' order. */
  public static <T, R> List<R> map(List<? extends T> items, Function<? super T, ? extends R> function) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return items.parallelStream().<R>map(item -> withContextLoader(loader, function, item)).toList();
  }

  private static <T, R> R withContextLoader(ClassLoader loader, Function<? super T, ? extends R> function, T item) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return function.apply(item);
    } finally {
      thread.setContextClassLoader(own);
    }
  }
}
