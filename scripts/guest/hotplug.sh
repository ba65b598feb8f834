# hotplug: QEMU's device_del of the edu device (scripts/vm --hotplug) with
# wdmedu bound and requests in flight: queued ones, one in StartIo. The
# stack gets its removal IRPs, every request ends (done, or failed as a
# device that is gone), the node goes, nothing is left behind.
. /opt/lib.sh
kmsg_mark hotplug
bad=0
guid=4f6c0a2e-9b1d-4c7e-a3f5-1d2e3c4b5a69

note() {
	echo "wdmshim-test: error: $*"
	bad=1
}

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
insmod /opt/wdmedufilter.ko || fail "insmod wdmedufilter.ko"
insmod /opt/wdmedu.ko || fail "insmod wdmedu.ko"
dev=$(ls /dev/wdm/$guid/ 2>/dev/null | head -n 1)
[ -n "$dev" ] || fail "no interface node /dev/wdm/$guid/*"

# Three loaders: requests queue behind the one in StartIo.
i=0
for i in 1 2 3; do
	/opt/wdmtest edu-gone >/tmp/tap.gone$i 2>&1 &
done
sleep 1
echo "wdmshim-hotplug: unplug"
# pciehp takes the slot down within a few seconds of the request.
n=0
while [ -e "/sys/bus/pci/devices/$dev" ] && [ $n -lt 60 ]; do
	sleep 1
	n=$((n + 1))
done
[ ! -e "/sys/bus/pci/devices/$dev" ] || note "$dev still present after ${n} s"
wait
for i in 1 2 3; do
	sed 's/^/wdmtest: /' /tmp/tap.gone$i
	grep -q '^ok 1 ' /tmp/tap.gone$i || note "loader $i: not every request ended well"
done
[ ! -e "/dev/wdm/$guid/$dev" ] || note "interface node left after the unplug"

rmmod wdmedu || note "rmmod wdmedu"
rmmod wdmedufilter || note "rmmod wdmedufilter"
rmmod wdmshim || note "rmmod wdmshim"

log=$(kmsg_since hotplug)
echo "$log" | grep -q "wdmshim: $dev: surprise removal" ||
	note "no surprise removal of $dev in the log"
echo "$log" | grep -q "WdmEdu: removal" || note "no IRP_MN_REMOVE_DEVICE for WdmEdu"
unexpected=$(echo "$log" | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:')
[ -z "$unexpected" ] || note "unexpected reports: $unexpected"
kmemleak_check
exit $bad
