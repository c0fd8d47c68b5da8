/**
 * The image the PreSync guard Job and the containment Task run: Kubernetes' own kubectl image,
 * v1.34.1, pinned by tag AND digest.
 *
 * Why this image: the Kubernetes release builds it from `build/server-image/kubectl/Dockerfile`
 * on `registry.k8s.io/build-image/debian-base:bookworm` and, since kubernetes#119592 (v1.28),
 * installs bash, grep, sed, gawk, coreutils, jq and diffutils into it. Debian's `/bin/sh` is
 * dash, so the image has everything the scripts use (POSIX sh, awk, sed, tr, mktemp) next to a
 * kubectl from the project itself; the scripts are tested under dash with mawk and with gawk.
 * Not `bitnami/kubectl:<version>`: since 2025-08-28 Bitnami publishes only `latest` tags and
 * moved versioned ones to the frozen `bitnamilegacy` repository. Not `rancher/kubectl` or a
 * distroless kubectl: no shell.
 *
 * The image has no USER (it would run as root), so the pods name a numeric non-root UID
 * ({@link GUARD_UID}) and point HOME at an emptyDir for kubectl's cache: the root filesystem
 * stays read-only.
 *
 * The digest is the multi-arch index digest of the v1.34.1 tag as pinned by several public
 * manifests; it could not be re-read from the registry on the machine this was written on.
 * When bumping: `crane digest registry.k8s.io/kubectl:<tag>`, and check the shell is still
 * there with `docker run --rm --entrypoint /bin/sh <image> -c 'command -v awk sed tr mktemp'`.
 * kubectl supports API servers one minor version older or newer: bump it with the cluster.
 */
export const KUBECTL_IMAGE =
  'registry.k8s.io/kubectl:v1.34.1@sha256:59bafa07ff3a6d4b417e7633ddb9d79a9606ca98bf64bac080b3e65748669250';

/** UID the guard containers run as (the image defines no user; any non-root UID works). */
export const GUARD_UID = 65532;

/** GID the guard containers run as. */
export const GUARD_GID = 65532;
