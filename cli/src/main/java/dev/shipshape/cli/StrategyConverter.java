package dev.shipshape.cli;

import dev.shipshape.core.apply.ApplyStrategy;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code server-side}, {@code client-side} or {@code auto}, as {@link ApplyStrategy}. */
final class StrategyConverter implements ITypeConverter<ApplyStrategy> {

  @Override
  public ApplyStrategy convert(String value) {
    try {
      return ApplyStrategy.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a strategy; use server-side, client-side or auto");
    }
  }

  /** The names shown in help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("server-side", "client-side", "auto").iterator();
    }
  }
}
