package dev.shipshape.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The API boundaries of a module, checked on its compiled classes: engines in {@code …internal} packages stay
 * internal. Reports every public type of a non-internal package that shows an internal type in its public
 * signatures (superclass, interfaces, public or protected constructors, methods and fields), every public builder
 * that extends a generated {@code Immutable*} builder (whose setters would bypass the hand-written API), and every
 * class that uses another module's {@code internal} packages (found in the class files' constant pools, so uses in
 * method bodies count too).
 *
 * <pre>{@code
 * assertThat(ApiBoundaries.violations(NetworkPolicySet.class, "dev.shipshape.networking")).isEmpty();
 * }</pre>
 */
public final class ApiBoundaries {
  private static final Pattern INTERNAL_REFERENCE = Pattern.compile("dev/shipshape/(?:[A-Za-z0-9_$]+/)*internal/");
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9_$/]+");

  private ApiBoundaries() {}

  /**
   * The violations among the classes of package {@code modulePackage} (and below) found where {@code anchor} was
   * loaded from (a module's {@code target/classes}), sorted.
   */
  public static List<String> violations(Class<?> anchor, String modulePackage) {
    Path root = location(anchor);
    Set<String> found = new TreeSet<>();
    String ownPrefix = modulePackage.replace('.', '/') + "/";
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String binaryName = root.relativize(file).toString().replace('\\', '/');
        if (!binaryName.startsWith(ownPrefix)) continue;
        String className = binaryName.substring(0, binaryName.length() - ".class".length()).replace('/', '.');
        foreignInternalUses(className, Files.readAllBytes(file), ownPrefix, found);
        Class<?> type;
        try {
          type = Class.forName(className, false, anchor.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue; // an optional dependency is absent: its signatures cannot be read, its bytes were checked
        }
        exposures(type, found);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(found);
  }

  static Path location(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot locate the classes of " + anchor, e);
    }
  }

  /** Constant-pool strings (class names and descriptors) naming another module's internal packages. */
  private static void foreignInternalUses(String className, byte[] bytes, String ownPrefix, Set<String> found) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Matcher m = INTERNAL_REFERENCE.matcher(text);
    while (m.find()) {
      if (text.startsWith(ownPrefix, m.start())) continue;
      Matcher name = CLASS_NAME.matcher(text);
      String used = name.find(m.start()) ? name.group() : m.group();
      found.add(className + " uses " + used.replace('/', '.') + ", internal to another module");
    }
  }

  private static void exposures(Class<?> type, Set<String> found) {
    if (isInternal(type) || !isEffectivelyPublic(type) || type.isSynthetic()) return;
    String name = type.getName();
    Class<?> superclass = type.getSuperclass();
    if (superclass != null && isGeneratedBuilder(superclass)) {
      found.add(name + " extends the generated builder " + superclass.getName() + ": declare a Builder interface"
          + " that the generated builder implements");
    }
    check(name + " extends", type.getGenericSuperclass(), found);
    for (Type i : type.getGenericInterfaces()) check(name + " implements", i, found);
    for (Constructor<?> c : type.getDeclaredConstructors()) member(name + ".<init>", c, found);
    for (Method method : type.getDeclaredMethods()) {
      if (method.isSynthetic() || method.isBridge()) continue;
      if (member(name + "." + method.getName() + "()", method, found)) {
        check(name + "." + method.getName() + "() returns", method.getGenericReturnType(), found);
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (!field.isSynthetic() && isVisible(field.getModifiers())) {
        check(name + "." + field.getName(), field.getGenericType(), found);
      }
    }
  }

  /** Checks a visible constructor's or method's parameters and exceptions; false for members users cannot see. */
  private static boolean member(String where, Executable executable, Set<String> found) {
    if (executable.isSynthetic() || !isVisible(executable.getModifiers())) return false;
    if (!Modifier.isPublic(executable.getModifiers()) && Modifier.isFinal(executable.getDeclaringClass()
        .getModifiers())) {
      return false; // protected members of a final class cannot be reached
    }
    for (Type p : executable.getGenericParameterTypes()) check(where + " takes", p, found);
    for (Type e : executable.getGenericExceptionTypes()) check(where + " throws", e, found);
    return true;
  }

  private static void check(String where, Type type, Set<String> found) {
    Set<Class<?>> classes = new HashSet<>();
    collect(type, classes, new HashSet<>());
    for (Class<?> c : classes) {
      if (isInternal(c)) found.add(where + " " + c.getName() + ", an internal type");
    }
  }

  private static void collect(Type type, Set<Class<?>> into, Set<Type> seen) {
    if (type == null || !seen.add(type)) return;
    if (type instanceof Class<?> c) {
      into.add(c.isArray() ? c.getComponentType() : c);
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), into, seen);
      for (Type a : p.getActualTypeArguments()) collect(a, into, seen);
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) collect(b, into, seen);
      for (Type b : w.getLowerBounds()) collect(b, into, seen);
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), into, seen);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) collect(b, into, seen);
    }
  }

  private static boolean isGeneratedBuilder(Class<?> type) {
    Class<?> enclosing = type.getEnclosingClass();
    return enclosing != null && enclosing.getSimpleName().startsWith("Immutable");
  }

  private static boolean isInternal(Class<?> type) {
    return (type.getPackageName() + ".").contains(".internal.");
  }

  private static boolean isEffectivelyPublic(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) return false;
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
