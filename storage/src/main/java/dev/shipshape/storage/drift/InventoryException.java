package dev.shipshape.storage.drift;

/** An inventory file that cannot be read or does not have the expected format; the message says where and why. */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InventoryException(String message) {
    super(message);
  }

  public InventoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
