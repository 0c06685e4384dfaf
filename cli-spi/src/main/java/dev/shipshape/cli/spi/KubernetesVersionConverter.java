package dev.shipshape.cli.spi;

import dev.shipshape.core.KubernetesVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Kubernetes version flags such as {@code 1.33} or {@code v1.33.2}, read by {@link KubernetesVersion#parse}. */
public final class KubernetesVersionConverter implements ITypeConverter<KubernetesVersion> {

  @Override
  public KubernetesVersion convert(String value) {
    try {
      return KubernetesVersion.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
