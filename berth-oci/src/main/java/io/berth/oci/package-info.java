/**
 * berth-oci: a container's OCI runtime spec (config.json) exactly as Docker builds it. {@link
 * io.berth.oci.OciSpecBuilder} turns a {@link io.berth.oci.ContainerSpec} into the spec map; {@link
 * io.berth.oci.UserResolver}, {@link io.berth.oci.Capabilities}, {@link io.berth.oci.Seccomp}, {@link
 * io.berth.oci.Ulimits}, {@link io.berth.oci.Environment} and {@link io.berth.oci.SecurityOptions} hold Docker's
 * rules for their part, for use at create time too. Pure code: reads /proc and the rootfs, writes nothing.
 */
package io.berth.oci;
