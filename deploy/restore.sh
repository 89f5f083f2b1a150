#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a NEW database and empty media directories:
#   deploy/restore.sh backups/kk-20280515T021700Z
# DATABASE_URL names the database to create (it must not exist, or be empty); MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT the directories to fill (missing or empty). Checksums are verified first.
# Afterwards: migrations the newer code brings are applied, the page cache is emptied, and the
# site can be pointed at the restored database. The drill is in docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/load-env.sh
src=${1:?usage: deploy/restore.sh BACKUP_DIRECTORY}
: "${DATABASE_URL:?DATABASE_URL must be set}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-private-media}

[ -f "$src/db.dump" ] || { echo "No db.dump in $src" >&2; exit 1; }
[ ! -e "$src/.incomplete" ] || { echo "$src is an incomplete backup" >&2; exit 1; }
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
    if [ -d "$root" ] && [ -n "$(ls -A "$root")" ]; then
        echo "$root is not empty; restore only into new, empty directories." >&2
        exit 2
    fi
done

"$BIN/python" deploy/ensure_database.py --empty
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$src/db.dump"
mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"
tar --extract --gzip --file "$src/media.tar.gz" --directory "$MEDIA_ROOT"
tar --extract --gzip --file "$src/private-media.tar.gz" --directory "$PRIVATE_MEDIA_ROOT"

"$BIN/python" manage.py migrate --no-input -v 0
# Pages cached from the database before the restore must not be served.
"$BIN/python" manage.py shell -v 0 -c "from cms.core.page_cache import bump_generation; bump_generation()"
echo "Restored $src into $(echo "$DATABASE_URL" | sed -E 's#//[^@]*@#//#')."
