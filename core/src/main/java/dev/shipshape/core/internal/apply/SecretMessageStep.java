package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.diff.FieldChange;
import java.util.regex.Pattern;

/**
 * A server's message about a Secret may quote the invalid value ({@code Invalid value: "…"}): for Secrets, failures
 * go up the chain with the quoted value hidden, and with a stand-in cause that carries only that message, so that
 * neither results nor listeners see it. (Every value of every Secret of the plan is also hidden from the whole
 * run's output by the executor; this covers values that are not in the plan.)
 */
final class SecretMessageStep implements ApplyInterceptor {
  private static final Pattern QUOTED_VALUE = Pattern.compile("Invalid value: \"(?:[^\"\\\\]|\\\\.)*\"");

  @Override
  public ResourceResult intercept(Chain chain) {
    if (!chain.resource().isSecret()) return chain.proceed(chain.desired());
    try {
      return chain.proceed(chain.desired());
    } catch (WriteFailure e) {
      String hidden = hide(e.getMessage());
      throw new WriteFailure(e.failure.withMessage(hidden), new IllegalStateException(hidden));
    }
  }

  static String hide(String message) {
    return QUOTED_VALUE.matcher(message).replaceAll("Invalid value: " + FieldChange.HIDDEN);
  }
}
