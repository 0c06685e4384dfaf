package dev.shipshape.core.testing.boundary.mine;

/** Stands for a generated value class, package-private as the project style makes them. */
final class ImmutableApi {
  private ImmutableApi() {}

  /** Stands for a generated builder with its setters. */
  public static class Builder {
    public Builder rawObjects(Object objects) {
      return this;
    }
  }
}
