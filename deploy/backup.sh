#!/usr/bin/env bash
# Back up the site: the database (pg_dump, custom format) and the uploaded files (public media
# and private files, one tarball each), with checksums, into a new directory
#   ${BACKUP_DIR:-backups}/kk-YYYYMMDDTHHMMSSZ/
# and keep the newest ${BACKUP_KEEP:-14} of them. Usage: deploy/backup.sh [BACKUP_DIR]
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT like the site (ENV_FILE, see
# deploy/load-env.sh). Media on S3 are not in the tarballs: use the buckets' versioning.
# Restore with deploy/restore.sh; the drill is in docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/load-env.sh
: "${DATABASE_URL:?DATABASE_URL must be set}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-private-media}
BACKUP_DIR=${1:-${BACKUP_DIR:-backups}}
BACKUP_KEEP=${BACKUP_KEEP:-14}

umask 077  # personal data: readable by the owner only
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dest="$BACKUP_DIR/kk-$stamp"
mkdir -p "$dest"
partial="$dest/.incomplete"
touch "$partial"

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file "$dest/db.dump" "$DATABASE_URL"
for kind in media private-media; do
    root=$MEDIA_ROOT
    [ "$kind" = private-media ] && root=$PRIVATE_MEDIA_ROOT
    if [ -d "$root" ]; then
        tar --create --gzip --file "$dest/$kind.tar.gz" --directory "$root" .
    else
        tar --create --gzip --file "$dest/$kind.tar.gz" --files-from /dev/null
    fi
done
(cd "$dest" && sha256sum db.dump media.tar.gz private-media.tar.gz >SHA256SUMS)
rm -f "$partial"

# Keep the newest BACKUP_KEEP complete backups.
mapfile -t old < <(find "$BACKUP_DIR" -maxdepth 1 -type d -name 'kk-*' | sort -r | tail -n "+$((BACKUP_KEEP + 1))")
for dir in "${old[@]}"; do
    [ -e "$dir/.incomplete" ] || rm -rf -- "$dir"
done
echo "$dest"
