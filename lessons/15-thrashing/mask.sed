# The host seconds of each run in the thrashing table vary between runs.
s/^([0-9]+[KMG] +[0-9 ]+[0-9]) +[0-9]+\.[0-9]+$/\1     #.##/
