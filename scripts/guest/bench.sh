# bench: wdmshim's samples against their native twins (tools/native), in
# one boot, alternating within each repetition (tools/wdmbench.c). The VM
# has two edu devices: driver_override gives one to the WDM driver, the
# other to the native one.
. /opt/lib.sh
# shellcheck disable=SC2046
set -- $(for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ] &&
		basename "$d"
done)
[ $# -ge 2 ] || fail "want two edu devices, found $#"
echo wdmedu >"/sys/bus/pci/devices/$1/driver_override"
echo wdmnativeedu >"/sys/bus/pci/devices/$2/driver_override"
for m in wdmshim wdmioctl wdmqueue wdmedu wdmnative; do
	insmod /opt/$m.ko || fail "insmod $m.ko"
done
echo "bench: edu $1 -> wdmedu, $2 -> wdmnativeedu"
echo "bench: $(grep -c ^processor /proc/cpuinfo) vCPUs, $(uname -r)"
echo "bench-begin"
for what in ioctl stack queue edu; do
	/opt/wdmbench $what || fail "wdmbench $what"
done
echo "bench-end"
exit 0
