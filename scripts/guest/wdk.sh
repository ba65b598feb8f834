# wdk: the driver written in the WDK's dialect (tools/wdktest), driven by
# "wdmtest wdk": METHOD_NEITHER buffers probed and locked inside
# try/except (good, unmapped, kernel, too short, misaligned, read-only:
# every bad one ends in the driver's except block, never an oops), raises
# from deep calls through nested try/finally/except, a raise without a
# handler, ntstrsafe formatting and IoCreateDeviceSecure's node modes.
# This script checks the load and unload and what wdmshim reported.
. /opt/lib.sh
kmsg_mark wdk
bad=0

note() {
	echo "wdmshim-test: error: $*"
	bad=1
}

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
insmod /opt/wdmwdktest.ko || fail "insmod wdmwdktest.ko"
for n in WdkTest WdkTestAdmin WdkTestKernel; do
	[ -c /dev/$n ] || note "no char device /dev/$n"
done

timeout 900 /opt/wdmtest wdk >/tmp/tap.wdk 2>&1
rc=$?
sed 's/^/wdmtest: /' /tmp/tap.wdk
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' /tmp/tap.wdk)
ran=$(grep -c -E '^(not )?ok [0-9]+ - ' /tmp/tap.wdk)
[ -n "$plan" ] && [ "$plan" = "$ran" ] ||
	note "wdmtest wdk: $ran of ${plan:-?} cases reported (exit status $rc)"
[ "$rc" = 0 ] || note "wdmtest wdk exited with status $rc"

rmmod wdmwdktest || note "rmmod wdmwdktest"
for n in WdkTest WdkTestAdmin WdkTestKernel; do
	[ ! -e /dev/$n ] || note "/dev/$n left behind"
done
# reloads: names, links and nodes were all released
insmod /opt/wdmwdktest.ko || note "insmod wdmwdktest.ko again"
rmmod wdmwdktest || note "rmmod wdmwdktest again"
rmmod wdmshim || note "rmmod wdmshim"

# The one report: the raise outside any try block. Nothing else, in
# particular no exception reported as unhandled and nothing left behind.
log=$(kmsg_since wdk)
echo "$log" | grep -q -F \
	"wdmshim: wdmwdktest: ExRaiseStatus raised 0xc00000ef with no exception handler: the call returns" ||
	note "no report of the unhandled ExRaiseStatus"
unexpected=$(echo "$log" | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:' |
	grep -v 'wdmshim: wdmwdktest: ExRaiseStatus raised 0xc00000ef with no exception handler')
[ -z "$unexpected" ] || note "unexpected reports: $unexpected"

kmemleak_check
exit $bad
