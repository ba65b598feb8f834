# demo: load wdmshim.ko and show what it offers so far.
echo
dmesg -n 1	# kernel messages only through dmesg below, not twice
echo "=== insmod wdmshim.ko"
insmod /opt/wdmshim.ko || exit 1
dmesg | tail -n 2
echo
echo "=== NT routines wdmshim.ko exports (namespace WDMSHIM) for hosted drivers"
# (each export has a __crc_ symbol on Debian's MODVERSIONS kernel)
grep '\[wdmshim\]' /proc/kallsyms |
	awk '$3 ~ /^__crc_(Ex|Rtl|Dbg|vDbg)/ { sub("__crc_", "", $3); print $3 }' |
	sort | paste -sd ' ' | fold -s -w 76 | sed 's/^/  /'
echo
echo "=== pool accounting by driver and tag: /sys/kernel/debug/wdmshim/pool"
cat /sys/kernel/debug/wdmshim/pool
echo
echo "=== rmmod wdmshim"
rmmod wdmshim || exit 1
dmesg | tail -n 1
echo
echo "Hosted WDM drivers, the I/O manager and the edu sample arrive with the next issues."
exit 0
