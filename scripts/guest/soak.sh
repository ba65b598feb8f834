# soak: 100 000 IRPs through the StartIo queue of samples/queue from 8
# threads ("wdmtest soak"), every one completed exactly once, never two in
# StartIo at once; IRPs/s printed. Run by `make soak`, not `make check`.
. /opt/lib.sh
kmsg_mark soak
bad=0

insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
insmod /opt/wdmqueue.ko || fail "insmod wdmqueue.ko"
timeout 1800 /opt/wdmtest soak >/tmp/tap.soak 2>&1
rc=$?
sed 's/^/wdmtest: /' /tmp/tap.soak
[ "$rc" = 0 ] || { echo "wdmshim-test: error: wdmtest soak exited with status $rc"; bad=1; }
rmmod wdmqueue || { echo "wdmshim-test: error: rmmod wdmqueue"; bad=1; }
rmmod wdmshim || { echo "wdmshim-test: error: rmmod wdmshim"; bad=1; }
unexpected=$(kmsg_since soak | grep -e 'wdmshim: wdm[a-z]*:' -e 'wdmshim: wdmshim:')
[ -z "$unexpected" ] || { echo "wdmshim-test: error: reports: $unexpected"; bad=1; }
kmemleak_check
exit $bad
