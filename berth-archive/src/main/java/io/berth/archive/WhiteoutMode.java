package io.berth.archive;

/** How whiteouts (deletions recorded in a layer) are represented on disk. */
public enum WhiteoutMode {
  /**
   * An overlayfs upper/layer directory, as Docker's overlay2 keeps it: a deleted NAME is a
   * character device 0:0 named NAME, an opaque directory carries {@code trusted.overlay.opaque=y}.
   */
  OVERLAY,
  /**
   * A full-copy directory (vfs) that already holds the lower layers: applying a layer deletes what
   * its whiteouts name. Writing in this mode converts nothing.
   */
  APPLY
}
