# queue: the StartIo sample (samples/queue), driven by "wdmtest queue":
# key order, cancel of queued/current/uncancelable IRPs, cancel storms,
# close with queued IRPs, the cancel-safe queue, and 2000 IRPs from 8
# threads through one device queue, every one completed exactly once,
# never two in StartIo at once; IRPs/s with 1 and 8 threads (printed, not
# asserted). This script checks the unload (with work still queued) and
# the reports.
. /opt/lib.sh
kmsg_mark queue
bad=0

note() {
	echo "wdmshim-test: error: $*"
	bad=1
}

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
insmod /opt/wdmqueue.ko || fail "insmod wdmqueue.ko"
[ -c /dev/WdmQueue ] || note "no char device /dev/WdmQueue"

timeout 900 /opt/wdmtest queue >/tmp/tap.queue 2>&1
rc=$?
sed 's/^/wdmtest: /' /tmp/tap.queue
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' /tmp/tap.queue)
ran=$(grep -c -E '^(not )?ok [0-9]+ - ' /tmp/tap.queue)
[ -n "$plan" ] && [ "$plan" = "$ran" ] ||
	note "wdmtest queue: $ran of ${plan:-?} cases reported (exit status $rc)"
[ "$rc" = 0 ] || note "wdmtest queue exited with status $rc"

ps | grep -q '\[wdm/WdmQueue\]' || note "no StartIo thread wdm/WdmQueue"
# The last case queued work items (300 ms each) and closed its handle:
# rmmod is not refused, it waits for them before DriverUnload.
rmmod wdmqueue || note "rmmod wdmqueue with work still queued"
kmsg_since queue | grep -q 'WdmQueue: unload: 3 of 3 deferred work items ran' ||
	note "DriverUnload ran before the deferred work: $(kmsg_since queue | grep 'WdmQueue: unload')"
[ ! -e /dev/WdmQueue ] || note "/dev/WdmQueue left behind"
ps | grep -q '\[wdm/WdmQueue\]' && note "StartIo thread left after rmmod"
rmmod wdmshim || note "rmmod wdmshim"

log=$(kmsg_since queue)
unexpected=$(echo "$log" | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:')
[ -z "$unexpected" ] || note "unexpected reports: $unexpected"

kmemleak_check
exit $bad
