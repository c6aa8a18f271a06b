/** berth-network: see docs/design.md. */
package io.berth.network;
