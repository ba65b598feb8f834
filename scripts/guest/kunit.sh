# kunit: run the KUnit suites of wdmshim_kunit.ko (test kernel only).
#
# failslab is armed for tasks that ask for it (make_it_fail), so the pool
# suite can make one real allocation fail; everything else allocates
# normally. The host cuts the KTAP output between the two markers.
. /opt/lib.sh
f=/sys/kernel/debug/failslab
[ -d $f ] || fail "no failslab in debugfs"
echo Y > $f/task-filter
echo N > $f/ignore-gfp-wait
echo 100 > $f/probability
echo 1 > $f/interval
echo -1 > $f/times
echo 0 > $f/verbose
insmod /opt/wdmshim.ko || fail "insmod wdmshim.ko"
echo "wdmshim-kunit: begin" > /dev/kmsg
insmod /opt/wdmshim_kunit.ko || fail "insmod wdmshim_kunit.ko"
echo "wdmshim-kunit: end" > /dev/kmsg
rmmod wdmshim_kunit || fail "rmmod wdmshim_kunit"
rmmod wdmshim || fail "rmmod wdmshim"
echo 0 > $f/probability
kmemleak_check
exit 0
