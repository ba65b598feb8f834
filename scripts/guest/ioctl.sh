# ioctl: the sample drivers (samples/ioctl, samples/filter) and the test
# drivers (tools/testdrv), driven by the wdmtest tool.
#
# Each wdmtest case is printed on the console as "wdmtest: ok N - name"
# or "wdmtest: not ok N - name" (the host counts each as a test); this
# script's own verdict covers what the tool cannot see: rmmod while a
# device is open, unload order, a failing DriverEntry, the report lines
# wdmshim must (and must not) print, and kmemleak.
. /opt/lib.sh
kmsg_mark ioctl
bad=0

# note MESSAGE - record a failure and go on (so unloading is still tested).
note() {
	echo "wdmshim-test: error: $*"
	bad=1
}

# run_tool PHASE - run "wdmtest PHASE"; its TAP goes to the console once
# it ends (so kernel messages cannot cut its lines), prefixed "wdmtest: ".
run_tool() {
	timeout 900 /opt/wdmtest "$1" >"/tmp/tap.$1" 2>&1
	rc=$?
	sed 's/^/wdmtest: /' "/tmp/tap.$1"
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "/tmp/tap.$1")
	ran=$(grep -c -E '^(not )?ok [0-9]+ - ' "/tmp/tap.$1")
	[ -n "$plan" ] && [ "$plan" = "$ran" ] ||
		note "wdmtest $1: $ran of ${plan:-?} cases reported (exit status $rc)"
	[ "$rc" = 0 ] || note "wdmtest $1 exited with status $rc"
}

# rmmod_busy MODULE WHY - rmmod must fail while the module is in use
# (Linux' delete_module says EWOULDBLOCK, "Resource temporarily
# unavailable", for a module whose reference count is not zero).
rmmod_busy() {
	if rmmod "$1" 2>/tmp/rmmod.err; then
		note "rmmod $1 succeeded although $2"
		return
	fi
	grep -q -e 'temporarily unavailable' -e 'in use' /tmp/rmmod.err ||
		note "rmmod $1 failed for another reason: $(cat /tmp/rmmod.err)"
	[ -d "/sys/module/$1" ] || note "$1 gone although rmmod failed"
}

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"

# --- WdmIoctl alone ---
insmod /opt/wdmioctl.ko || fail "insmod wdmioctl.ko"
[ -c /dev/WdmIoctl ] || note "no char device /dev/WdmIoctl"
run_tool ioctl

exec 3</dev/WdmIoctl
rmmod_busy wdmioctl "/dev/WdmIoctl is open"
exec 3<&-

# --- WdmFilter over WdmIoctl ---
insmod /opt/wdmfilter.ko || note "insmod wdmfilter.ko"
run_tool filter
rmmod_busy wdmioctl "WdmFilter is attached over it"
exec 3<>/dev/WdmIoctl
rmmod_busy wdmfilter "/dev/WdmIoctl is open through it"
exec 3<&-
# unload order: the filter, then the driver below it
rmmod wdmfilter || note "rmmod wdmfilter"
rmmod wdmioctl || note "rmmod wdmioctl"
[ ! -e /dev/WdmIoctl ] || note "/dev/WdmIoctl left behind"

# both again: names and nodes were released
insmod /opt/wdmioctl.ko || note "insmod wdmioctl.ko again"
insmod /opt/wdmfilter.ko || note "insmod wdmfilter.ko again"
echo reloaded >/dev/WdmIoctl || note "write to /dev/WdmIoctl after a reload"
rmmod wdmfilter || note "rmmod wdmfilter again"
rmmod wdmioctl || note "rmmod wdmioctl again"

# --- the rule breakers ---
insmod /opt/wdmtestdrv.ko || fail "insmod wdmtestdrv.ko"
run_tool testdrv
rmmod wdmtestdrv || note "rmmod wdmtestdrv"
[ ! -e /dev/WdmTest ] || note "/dev/WdmTest left behind"

# DriverEntry fails half way: the load fails with its status' errno
# (STATUS_NO_SUCH_DEVICE: ENXIO) and its device and link are gone.
if insmod /opt/wdmfailentry.ko 2>/tmp/insmod.err; then
	note "insmod wdmfailentry.ko succeeded"
	rmmod wdmfailentry
fi
grep -q 'No such device or address' /tmp/insmod.err ||
	note "insmod wdmfailentry.ko: $(cat /tmp/insmod.err), want ENXIO"
[ ! -e /dev/WdmFailEntry ] || note "/dev/WdmFailEntry left behind"
[ ! -d /sys/module/wdmfailentry ] || note "wdmfailentry still loaded"

rmmod wdmshim || note "rmmod wdmshim"

# --- what wdmshim reported ---
log=$(kmsg_since ioctl)
expect() {
	echo "$log" | grep -q -F "$1" || note "no report line: $1"
}
expect "wdmshim: wdmtestdrv: completed an IRP twice"
expect "wdmshim: wdmtestdrv: dispatch returned 0x00000000 without completing the IRP and without STATUS_PENDING"
expect "wdmshim: wdmtestdrv: did not complete a cancelled IRP within 2000 ms: detached from its caller"
expect "wdmshim: wdmtestdrv: set Information 48 beyond the 32-byte output buffer"
expect "wdmshim: wdmtestdrv: set Information 24 beyond the 16-byte output buffer"
expect "wdmshim: wdmtestdrv: set Information 110 beyond the 10-byte write"
expect "wdmshim: wdmioctl: MmProbeAndLockPages failed"
expect "wdmshim: wdmtestdrv: timer still set in a freed pool block: cancelled"
expect "wdmshim: wdmtestdrv: 1 DPC(s) still queued in a freed pool block: removed"
expect "wdmshim: wdmtestdrv: timer still set at unload: cancelled"
expect "wdmshim: wdmfailentry: DriverEntry failed with status 0xc000000e (errno -6)"

# The samples break no rule (wdmioctl's NEITHER handler probes bad user
# buffers on purpose: without exception handling, wdmshim reports the
# failed probe); nothing is left behind by anyone but wdmfailentry.
unexpected=$(echo "$log" | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:' |
	grep -v -e 'wdmshim: wdmtestdrv:' -e 'wdmshim: wdmfailentry:' \
		-e 'wdmshim: wdmioctl: MmProbeAndLockPages failed')
[ -z "$unexpected" ] || note "unexpected reports: $unexpected"
leftovers=$(echo "$log" | grep -e 'left behind' -e 'leaked' -e 'not deleted' \
	-e 'still not completed' -e 'without IoMarkIrpPending' |
	grep -v 'wdmshim: wdmfailentry: symbolic link .*WdmFailEntry left behind')
[ -z "$leftovers" ] || note "left behind: $leftovers"

kmemleak_check
exit $bad
