package dev.shipshape.core.internal.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Dynamic proxies that hand an interface's calls to a handler; {@code equals}, {@code hashCode} and
 * {@code toString} are the proxy's own (identity, and a description).
 */
final class Delegation {
  /** What a proxy does with a call of one of its interface's methods. */
  @FunctionalInterface
  interface Handler {
    Object invoke(Method method, Object[] args) throws Throwable;
  }

  private Delegation() {
  }

  static <T> T proxy(Class<T> type, String description, Handler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() != Object.class) return handler.invoke(method, args);
      switch (method.getName()) {
        case "equals":
          return self == args[0];
        case "hashCode":
          return System.identityHashCode(self);
        default:
          return description;
      }
    }));
  }

  /** Calls {@code method} on {@code target}, throwing what it throws. */
  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
