/**
 * The probe's container image: `curlimages/curl` 8.18.0, pinned by tag AND digest.
 *
 * Why this image: it is the curl project's own image (github.com/curl/curl-container), built
 * on Alpine, so besides a current curl it carries busybox: a POSIX `sh`, `awk`, `date` and a
 * `sleep` that takes fractional seconds (FEATURE_FLOAT_SLEEP), which is all probe.sh needs.
 * It is small (about 10 MB), multi-arch (amd64, arm64, ...), and runs as the unprivileged
 * `curl_user`. Alpine's busybox `date` has no `%N`, which is why probe.sh falls back to a
 * /proc/uptime clock there.
 *
 * The digest is the multi-arch index digest of the 8.18.0 tag, as pinned by many public
 * manifests; it could not be re-read from the registry on the machine this was written on:
 * confirm with `crane digest curlimages/curl:8.18.0` when bumping. The tag alone would let a
 * re-push change what runs next to an experiment; the digest makes the manifest reviewable.
 */
export const PROBE_IMAGE = 'curlimages/curl:8.18.0@sha256:d94d07ba9e7d6de898b6d96c1a072f6f8266c687af78a74f380087a0addf5d17';

/**
 * UID of `curl_user` in the image (Alpine `adduser -S` gives the first free system id, 100).
 * The image's USER is the *name* `curl_user`, which `runAsNonRoot` cannot verify ("image has
 * non-numeric user"), so the pod must name the number.
 */
export const PROBE_IMAGE_UID = 100;

/** GID of `curl_group` in the image (101: Alpine's gid 100 is `users`). */
export const PROBE_IMAGE_GID = 101;
