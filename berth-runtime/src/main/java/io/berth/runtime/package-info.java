/** berth-runtime: see docs/design.md. */
package io.berth.runtime;
