#!/bin/sh
# Fetch the word-vector corpus, GCIDE (GPL-3+, Debian package dict-gcide), into
# ~/.cache/dlspec/dict-gcide/, without root and without installing the package (whose
# dictd server dlspec does not need). dlspec itself never calls apt and never bundles
# GCIDE: the README's commands run this script.
#
# Always exits 0: where apt is missing (macOS, Windows, other distributions) or the
# download fails, it says so, and c5-word-vectors, c5-debias and c5-emojify train on the
# English Wikipedia and news samples that gensim ships instead (their cards say which).
DEST="${HOME}/.cache/dlspec/dict-gcide"
FILE="$DEST/gcide.dict.dz"
for f in "${DLSPEC_GCIDE:-}" "$FILE" /usr/share/dictd/gcide.dict.dz; do
    if [ -n "$f" ] && [ -f "$f" ]; then
        echo "get-gcide: GCIDE is already here ($f)"
        exit 0
    fi
done
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "get-gcide: no apt-get here: the word-vector experiments will use gensim's English samples"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 0
# First with the system's package lists; where they are empty (a fresh container) or cannot
# be used, with private lists fetched into $TMP (apt-get update without root).
if ! apt-get -q download dict-gcide >/dev/null 2>&1; then
    mkdir -p lists/partial cache/archives/partial
    PRIVATE="-o Dir::State::Lists=$TMP/lists -o Dir::Cache=$TMP/cache -o Debug::NoLocking=1"
    # shellcheck disable=SC2086
    apt-get -q $PRIVATE update >/dev/null 2>&1 && apt-get -q $PRIVATE download dict-gcide >/dev/null 2>&1
fi
if ls dict-gcide_*.deb >/dev/null 2>&1 && dpkg-deb -x dict-gcide_*.deb x && [ -f x/usr/share/dictd/gcide.dict.dz ]; then
    mkdir -p "$DEST" && cp x/usr/share/dictd/gcide.dict.dz "$FILE.part" && mv "$FILE.part" "$FILE"
    echo "get-gcide: fetched GCIDE into $FILE"
else
    echo "get-gcide: dict-gcide could not be fetched: the word-vector experiments will use gensim's English samples"
fi
exit 0
