/** berth-oci: see docs/design.md. */
package io.berth.oci;
