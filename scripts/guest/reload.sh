# reload: wdmshim.ko survives repeated load/unload cycles without leaks.
. /opt/lib.sh
i=0
while [ $i -lt 5 ]; do
	insmod /opt/wdmshim.ko || fail "insmod #$i"
	rmmod wdmshim || fail "rmmod #$i"
	i=$((i + 1))
done
kmemleak_check
exit 0
