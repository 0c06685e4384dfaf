package dev.shipshape.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: abstract value types are the public API, the generated
 * {@code Immutable*} classes stay package-private, builders are reached through {@code builder()} and can
 * start {@code from(...)} an existing value.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    from = "from",
    get = {"is*", "get*", "*"},
    defaults = @Value.Immutable(copy = false))
public @interface ShipshapeStyle {}
