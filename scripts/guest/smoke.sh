# smoke: wdmshim.ko loads, exposes its debugfs pool file, unloads cleanly
# and logs nothing but its own two lines.
. /opt/lib.sh
kmsg_mark smoke
insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
[ -d /sys/module/wdmshim ] || fail "wdmshim not in /sys/module"
head -n 1 /sys/kernel/debug/wdmshim/pool | grep -q '^driver *tag' ||
	fail "debugfs pool file missing or malformed"
rmmod wdmshim || fail "rmmod wdmshim"
[ ! -d /sys/module/wdmshim ] || fail "wdmshim still loaded"
log=$(kmsg_since smoke)
echo "$log"
echo "$log" | grep -q 'wdmshim: loaded' || fail "no load message"
echo "$log" | grep -q 'wdmshim: unloaded' || fail "no unload message"
other=$(echo "$log" | grep -v -e 'wdmshim: loaded' -e 'wdmshim: unloaded' -e '^$' -e 'loading out-of-tree module taints kernel' -e 'module verification failed')
[ -z "$other" ] || fail "unexpected kernel messages: $other"
exit 0
