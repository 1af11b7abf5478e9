# Sourced by scripts/deps.sh and tests/corpus/fetch.sh: a private apt, built
# from this machine's own apt configuration, that never touches the system's
# lists or caches. The repository names no archive host: every URI here comes
# from the sources apt itself reads (/etc/apt/sources.list, sources.list.d/
# *.list and deb822 *.sources, honouring Enabled: no and apt.conf overrides).

# The machine's Debian release codename (bookworm, trixie, ...).
apt_codename() {
  (. /etc/os-release && echo "${VERSION_CODENAME:-}")
}

# Prints "URI SUITE" for every suite this machine's apt configuration fetches,
# in apt's order. Asks apt what an update would download (into an empty
# private lists directory, so nothing is fetched and nothing is touched).
apt_machine_suites() {
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/lists/partial"
  apt-get -o Dir::State::Lists="$tmp/lists" -o Debug::NoLocking=1 \
          update --print-uris 2>/dev/null |
    sed -n "s|^'\([^']*\)/dists/\([^/']*\)/InRelease'.*|\1 \2|p" | awk '!seen[$0]++'
  rm -rf "$tmp"
}

# The URI serving Debian's main archive for the installed suite: the source
# whose suite is exactly the machine's codename. Fails with one line if none.
apt_archive_uri() {
  local codename uri
  codename=$(apt_codename)
  uri=$(apt_machine_suites | awk -v c="$codename" '$2 == c { print $1; exit }')
  if [ -z "$codename" ] || [ -z "$uri" ]; then
    echo "apt: no source in this machine's apt configuration serves the installed suite '${codename:-?}'" >&2
    return 1
  fi
  echo "$uri"
}

# The machine's own sources for its release and that release's updates and
# security suites ("URI SUITE"), as the corpus takes its sources from them.
apt_release_suites() {
  local codename
  codename=$(apt_codename)
  apt_machine_suites | awk -v c="$codename" '$2 == c || index($2, c "-") == 1'
}

# The option that ties a private source line to Debian's archive keys, or
# nothing (apt's trusted.gpg.d then decides) where the keyring is absent.
apt_signed_by() {
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] && echo "[signed-by=$keyring] "
  return 0
}

# apt_private DIR: creates a private apt state under DIR (lists, caches and a
# sources.list that the caller writes to DIR/etc/sources.list) and sets the
# array APT_OPTS that points apt-get at it.
apt_private() {
  local dir=$1
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/etc"
  APT_OPTS=(-o "APT::Sandbox::User=root"
            -o "Dir::Etc::sourcelist=$dir/etc/sources.list"
            -o "Dir::Etc::sourceparts=-"
            -o "Dir::State::Lists=$dir/lists"
            -o "Dir::Cache=$dir/cache"
            -o "Dir::Cache::archives=$dir/cache/archives"
            -o "APT::Get::List-Cleanup=0"
            -o "Debug::NoLocking=1")
}
