# edu: the PnP sample on QEMU's edu device (samples/edu, samples/edufilter):
# the stack AddDevice builds from edu.inf (WdmEdu + its upper filter), the
# "wdmtest edu" cases, sysfs unbind under load, bind again, a forced
# surprise removal, the filter leaving and coming back, and rmmod.
# WDMTEST_EDU_MSI (0/1), from the kernel command line, is the interrupt
# kind expected (pci=nomsi boots give INTx).
. /opt/lib.sh
kmsg_mark edu
bad=0
guid=4f6c0a2e-9b1d-4c7e-a3f5-1d2e3c4b5a69
drv=/sys/bus/pci/drivers/wdmedu
force=/sys/kernel/debug/wdmshim/pnp_force_surprise_removal

note() {
	echo "wdmshim-test: error: $*"
	bad=1
}

# run_tool PHASE - wdmtest PHASE, its TAP on the console.
run_tool() {
	timeout 600 /opt/wdmtest "$1" >/tmp/tap."$1" 2>&1
	rc=$?
	sed 's/^/wdmtest: /' /tmp/tap."$1"
	[ "$rc" = 0 ] || note "wdmtest $1 exited with status $rc"
}

grep -q pci=nomsi /proc/cmdline && export WDMTEST_EDU_MSI=0 || export WDMTEST_EDU_MSI=1

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
insmod /opt/wdmedufilter.ko || fail "insmod wdmedufilter.ko"
insmod /opt/wdmedu.ko || fail "insmod wdmedu.ko"
dev=$(ls /dev/wdm/$guid/ 2>/dev/null | head -n 1)
[ -n "$dev" ] || fail "no interface node /dev/wdm/$guid/*"
[ -e "$drv/$dev" ] || note "$dev is not bound to wdmedu"
ps | grep -q '\[wdm/' || note "no StartIo thread"

run_tool edu

# sysfs unbind under load: every request ends, the node goes.
/opt/wdmtest edu-gone >/tmp/tap.gone 2>&1 &
load=$!
sleep 1
echo "$dev" >"$drv/unbind" || note "unbind $dev"
wait $load || note "wdmtest edu-gone failed"
sed 's/^/wdmtest: /' /tmp/tap.gone
[ ! -e "/dev/wdm/$guid/$dev" ] || note "interface node left after unbind"

# bound again: a new stack, the filter in it again.
echo "$dev" >"$drv/bind" || note "bind $dev"
[ -e "/dev/wdm/$guid/$dev" ] || note "no interface node after bind"
run_tool edu-again

# the surprise path, forced, with a file open (REMOVE_DEVICE at its close).
echo Y >"$force"
exec 3<>"/dev/wdm/$guid/$dev"
echo "$dev" >"$drv/unbind" || note "forced surprise unbind"
exec 3<&-
echo N >"$force"
echo "$dev" >"$drv/bind" || note "bind after surprise removal"

# the filter goes (the stack is rebuilt without it) and comes back.
rmmod wdmedufilter || note "rmmod wdmedufilter under a bound device"
[ -e "/dev/wdm/$guid/$dev" ] || note "no interface node without the filter"
insmod /opt/wdmedufilter.ko || note "insmod wdmedufilter.ko again"
run_tool edu-again

rmmod wdmedu || note "rmmod wdmedu"
[ ! -e "/dev/wdm/$guid/$dev" ] || note "interface node left after rmmod"
rmmod wdmedufilter || note "rmmod wdmedufilter"
rmmod wdmshim || note "rmmod wdmshim"

log=$(kmsg_since edu)
expect() {
	echo "$log" | grep -q -e "$1" || note "no log line: $1"
}
XX
XX
expect "WdmEdu: surprise removal"
expect "wdmshim: $dev: orderly removal$"
expect "wdmshim: $dev: surprise removal (files are open)"
expect "wdmshim: $dev: surprise removal (forced by debugfs)"
expect "wdmshim: $dev: surprise-removed; removal completes when its files close"
unexpected=$(echo "$log" | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:')
[ -z "$unexpected" ] || note "unexpected reports: $unexpected"
kmemleak_check
exit $bad
